import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import {
  addAttachments,
  attachmentForDownload,
  listAttachments,
} from '../../src/app/attachments.js';
import type { AppDeps } from '../../src/app/deps.js';
import { reportComplaint } from '../../src/app/report-complaint.js';
import type { Complaint } from '../../src/domain/complaint.js';
import { DomainError } from '../../src/domain/errors.js';
import type { Person } from '../../src/domain/people.js';
import {
  buildDeps,
  createTestDatabase,
  DATABASE_KINDS,
  type TestDatabase,
} from '../support/databases.js';
import { FILES, pdfOfSize } from './files.js';

const MB = 1024 * 1024;

describe.each(DATABASE_KINDS)('attachments: the use cases (%s)', (kind) => {
  let db: TestDatabase;
  let deps: AppDeps;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    deps = await buildDeps(db.handle);
  });
  afterAll(async () => {
    await db?.drop();
  });

  const person = async (id: string) => (await deps.store.repository.findPerson(id)) as Person;
  async function complaint(): Promise<Complaint> {
    const { complaint } = await reportComplaint(deps, {
      reporterId: 'mo',
      categoryKey: 'dienstverlening',
      description: 'Met bijlagen',
      intakeKey: `test:${Math.random()}`,
    });
    return complaint;
  }
  async function refusedCode(work: Promise<unknown>): Promise<string> {
    try {
      await work;
    } catch (error) {
      if (error instanceof DomainError) return error.code;
      throw error;
    }
    throw new Error('not refused');
  }
  async function counts(complaintId: string) {
    const result = await db.handle.db.execute(
      sql`select (select count(*)::int from attachments where complaint_id = ${complaintId}) as files,
                 (select count(*)::int from audit_events where complaint_id = ${complaintId}
                    and action = 'attachment_added') as audit`,
    );
    return rowsOf<{ files: number; audit: number }>(result)[0];
  }

  it('25 MB per complaint: the file that does not fit refuses the whole batch, nothing half-written', async () => {
    const c = await complaint();
    const add = (files: { fileName: string; content: Uint8Array }[]) =>
      addAttachments(deps, {
        complaintId: c.id,
        addedBy: 'mo',
        source: 'slack',
        files: files.map((f) => ({ ...f, mediaType: 'application/pdf' })),
      });
    await add([
      { fileName: 'a.pdf', content: pdfOfSize(9 * MB) },
      { fileName: 'b.pdf', content: pdfOfSize(9 * MB + 1) },
    ]);
    expect(await counts(c.id)).toEqual({ files: 2, audit: 2 });
    expect(
      await refusedCode(
        add([
          { fileName: 'c.pdf', content: pdfOfSize(MB) },
          { fileName: 'd.pdf', content: pdfOfSize(6 * MB) },
        ]),
      ),
    ).toBe('attachment.complaint_full');
    expect(await counts(c.id)).toEqual({ files: 2, audit: 2 });
    expect(await deps.store.repository.attachmentBytes(c.id)).toBe(18 * MB + 1);
  });

  it('who may add, list and download: whoever may see the complaint, and the complainant', async () => {
    const c = await complaint();
    expect(
      await refusedCode(
        addAttachments(deps, {
          complaintId: c.id,
          addedBy: 'hanna',
          source: 'teams',
          files: [{ fileName: 'a.pdf', mediaType: 'application/pdf', content: FILES.pdf }],
        }),
      ),
    ).toBe('complaint.not_found');
    const [mine] = await addAttachments(deps, {
      complaintId: c.reference,
      addedBy: 'complainant',
      source: 'page',
      files: [{ fileName: 'antwoord.docx', mediaType: 'x', content: FILES.docx }],
    });
    if (!mine) throw new Error('not stored');
    expect(mine).toMatchObject({ addedBy: 'complainant', duplicate: false });
    expect((await listAttachments(deps, await person('piet'), c.id)).map((a) => a.id)).toEqual([
      mine.id,
    ]);
    expect(await refusedCode(listAttachments(deps, await person('hanna'), c.id))).toBe(
      'complaint.not_found',
    );
    const file = await attachmentForDownload(deps, 'piet', mine.id);
    expect(Buffer.from(file?.content ?? []).equals(FILES.docx)).toBe(true);
    expect(await attachmentForDownload(deps, 'hanna', mine.id)).toBeNull();
    expect(await attachmentForDownload(deps, 'nobody', mine.id)).toBeNull();
    expect(await attachmentForDownload(deps, 'piet', 'not-a-uuid')).toBeNull();
  });

  it('retention: a complaint’s files are deleted by complaint id', async () => {
    const c = await complaint();
    await addAttachments(deps, {
      complaintId: c.id,
      addedBy: 'mo',
      source: 'slack',
      files: [
        { fileName: 'a.png', mediaType: 'image/png', content: FILES.png },
        { fileName: 'b.jpg', mediaType: 'image/jpeg', content: FILES.jpg },
      ],
    });
    const other = await complaint();
    await addAttachments(deps, {
      complaintId: other.id,
      addedBy: 'mo',
      source: 'slack',
      files: [{ fileName: 'a.png', mediaType: 'image/png', content: FILES.png }],
    });
    expect(await deps.store.repository.deleteAttachments(c.id)).toBe(2);
    expect(await deps.store.repository.listAttachments(c.id)).toEqual([]);
    expect(await deps.store.repository.listAttachments(other.id)).toHaveLength(1);
  });
});
