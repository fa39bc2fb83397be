import { desc, eq, or } from 'drizzle-orm';
import { conversationRefs } from '../../../db/schema/index.js';
import type { ConversationRefStore } from '../../app/ports.js';
import type { Database } from './database.js';
import { translatingErrors } from './errors.js';

/** Teams conversation references in PostgreSQL (the Teams surface gets only the port). */
export function createConversationRefStore(db: Database): ConversationRefStore {
  return translatingErrors<ConversationRefStore>({
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
