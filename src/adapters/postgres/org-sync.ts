import { and, eq, ne, notInArray, or, sql } from 'drizzle-orm';
import { categories, people } from '../../../db/schema/index.js';
import type { OrgConfig } from '../../config/org-file.js';
import type { Database } from './database.js';
import { translateError } from './errors.js';

/** Every replica takes this lock for its sync, so two starting at once do not race. */
const ORG_SYNC_LOCK_KEY = 7_306_511_002;

export interface SyncReport {
  people: number;
  categories: number;
  deactivatedPeople: number;
  deactivatedCategories: number;
}

/**
 * Makes the people and categories rows match the organisation file. Rows are never deleted:
 * complaints keep pointing at people and categories that left the file (they become inactive).
 */
export async function syncOrganisation(db: Database, org: OrgConfig): Promise<SyncReport> {
  try {
    return await db.transaction(async (tx) => {
      // Concurrent upserts of one person conflict on the Slack/Teams id indexes, which
      // ON CONFLICT (id) does not arbitrate: replicas starting together sync one at a time.
      await tx.execute(sql`select pg_advisory_xact_lock(${ORG_SYNC_LOCK_KEY})`);
      const personIds = org.people.map((p) => p.id);
      await releaseIdentitiesOfFirstContacts(tx, org);
      for (const person of org.people) {
        // A locale in the file pins it; without one the row keeps what the platform reported.
        const { locale, ...rest } = person;
        const values = { ...rest, localePinned: locale !== null, source: 'org_file' };
        await tx
          .insert(people)
          .values({ ...values, locale })
          .onConflictDoUpdate({
            target: people.id,
            set: { ...values, ...(locale !== null ? { locale } : {}), updatedAt: sql`now()` },
          });
      }
      const deactivatedPeople = await tx
        .update(people)
        .set({ active: false, updatedAt: sql`now()` })
        .where(
          and(
            eq(people.source, 'org_file'),
            eq(people.active, true),
            notInArray(people.id, personIds),
          ),
        )
        .returning({ id: people.id });
      for (const [position, category] of org.categories.entries()) {
        const values = {
          key: category.key,
          labelNl: category.label.nl,
          labelEn: category.label.en,
          handlerId: category.handler,
          position,
          active: true,
        };
        await tx
          .insert(categories)
          .values(values)
          .onConflictDoUpdate({ target: categories.key, set: values });
      }
      const deactivatedCategories = await tx
        .update(categories)
        .set({ active: false })
        .where(
          and(
            eq(categories.active, true),
            notInArray(
              categories.key,
              org.categories.map((c) => c.key),
            ),
          ),
        )
        .returning({ key: categories.key });
      return {
        people: org.people.length,
        categories: org.categories.length,
        deactivatedPeople: deactivatedPeople.length,
        deactivatedCategories: deactivatedCategories.length,
      };
    });
  } catch (error) {
    throw translateError(error);
  }
}

/**
 * A Slack or Teams id belongs to the person the file now gives it to. Any other row holding
 * it (a first-contact reporter who is now listed, or a listed person whose id moved) lets go
 * first, so the unique indexes hold. First-contact rows that lose their id become inactive;
 * their history stays.
 */
async function releaseIdentitiesOfFirstContacts(tx: Database, org: OrgConfig) {
  for (const person of org.people) {
    const claims = [
      person.slackUserId ? eq(people.slackUserId, person.slackUserId) : undefined,
      person.teamsAadObjectId ? eq(people.teamsAadObjectId, person.teamsAadObjectId) : undefined,
    ].filter((c) => c !== undefined);
    if (claims.length === 0) continue;
    const holders = await tx
      .select({
        id: people.id,
        source: people.source,
        slack: people.slackUserId,
        aad: people.teamsAadObjectId,
      })
      .from(people)
      .where(and(ne(people.id, person.id), or(...claims)));
    for (const holder of holders) {
      const released = {
        slackUserId: holder.slack === person.slackUserId ? null : holder.slack,
        teamsAadObjectId: holder.aad === person.teamsAadObjectId ? null : holder.aad,
      };
      await tx
        .update(people)
        .set({
          ...released,
          ...(holder.source === 'first_contact' ? { active: false } : {}),
          updatedAt: sql`now()`,
        })
        .where(eq(people.id, holder.id));
    }
  }
}
