import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobDeps } from '../../src/adapters/scheduler/job-deps.js';
import { composeRegisterFilesMessage } from '../../src/app/export-register.js';
import type { JobDeps } from '../../src/app/jobs/ports.js';
import {
  REGISTER_FILES_KIND,
  sendYearlyDigest,
  type YearlyDigestResult,
} from '../../src/app/jobs/send-yearly-digest.js';
import { composeOutboxMessage } from '../../src/app/messages/outbox-messages.js';
import type { ClaimedMessage } from '../../src/app/ports.js';
import {
  buildDeps,
  createTestDatabase,
  FixedClock,
  type TestDatabase,
} from '../support/databases.js';
import {
  allText,
  BEHAVIOUR,
  orgWithSecretariat,
  readWorkbook,
  seedYear,
  sheetOf,
  wireRegisterExport,
  type Year,
} from './export-support.js';
import { query } from './support.js';

const RUN = new Date('2026-01-05T08:10:00Z');

interface OutboxRow {
  id: number;
  key: string;
  kind: string;
  person: string | null;
  channel: string | null;
  payload: ClaimedMessage['payload'];
}

const claimed = (row: OutboxRow): ClaimedMessage => ({
  id: Number(row.id),
  idempotencyKey: row.key,
  kind: row.kind,
  recipient: row.person ? { personId: row.person } : { channel: 'quality' },
  complaintId: null,
  payload: row.payload,
  attempts: 1,
  deliveredVia: [],
});

describe('the yearly job sends the register privately, the channel gets figures only', () => {
  let database: TestDatabase;
  let deps: JobDeps & { clock: FixedClock };
  let year: Year;
  let result: YearlyDigestResult;
  const outbox = () =>
    query<OutboxRow>(
      database.handle,
      sql`select id, idempotency_key as key, kind, recipient_person_id as person,
            recipient_channel as channel, payload
          from outbox where kind in ('yearly_digest', ${REGISTER_FILES_KIND}) order by id`,
    );

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    const clock = new FixedClock(RUN);
    const app = await buildDeps(database.handle, { org: orgWithSecretariat(), clock });
    deps = { ...createJobDeps(app, database.handle.db, app.org), clock };
    wireRegisterExport(deps, database.handle);
    year = await seedYear(deps, database.handle);
    clock.set(RUN);
    result = await sendYearlyDigest(deps, 2025, '2026-01-05');
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  });

  it('posts the digest to the channel without the register, and a private copy to each', async () => {
    const rows = await outbox();
    expect(rows.map((r) => [r.key, r.channel ?? r.person])).toEqual([
      ['yearly_digest:2025', 'quality'],
      [`${REGISTER_FILES_KIND}:2025:dirk`, 'dirk'],
      [`${REGISTER_FILES_KIND}:2025:kim`, 'kim'],
    ]);
    // No key carries the run's time.
    for (const row of rows) expect(row.key).not.toMatch(/\d{4}-\d{2}-\d{2}T|\d{10,}/);

    // The channel's report holds the figures and the chart, never the register.
    const [channelReport] = await query<{ xlsx: unknown; csv: unknown; png: unknown }>(
      database.handle,
      sql`select register_xlsx as xlsx, register_csv as csv, chart_png is not null as png
          from reports where id = ${result.reportId}`,
    );
    expect(channelReport).toEqual({ xlsx: null, csv: null, png: true });
    const channel = await composeOutboxMessage(deps, claimed(rows[0] as OutboxRow), 'nl');
    const attached = (channel?.attachments ?? []).map((a) => a.fileName);
    expect(attached.filter((name) => !name.endsWith('.png'))).toEqual([]);
    const posted = JSON.stringify(channel?.model);
    for (const secret of [...Object.values(BEHAVIOUR), 'LEVERING', 'FACTUUR', 'TREND']) {
      expect(posted).not.toContain(secret);
    }
  });

  it("gives the quality adviser the quality version and the director the director's", async () => {
    const rows = await outbox();
    const forKim = await composeRegisterFilesMessage(
      deps,
      claimed(rows.find((r) => r.person === 'kim') as OutboxRow),
      'nl',
    );
    const forDirk = await composeRegisterFilesMessage(
      deps,
      claimed(rows.find((r) => r.person === 'dirk') as OutboxRow),
      'nl',
    );
    expect(forKim?.attachments.map((a) => a.fileName)).toEqual([
      'klachtenregister-2025.xlsx',
      'klachtenregister-2025.csv',
    ]);
    expect(forKim?.model.title).toBe('Klachtenregister 2025');
    expect(forKim?.model.intro).toContain('zonder de inhoud van klachten over medewerkers');
    const kimBook = await readWorkbook(forKim?.attachments[0]?.data as Uint8Array);
    const dirkBook = await readWorkbook(forDirk?.attachments[0]?.data as Uint8Array);
    for (const book of [kimBook, dirkBook]) {
      expect(book.worksheets.map((s) => s.name)).toEqual([
        'Overzicht klachten',
        'Verbeterregister',
        'Audittrail',
        'Analyse',
      ]);
      expect(sheetOf(book, 'Overzicht klachten').rows).toHaveLength(4);
      expect(sheetOf(book, 'Verbeterregister').rows).toHaveLength(6);
      expect(book.getWorksheet('Analyse')?.getImages()).toHaveLength(1);
    }
    for (const secret of Object.values(BEHAVIOUR)) {
      expect(allText(kimBook)).not.toContain(secret);
      expect(allText(dirkBook)).toContain(secret);
    }
    // The figures are the digest's: the same numbers as the channel's.
    const analysis = new Map(
      sheetOf(kimBook, 'Analyse').rows.map((r) => [String(r.Onderdeel), r.Waarde]),
    );
    expect(analysis.get('Klachten')).toBe(result.digest.totals.complaints);
    expect(result.registerReports.quality).toBeDefined();
    expect(result.registerReports.director).toBeDefined();
    expect(year.behaviour.reference).toMatch(/^KL-2025-/);
  });

  it('gives no copy to anyone the message was not meant for', async () => {
    const rows = await outbox();
    const kimRow = rows.find((r) => r.person === 'kim') as OutboxRow;
    const dirkRow = rows.find((r) => r.person === 'dirk') as OutboxRow;
    // The director's copy addressed to the quality adviser, or any copy to a reporter: nothing.
    const misdirected = [
      { ...dirkRow, person: 'kim' },
      { ...kimRow, person: 'mo' },
      { ...kimRow, person: 'sara' },
    ];
    for (const row of misdirected) {
      expect(await composeRegisterFilesMessage(deps, claimed(row), 'nl')).toBeNull();
    }
  });

  it('sends nothing twice when the job runs again', async () => {
    const before = await outbox();
    deps.clock.set(new Date('2026-01-06T08:10:00Z'));
    await sendYearlyDigest(deps, 2025, '2026-01-06');
    const after = await outbox();
    expect(after.map((r) => r.key)).toEqual(before.map((r) => r.key));
  });

  it('a direct export (post: false) sends nothing and returns the asked version', async () => {
    const before = await outbox();
    const direct = await sendYearlyDigest(deps, 2025, '2026-01-06', {
      audience: 'director',
      post: false,
    });
    expect(await outbox()).toHaveLength(before.length);
    const book = await readWorkbook(direct.files.registerXlsx as Uint8Array);
    expect(allText(book)).toContain(BEHAVIOUR.description);
  });
});
