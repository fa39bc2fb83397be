import { desc, eq, or } from 'drizzle-orm';
import { conversationRefs } from '../../../db/schema/index.js';
import type { Database } from '../postgres/database.js';
import { translatingErrors } from '../postgres/errors.js';

/** A stored Bot Framework conversation reference (the JSON botbuilder gives us). */
export interface StoredConversationRef {
  key: string;
  personId: string | null;
  aadObjectId: string | null;
  tenantId: string | null;
  conversationId: string;
  serviceUrl: string;
  reference: Record<string, unknown>;
  updatedAt: Date;
}

export interface ConversationRefStore {
  save(ref: StoredConversationRef): Promise<void>;
  /** The newest personal conversation of a person (by person id or AAD object id). */
  findPersonal(personId: string, aadObjectId: string | null): Promise<StoredConversationRef | null>;
  find(key: string): Promise<StoredConversationRef | null>;
  /** Any recent reference: its service URL and tenant are where new conversations are created. */
  latest(): Promise<StoredConversationRef | null>;
}

export function createConversationRefStore(db: Database): ConversationRefStore {
  return translatingErrors({
    async save(ref) {
      await db
        .insert(conversationRefs)
        .values(ref)
        .onConflictDoUpdate({
          target: conversationRefs.key,
          set: {
            personId: ref.personId,
            aadObjectId: ref.aadObjectId,
            tenantId: ref.tenantId,
            conversationId: ref.conversationId,
            serviceUrl: ref.serviceUrl,
            reference: ref.reference,
            updatedAt: ref.updatedAt,
          },
        });
    },
    async findPersonal(personId, aadObjectId) {
      const match = aadObjectId
        ? or(eq(conversationRefs.personId, personId), eq(conversationRefs.aadObjectId, aadObjectId))
        : eq(conversationRefs.personId, personId);
      const [row] = await db
        .select()
        .from(conversationRefs)
        .where(match)
        .orderBy(desc(conversationRefs.updatedAt))
        .limit(1);
      return row ?? null;
    },
    async find(key) {
      const [row] = await db.select().from(conversationRefs).where(eq(conversationRefs.key, key));
      return row ?? null;
    },
    async latest() {
      const [row] = await db
        .select()
        .from(conversationRefs)
        .orderBy(desc(conversationRefs.updatedAt))
        .limit(1);
      return row ?? null;
    },
  });
}
