import { and, asc, eq, or, sql } from 'drizzle-orm';
import { people } from '../../../db/schema/index.js';
import type { PlatformIdentity, Repository } from '../../app/ports.js';
import type { Locale, Person } from '../../domain/people.js';
import type { Database } from './database.js';
import { toPerson } from './mappers.js';

type PeopleRepository = Pick<
  Repository,
  'findPerson' | 'listPeople' | 'findPersonByIdentity' | 'insertPerson' | 'recordPlatformLocale'
>;

/** The people part of the Repository port. */
export function peopleRepository(db: Database): PeopleRepository {
  return {
    async findPerson(id) {
      const [row] = await db.select().from(people).where(eq(people.id, id));
      return row ? toPerson(row) : null;
    },
    async listPeople() {
      return (await db.select().from(people).orderBy(asc(people.id))).map(toPerson);
    },
    async findPersonByIdentity(identity: PlatformIdentity) {
      const conditions = [
        identity.slackUserId ? eq(people.slackUserId, identity.slackUserId) : undefined,
        identity.teamsAadObjectId
          ? eq(people.teamsAadObjectId, identity.teamsAadObjectId)
          : undefined,
        identity.email ? sql`lower(${people.email}) = lower(${identity.email})` : undefined,
      ].filter((c) => c !== undefined);
      if (conditions.length === 0) return null;
      const [row] = await db
        .select()
        .from(people)
        .where(or(...conditions))
        .orderBy(sql`${people.source} = 'org_file' desc`)
        .limit(1);
      return row ? toPerson(row) : null;
    },
    async insertPerson(person: Person, source) {
      const localePinned = person.localePinned ?? (source === 'org_file' && person.locale !== null);
      const values = { ...person, roles: [...person.roles], localePinned, source };
      await db.insert(people).values(values).onConflictDoNothing();
      const [row] = await db.select().from(people).where(eq(people.id, person.id));
      if (!row) throw new Error(`person ${person.id} was not stored`);
      return toPerson(row);
    },
    async recordPlatformLocale(personId: string, locale: Locale) {
      await db
        .update(people)
        .set({ locale, updatedAt: sql`now()` })
        .where(
          and(
            eq(people.id, personId),
            eq(people.localePinned, false),
            sql`${people.locale} is distinct from ${locale}`,
          ),
        );
    },
  };
}
