import { z } from 'zod';
import { cleanText } from '../domain/commands.js';
import type { Locale, Person } from '../domain/people.js';
import { parseOrThrow } from '../domain/validation.js';
import type { AppDeps } from './deps.js';
import { isUniqueViolation, withDatabaseErrors } from './store-errors.js';

const identitySchema = z
  .object({
    slackUserId: z
      .string()
      .regex(/^[UW][A-Z0-9]+$/)
      .optional(),
    teamsAadObjectId: z.string().uuid().optional(),
    email: z.string().email().max(320).optional(),
    displayName: z.string().max(200).optional(),
    locale: z.enum(['nl', 'en']).optional(),
  })
  .refine((i) => i.slackUserId || i.teamsAadObjectId, { message: 'a platform id is required' });
export type IdentityInput = z.input<typeof identitySchema>;

/**
 * Finds the person behind a chat user: by platform id, then by email from the organisation
 * file. Anyone else becomes a reporter on first contact (DESIGN.md §10).
 */
export async function identifyPerson(deps: AppDeps, raw: IdentityInput): Promise<Person> {
  const input = parseOrThrow(identitySchema, raw);
  const repo = deps.store.repository;
  return withDatabaseErrors(async () => {
    const known = await repo.findPersonByIdentity(input);
    if (known) return withPlatformLocale(deps, known, input.locale);
    const id = input.slackUserId ? `slack-${input.slackUserId}` : `teams-${input.teamsAadObjectId}`;
    const person: Person = {
      id,
      name: cleanText(input.displayName ?? '') || id,
      email: input.email?.toLowerCase() ?? null,
      roles: ['reporter'],
      slackUserId: input.slackUserId ?? null,
      teamsAadObjectId: input.teamsAadObjectId?.toLowerCase() ?? null,
      locale: (input.locale as Locale | undefined) ?? null,
      active: true,
    };
    try {
      const created = await repo.insertPerson(person, 'first_contact');
      deps.logger.info({ personId: created.id }, 'new reporter on first contact');
      return created;
    } catch (error) {
      // Two first requests of one user raced; the other one created the row.
      if (!isUniqueViolation(error)) throw error;
      const again = await repo.findPersonByIdentity(input);
      if (!again) throw error;
      return again;
    }
  });
}

/**
 * Stores the language the platform reports for a known person (listed people included), so
 * proactive messages speak it too. Only a change costs a write; a pinned locale never changes.
 */
async function withPlatformLocale(
  deps: AppDeps,
  person: Person,
  locale: Locale | undefined,
): Promise<Person> {
  if (!locale || person.locale === locale || person.localePinned) return person;
  await deps.store.repository.recordPlatformLocale(person.id, locale);
  return { ...person, locale };
}
