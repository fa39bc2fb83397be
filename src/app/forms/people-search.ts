import type { Person } from '../../domain/people.js';
import type { AppDeps } from '../deps.js';

export interface PersonMatch {
  id: string;
  name: string;
}

/** Lower case without accents, so "jose" finds "José". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function matches(person: Person, words: readonly string[]): boolean {
  const name = fold(person.name);
  return words.every((word) => name.includes(word));
}

/**
 * Active people whose name contains every word typed, names starting with the text first;
 * the type-ahead of people fields (a card cannot carry a whole organisation).
 */
export async function searchPeople(
  deps: Pick<AppDeps, 'store'>,
  text: string,
  page: { count: number; skip: number } = { count: 15, skip: 0 },
): Promise<PersonMatch[]> {
  const query = fold(text.trim());
  const words = query.split(/\s+/).filter(Boolean);
  const people = (await deps.store.repository.listPeople()).filter(
    (person) => person.active && matches(person, words),
  );
  const rank = (person: Person) => (query && fold(person.name).startsWith(query) ? 0 : 1);
  people.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  const count = Math.max(0, Math.min(page.count, 50));
  return people
    .slice(Math.max(0, page.skip), Math.max(0, page.skip) + count)
    .map((person) => ({ id: person.id, name: person.name }));
}
