import { and, eq, inArray, isNotNull, notInArray, or, sql } from 'drizzle-orm';
import { categories, people } from '../../../db/schema/index.js';
import type { OrgConfig } from '../../config/org-file.js';
import type { Database } from './database.js';
import { translateError } from './errors.js';

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
      const personIds = org.people.map((p) => p.id);
      await releaseIdentitiesOfFirstContacts(tx, org);
      for (const person of org.people) {
        const values = { ...person, source: 'org_file', updatedAt: sql`now()` };
        await tx
          .insert(people)
          .values(values)
          .onConflictDoUpdate({ target: people.id, set: values });
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
 * Someone who reported before being listed has a first-contact row holding their Slack or
 * Teams id. When the file now lists them, the listed person takes the id over; the old row
 * keeps its history and becomes inactive.
 */
async function releaseIdentitiesOfFirstContacts(tx: Database, org: OrgConfig) {
  const slackIds = org.people.flatMap((p) => (p.slackUserId ? [p.slackUserId] : []));
  const aadIds = org.people.flatMap((p) => (p.teamsAadObjectId ? [p.teamsAadObjectId] : []));
  const conditions = [
    slackIds.length ? inArray(people.slackUserId, slackIds) : undefined,
    aadIds.length ? inArray(people.teamsAadObjectId, aadIds) : undefined,
  ].filter((c) => c !== undefined);
  if (conditions.length === 0) return;
  await tx
    .update(people)
    .set({ slackUserId: null, teamsAadObjectId: null, active: false, updatedAt: sql`now()` })
    .where(
      and(
        eq(people.source, 'first_contact'),
        notInArray(
          people.id,
          org.people.map((p) => p.id),
        ),
        or(...conditions),
        or(isNotNull(people.slackUserId), isNotNull(people.teamsAadObjectId)),
      ),
    );
}
