import type { Application, TurnState } from '@microsoft/teams-ai';
import type { FormModel, FormValues } from '../../app/forms/model.js';
import { type PersonMatch, searchPeople } from '../../app/forms/people-search.js';
import { PEOPLE_DATASET } from './cards/form-fields.js';
import type { TeamsContext } from './context.js';

/** Teams shows at most 15 type-ahead options. */
const MAX_RESULTS = 15;

/**
 * Type-ahead (`Data.Query`, invoke `application/search`) for the people fields of the forms:
 * a card names no one inline, so its size does not grow with the organisation.
 */
export function registerPeopleSearch(app: Application<TurnState>, ctx: TeamsContext): void {
  app.adaptiveCards.search(PEOPLE_DATASET, async (_turn, _state, query) => {
    const matches = await searchPeople(ctx.deps, query.parameters.queryText, {
      count: Math.min(query.count || MAX_RESULTS, MAX_RESULTS),
      skip: query.skip,
    });
    return matches.map((person) => ({ title: person.name, value: person.id }));
  });
}

/**
 * The static choices of a form's people fields: the people its values name (so a chosen
 * person's name shows) and the first few of the organisation as suggestions.
 */
export async function formPeople(
  ctx: TeamsContext,
  model: FormModel,
  values: FormValues,
): Promise<PersonMatch[]> {
  const fields = model.fields.filter((field) => field.kind === 'person');
  if (fields.length === 0) return [];
  const repo = ctx.deps.store.repository;
  const suggestions = await searchPeople(ctx.deps, '', { count: MAX_RESULTS, skip: 0 });
  const chosen: PersonMatch[] = [];
  for (const field of fields) {
    const id = values[field.name];
    if (!id || [...chosen, ...suggestions].some((p) => p.id === id)) continue;
    const person = await repo.findPerson(id);
    if (person) chosen.push({ id: person.id, name: person.name });
  }
  return [...chosen, ...suggestions];
}
