import { and, eq, gt, isNull } from 'drizzle-orm';
import { complainantLinks } from '../../../db/schema/index.js';
import type {
  ComplainantLink,
  ComplainantLinkRepository,
} from '../../app/complainant-link-port.js';
import type { Database } from './database.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Row = typeof complainantLinks.$inferSelect;

function toLink(row: Row): ComplainantLink {
  return {
    id: row.id,
    complaintId: row.complaintId,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
  };
}

/** The drizzle implementation of ComplainantLinkRepository (issue 11). */
export function complainantLinkRepository(db: Database): ComplainantLinkRepository {
  return {
    async insertComplainantLink(link) {
      const [row] = await db
        .insert(complainantLinks)
        .values({
          complaintId: link.complaintId,
          createdAt: link.createdAt,
          expiresAt: link.expiresAt,
        })
        .returning();
      if (!row) throw new Error('complainant link not returned');
      return toLink(row);
    },
    async findComplainantLink(id) {
      // The id comes from a signed token; anything that is not a uuid is simply not found.
      if (!UUID.test(id)) return null;
      const [row] = await db.select().from(complainantLinks).where(eq(complainantLinks.id, id));
      return row ? toLink(row) : null;
    },
    async revokeComplainantLinks(complaintId, at) {
      if (!UUID.test(complaintId)) return 0;
      const rows = await db
        .update(complainantLinks)
        .set({ revokedAt: at })
        .where(
          and(
            eq(complainantLinks.complaintId, complaintId),
            isNull(complainantLinks.revokedAt),
            gt(complainantLinks.expiresAt, at),
          ),
        )
        .returning({ id: complainantLinks.id });
      return rows.length;
    },
  };
}
