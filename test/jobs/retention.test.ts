import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  attachments,
  complainantLinks,
  correspondence,
  infoRequests,
  measures,
  privateNotes,
} from '../../db/schema/index.js';
import { applyRetention, DELIVERED_PAYLOAD_DAYS } from '../../src/app/jobs/apply-retention.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.js';
import { type ComplaintRow, insertComplaint, jobDepsFor, query } from './support.js';

const DAY = 86_400_000;
/** Retention 3 years (demo organisation) at this instant: the cutoff is 2023-04-20T01:00Z. */
const NOW = new Date('2026-04-20T01:00:00Z');
const CUTOFF = new Date('2023-04-20T01:00:00Z');

/** Every free text that may hold personal data carries this marker before retention. */
const PII = 'PII';

const closedAt = (at: Date): Partial<ComplaintRow> => ({
  status: 'closed',
  closedAt: at,
  decision: 'founded',
  cause: 'incidental',
  resolution: `${PII} Nieuwe afspraak gemaakt`,
  closeReason: 'accepted',
  registeredAt: new Date(at.getTime() - 30 * DAY),
  lastProgressAt: at,
});
const OLD = new Date(CUTOFF.getTime() - DAY);
const RECENT = new Date(CUTOFF.getTime() + DAY);

/**
 * The text and JSON columns that retention keeps: codes, enums, references and the ids of
 * the organisation's own people acting in their role. Every other text column is cleared; a
 * new column fails the column tests below until it is classified here or cleared.
 */
const KEPT = {
  complaints: [
    'reference',
    'kind',
    'formality',
    'category_key',
    'complainant_type',
    'intake_channel',
    'reporter_id',
    'handler_id',
    'mediator_id',
    'status',
    'decision',
    'cause',
    'close_reason',
    'admissibility',
    'decided_by',
    'cause_category',
    'committee_verdict',
    // Issue 11: how the complainant wants to hear from us and in which language: categories.
    'complainant_preferred_contact',
    'complainant_locale',
  ],
  measures: ['origin', 'scope', 'type', 'owner_id', 'status', 'reviewed_by', 'created_by'],
  info_requests: ['asked_by'],
  private_notes: ['author_id'],
  // A letter or e-mail to the complainant keeps what the register counts (issue 11).
  correspondence: ['kind', 'channel', 'locale', 'status', 'drafted_by', 'sent_by', 'posted_by'],
} as const;

/** Free-text columns (with a marker) per table; `remediation_party`/`external_party` partly. */
const CLEARED = {
  complaints: [
    'intake_key',
    'description',
    'desired_outcome',
    'complainant_name',
    'complainant_contact',
    'complainant_email',
    'complainant_phone',
    'complainant_address',
    'related_to',
    'source_link',
    'subject_person_id',
    'motivation',
    'resolution',
    'corrective_measure',
    'preventive_measure',
    'objection_reason',
    'final_outcome',
    'admissibility_motivation',
    'root_cause',
    'agreed_solution',
    'remediation_party',
    'extension_reason',
    'committee_follow_up',
  ],
  measures: ['description', 'evidence', 'review_note', 'external_party'],
  info_requests: ['question', 'answer'],
  private_notes: ['note'],
  correspondence: ['subject', 'body'],
} as const;

/**
 * Tables whose rows of an anonymised complaint are deleted outright (issue 11): a file's name
 * and content, the complainant's personal links. Their text columns are listed so that a new
 * one is a conscious choice here too.
 */
const DELETED = {
  attachments: ['added_by', 'file_name', 'media_type', 'sha256', 'source'],
  complainant_links: [],
} as const;

/** A complaint past retention with every personal field filled with the marker. */
const fullOld = (): Partial<ComplaintRow> => ({
  ...closedAt(OLD),
  intakeKey: `${PII}-intake-${Math.random()}`,
  description: `${PII} omschrijving`,
  desiredOutcome: `${PII} excuses`,
  complainantName: `${PII} Jansen`,
  complainantContact: `${PII}@example.org`,
  complainantEmail: `${PII}.jansen@example.org`,
  complainantPhone: `+31 6 ${PII} 1234`,
  complainantAddress: `${PII}straat 1, 1234 AB Utrecht`,
  complainantPreferredContact: 'email',
  complainantLocale: 'nl',
  relatedTo: `${PII} project`,
  sourceLink: `https://chat.example.org/${PII}`,
  concernsEmployee: true,
  subjectPersonId: 'hanna',
  motivation: `${PII} motivatie`,
  correctiveMeasure: `${PII} corrigerend`,
  preventiveMeasure: `${PII} preventief`,
  objectionReason: `${PII} bezwaar`,
  finalOutcome: `${PII} einduitkomst`,
  admissibility: 'admissible',
  admissibilityMotivation: `${PII} ontvankelijk`,
  rootCause: `${PII} grondoorzaak`,
  causeCategory: 'communication',
  agreedSolution: `${PII} afspraak`,
  remediationParty: { name: `${PII} Jan`, organisation: 'Schildersbedrijf BV', contact: PII },
  extensionReason: `${PII} verlenging`,
  committeeFollowUp: `${PII} vervolg`,
});

async function textColumns(database: TestDatabase, table: string): Promise<string[]> {
  const rows = await query<{ column_name: string }>(
    database.handle,
    sql`select column_name from information_schema.columns
        where table_schema = current_schema() and table_name = ${table}
          and data_type in ('text', 'character varying', 'jsonb')
        order by column_name`,
  );
  return rows.map((r) => r.column_name);
}

async function rowJson(database: TestDatabase, table: string, id: string): Promise<string> {
  const rows = await query<{ row: unknown }>(
    database.handle,
    sql`select row_to_json(t) as row from ${sql.identifier(table)} t where id = ${id}`,
  );
  return JSON.stringify(rows[0]?.row ?? null);
}

describe.each(DATABASE_KINDS)('retention columns on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it.each(Object.keys(CLEARED) as (keyof typeof CLEARED)[])(
    'knows every text column of %s: cleared or kept on purpose',
    async (table) => {
      const columns = await textColumns(database, table);
      expect(columns).toEqual([...KEPT[table], ...CLEARED[table]].sort());
    },
  );

  it.each(Object.keys(DELETED) as (keyof typeof DELETED)[])(
    'knows every text column of %s, whose rows are deleted',
    async (table) => {
      expect(await textColumns(database, table)).toEqual([...DELETED[table]].sort());
    },
  );
});

/** Each store on a fresh database: one run's counts are that store's alone. */
describe.each(DATABASE_KINDS)('retention on %s', (kind) => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await database?.drop();
  });

  async function depsAt(now: Date) {
    const deps = await jobDepsFor(database.handle);
    deps.clock.set(now);
    return deps;
  }

  it('complaints: clears every personal field past retention, never one under objection', async () => {
    const deps = await depsAt(NOW);
    const old = await insertComplaint(database.handle, fullOld());
    const recent = await insertComplaint(database.handle, closedAt(RECENT));
    const objected = await insertComplaint(database.handle, {
      ...closedAt(new Date(CUTOFF.getTime() - 400 * DAY)),
      status: 'objected',
      closedAt: null,
      objectedAt: new Date(CUTOFF.getTime() - 400 * DAY),
      objectionReason: 'Niet eens',
    });
    expect(await rowJson(database, 'complaints', old)).toContain(PII);

    const summary = await applyRetention(deps);
    expect(summary).toMatchObject({ anonymised: 1, failed: 0 });
    expect(await applyRetention(deps)).toMatchObject({ anonymised: 0 });

    expect(await rowJson(database, 'complaints', old)).not.toContain(PII);
    const repo = deps.store.repository;
    const anonymised = await repo.findComplaint(old);
    expect(anonymised).toMatchObject({
      description: '',
      desiredOutcome: null,
      complainant: { type: 'client', name: null, contact: null },
      resolution: null,
      subjectPersonId: null,
      // The outside party's organisation and every statistic survive.
      remediationParty: { name: '', organisation: 'Schildersbedrijf BV', contact: null },
      categoryKey: 'dienstverlening',
      decision: 'founded',
      cause: 'incidental',
      causeCategory: 'communication',
      admissibility: 'admissible',
      concernsEmployee: true,
      closeReason: 'accepted',
      anonymisedAt: NOW,
    });
    expect((await repo.listAudit(old)).map((a) => a.action)).toEqual(['anonymise']);
    expect((await repo.findComplaint(recent))?.complainant.name).toBe('Familie Jansen');
    expect(await repo.findComplaint(objected)).toMatchObject({
      anonymisedAt: null,
      objectionReason: 'Niet eens',
    });
  });

  it('information requests: question and answer of an anonymised complaint are blanked', async () => {
    const deps = await depsAt(NOW);
    const old = await insertComplaint(database.handle, closedAt(OLD));
    const recent = await insertComplaint(database.handle, closedAt(RECENT));
    const request = (complaintId: string) => ({
      complaintId,
      askedBy: 'piet',
      question: `${PII} Welke datum was het bezoek?`,
      askedAt: new Date(OLD.getTime() - 20 * DAY),
      answer: `${PII} Op 3 maart, bij mevrouw De Vries`,
      answeredAt: new Date(OLD.getTime() - 19 * DAY),
    });
    const [gone, kept] = await database.handle.db
      .insert(infoRequests)
      .values([request(old), request(recent)])
      .returning({ id: infoRequests.id });

    await applyRetention(deps);

    expect(await rowJson(database, 'info_requests', gone!.id)).not.toContain(PII);
    const rows = await query<{ id: string; question: string; answer: string | null }>(
      database.handle,
      sql`select id, question, answer, asked_by, answered_at from info_requests order by id`,
    );
    expect(rows.find((r) => r.id === gone!.id)).toMatchObject({
      question: '',
      answer: null,
      asked_by: 'piet',
    });
    expect(rows.find((r) => r.id === kept!.id)?.question).toContain(PII);
  });

  it("measures: the texts of an anonymised complaint's measures go, their figures stay", async () => {
    const deps = await depsAt(NOW);
    const old = await insertComplaint(database.handle, closedAt(OLD));
    const measure = (complaintId: string | null) => ({
      complaintId,
      origin: complaintId ? 'complaint' : 'management_review',
      scope: 'organisation',
      type: 'corrective',
      description: `${PII} Gesprek met monteur Kees over de klacht van Jansen`,
      ownerId: 'hanna',
      dueOn: '2023-01-15',
      externalParty: { name: `${PII} Kees`, organisation: 'Installatie BV', contact: PII },
      status: 'implemented',
      implementedAt: new Date(OLD.getTime() - 60 * DAY),
      evidence: `${PII} verslag gesprek`,
      reviewDueOn: '2023-03-01',
      effective: true,
      reviewedAt: new Date(OLD.getTime() - 30 * DAY),
      reviewedBy: 'kim',
      reviewNote: `${PII} Jansen is tevreden`,
      createdBy: 'piet',
      createdAt: new Date(OLD.getTime() - 90 * DAY),
    });
    const [ofComplaint, organisationWide] = await database.handle.db
      .insert(measures)
      .values([measure(old), measure(null)])
      .returning({ id: measures.id });

    await applyRetention(deps);

    expect(await rowJson(database, 'measures', ofComplaint!.id)).not.toContain(PII);
    const [row] = await query<Record<string, unknown>>(
      database.handle,
      sql`select description, evidence, review_note, external_party, status, effective, owner_id,
            scope, type, due_on::text as due_on
          from measures where id = ${ofComplaint!.id}`,
    );
    expect(row).toMatchObject({
      description: '',
      evidence: null,
      review_note: null,
      external_party: { name: '', organisation: 'Installatie BV', contact: null },
      status: 'implemented',
      effective: true,
      owner_id: 'hanna',
      scope: 'organisation',
      type: 'corrective',
      due_on: '2023-01-15',
    });
    // A measure of the management review belongs to no complaint: retention leaves it.
    expect(await rowJson(database, 'measures', organisationWide!.id)).toContain(PII);
  });

  it("private notes: the director's notes on an anonymised complaint are blanked", async () => {
    const deps = await depsAt(NOW);
    const old = await insertComplaint(database.handle, {
      ...closedAt(OLD),
      concernsEmployee: true,
    });
    const recent = await insertComplaint(database.handle, {
      ...closedAt(RECENT),
      concernsEmployee: true,
    });
    const note = (complaintId: string) => ({
      complaintId,
      authorId: 'dirk',
      note: `${PII} Aantekening in het personeelsdossier van Hanna`,
      at: new Date(OLD.getTime() - 5 * DAY),
    });
    const [gone, kept] = await database.handle.db
      .insert(privateNotes)
      .values([note(old), note(recent)])
      .returning({ id: privateNotes.id });

    await applyRetention(deps);

    expect(await rowJson(database, 'private_notes', gone!.id)).not.toContain(PII);
    const rows = await query<{ id: string; note: string; author_id: string }>(
      database.handle,
      sql`select id, note, author_id from private_notes`,
    );
    expect(rows.find((r) => r.id === gone!.id)).toMatchObject({ note: '', author_id: 'dirk' });
    expect(rows.find((r) => r.id === kept!.id)?.note).toContain(PII);
  });

  it("the complainant's data (issue 11): files deleted, letters' texts cleared, contact data and links gone", async () => {
    const deps = await depsAt(NOW);
    const old = await insertComplaint(database.handle, {
      ...fullOld(),
      intakeChannel: 'letter',
      receivedAt: new Date(OLD.getTime() - 40 * DAY),
    });
    const recent = await insertComplaint(database.handle, {
      ...closedAt(RECENT),
      complainantEmail: `${PII}.recent@example.org`,
    });
    const { db } = database.handle;
    const seed = async (complaintId: string) => {
      const [file] = await db
        .insert(attachments)
        .values({
          complaintId,
          fileName: `${PII}-brief-jansen.pdf`,
          mediaType: 'application/pdf',
          sizeBytes: 9,
          sha256: 'ab'.repeat(32),
          content: new TextEncoder().encode(`%PDF-${PII}`),
          addedBy: 'piet',
          source: 'slack',
          addedAt: new Date(OLD.getTime() - 40 * DAY),
        })
        .returning({ id: attachments.id });
      const [letter] = await db
        .insert(correspondence)
        .values({
          complaintId,
          kind: 'outcome',
          channel: 'letter',
          locale: 'nl',
          subject: `${PII} Uitkomst van uw klacht`,
          body: `${PII} Geachte familie Jansen, …`,
          status: 'posted',
          draftedBy: 'piet',
          sentBy: 'piet',
          createdAt: new Date(OLD.getTime() - 20 * DAY),
          sentAt: new Date(OLD.getTime() - 20 * DAY),
          postedOn: '2023-03-01',
          postedBy: 'piet',
        })
        .returning({ id: correspondence.id });
      const [link] = await db
        .insert(complainantLinks)
        .values({
          complaintId,
          createdAt: new Date(OLD.getTime() - 20 * DAY),
          expiresAt: new Date(NOW.getTime() + 30 * DAY),
        })
        .returning({ id: complainantLinks.id });
      return { file: file!.id, letter: letter!.id, link: link!.id };
    };
    const ofOld = await seed(old);
    const ofRecent = await seed(recent);
    expect(await rowJson(database, 'complaints', old)).toContain(PII);

    expect(await applyRetention(deps)).toMatchObject({ anonymised: 1, failed: 0 });
    expect(await applyRetention(deps)).toMatchObject({ anonymised: 0 });

    // (a) the files: content and name gone with the row.
    const files = await query<{ id: string }>(
      database.handle,
      sql`select id from attachments order by added_at`,
    );
    expect(files.map((f) => f.id)).toEqual([ofRecent.file]);
    // (b) the letter's words are gone; its kind, channel, status and dates stay for the register.
    expect(await rowJson(database, 'correspondence', ofOld.letter)).not.toContain(PII);
    const [letter] = await query<Record<string, unknown>>(
      database.handle,
      sql`select subject, body, kind, channel, status, posted_on::text as posted_on,
            sent_at is not null as sent, anonymised_at is not null as anonymised
          from correspondence where id = ${ofOld.letter}`,
    );
    expect(letter).toEqual({
      subject: '',
      body: '',
      kind: 'outcome',
      channel: 'letter',
      status: 'posted',
      posted_on: '2023-03-01',
      sent: true,
      anonymised: true,
    });
    // (c) the complainant's contact data; type, preferred contact and language stay.
    expect(await rowJson(database, 'complaints', old)).not.toContain(PII);
    expect((await deps.store.repository.findComplaint(old))?.complainant).toEqual({
      type: 'client',
      name: null,
      contact: null,
      email: null,
      phone: null,
      address: null,
      preferredContact: 'email',
      locale: 'nl',
    });
    // (d) the personal links: deleted, so an old e-mail's link changes nothing any more.
    const links = await query<{ id: string }>(
      database.handle,
      sql`select id from complainant_links order by created_at`,
    );
    expect(links.map((l) => l.id)).toEqual([ofRecent.link]);
    // A complaint within its retention keeps all of it.
    expect(await rowJson(database, 'correspondence', ofRecent.letter)).toContain(PII);
    expect((await deps.store.repository.findComplaint(recent))?.complainant.email).toBe(
      `${PII}.recent@example.org`,
    );
  });

  it('stored register files: purged when they may hold an anonymised complaint or are past retention', async () => {
    const deps = await depsAt(NOW);
    // Registered 1 February 2023, closed 1 March 2023: anonymised by this run.
    await insertComplaint(database.handle, {
      ...closedAt(new Date('2023-03-01T10:00:00Z')),
      registeredAt: new Date('2023-02-01T10:00:00Z'),
    });
    const bytes = (text: string) => new TextEncoder().encode(`${PII} ${text}`);
    const report = async (kind: string, period: string, createdAt: Date, register = true) =>
      deps.reports.saveReport({
        kind,
        period,
        summary: { complaints: 12, period },
        chartPng: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
        registerXlsx: register ? bytes(`xlsx ${period}`) : null,
        registerCsv: register ? bytes(`csv ${period}`) : null,
        createdAt,
      });
    const ids = {
      // Covers the complaint, made before it was anonymised.
      year2023: await report('yearly_digest', '2023', new Date('2024-01-05T08:00:00Z')),
      // Another year: nothing anonymised in it.
      year2024: await report('yearly_digest', '2024', new Date('2025-01-06T08:00:00Z')),
      // The same per audience (`year:audience`).
      audience2023: await report(
        'yearly_register',
        '2023:quality',
        new Date('2024-01-05T08:00:00Z'),
      ),
      audience2024: await report(
        'yearly_register',
        '2024:director',
        new Date('2025-01-06T08:00:00Z'),
      ),
      // A range and an open selection that may hold the complaint.
      range: await report('export', '2023-01-01..2023-06-30', new Date('2025-05-01T08:00:00Z')),
      open: await report('export', 'open', new Date('2025-05-01T09:00:00Z')),
      // A month without the complaint, but made longer ago than the retention period.
      oldMonth: await report('monthly_overview', '2022-11', new Date('2022-12-01T08:00:00Z')),
      // A month after it: kept.
      month: await report('monthly_overview', '2023-03', new Date('2023-04-21T08:00:00Z')),
    };

    const summary = await applyRetention(deps);
    expect(summary).toMatchObject({ anonymised: 1, purgedRegisterFiles: 5 });

    const rows = await query<{
      id: string;
      xlsx: boolean;
      csv: boolean;
      chart: boolean;
      summary: { complaints: number };
    }>(
      database.handle,
      sql`select id, register_xlsx is not null as xlsx, register_csv is not null as csv,
            chart_png is not null as chart, summary from reports`,
    );
    const state = (id: string) => {
      const row = rows.find((r) => r.id === id);
      return { register: Boolean(row?.xlsx || row?.csv), chart: row?.chart, summary: row?.summary };
    };
    for (const purged of [ids.year2023, ids.audience2023, ids.range, ids.open, ids.oldMonth]) {
      expect(state(purged)).toMatchObject({ register: false, chart: true });
      expect(state(purged).summary?.complaints).toBe(12);
    }
    for (const kept of [ids.year2024, ids.audience2024, ids.month]) {
      expect(state(kept).register).toBe(true);
    }
    expect(await deps.reports.findReport(ids.year2023)).toMatchObject({
      registerXlsx: null,
      registerCsv: null,
    });

    // Idempotent; a register made after the anonymisation holds no personal data of it.
    expect(await applyRetention(deps)).toMatchObject({ purgedRegisterFiles: 0 });
    deps.clock.set(new Date(NOW.getTime() + DAY));
    await report('yearly_digest', '2023', deps.clock.now());
    expect(await applyRetention(deps)).toMatchObject({ purgedRegisterFiles: 0 });
    expect((await deps.reports.findReport(ids.year2023))?.registerXlsx).not.toBeNull();
  });

  it('request keys: forgotten after a week, the recent ones still deduplicate', async () => {
    const deps = await depsAt(NOW);
    const repo = deps.store.repository;
    expect(await repo.claimRequestKey('slack:event:old', new Date(NOW.getTime() - 8 * DAY))).toBe(
      true,
    );
    expect(await repo.claimRequestKey('slack:event:new', new Date(NOW.getTime() - 6 * DAY))).toBe(
      true,
    );
    const summary = await applyRetention(deps);
    expect(summary).toMatchObject({ forgottenRequestKeys: 1 });
    expect(await repo.claimRequestKey('slack:event:old', NOW)).toBe(true);
    expect(await repo.claimRequestKey('slack:event:new', NOW)).toBe(false);
  });

  it(`outbox: delivered payloads are emptied after ${DELIVERED_PAYLOAD_DAYS} days, undelivered ones kept`, async () => {
    const deps = await depsAt(NOW);
    const complaint = await insertComplaint(database.handle);
    const message = (key: string) => ({
      idempotencyKey: key,
      kind: 'decision',
      recipient: { personId: 'mo' },
      complaintId: complaint,
      payload: { event: 'declare_founded', actorId: 'piet', handlerId: 'piet' },
    });
    const keys = ['delivered-old', 'delivered-recent', 'failed-old', 'pending-old'];
    await deps.store.repository.enqueue(keys.map(message), new Date(NOW.getTime() - 60 * DAY));
    const set = (key: string, status: string, deliveredDaysAgo: number | null) =>
      query(
        database.handle,
        sql`update outbox set status = ${status},
              delivered_at = ${deliveredDaysAgo === null ? null : new Date(NOW.getTime() - deliveredDaysAgo * DAY).toISOString()}::timestamptz
            where idempotency_key = ${key}`,
      );
    await set('delivered-old', 'delivered', DELIVERED_PAYLOAD_DAYS + 1);
    await set('delivered-recent', 'delivered', DELIVERED_PAYLOAD_DAYS - 1);
    await set('failed-old', 'failed', null);

    expect(await applyRetention(deps)).toMatchObject({ blankedOutboxPayloads: 1 });
    const rows = await query<{ key: string; payload: Record<string, unknown>; kind: string }>(
      database.handle,
      sql`select idempotency_key as key, payload, kind, delivered_at from outbox`,
    );
    const payload = (key: string) => rows.find((r) => r.key === key)?.payload;
    expect(payload('delivered-old')).toEqual({});
    expect(rows.find((r) => r.key === 'delivered-old')).toMatchObject({ kind: 'decision' });
    for (const key of ['delivered-recent', 'failed-old', 'pending-old']) {
      expect(payload(key)).toMatchObject({ actorId: 'piet' });
    }
    expect(await applyRetention(deps)).toMatchObject({ blankedOutboxPayloads: 0 });
  });

  it('bot messages: stay recorded while no surface can retract them', async () => {
    const deps = await depsAt(NOW);
    const old = await insertComplaint(database.handle, closedAt(OLD));
    await deps.store.repository.saveMessageRef({
      complaintId: old,
      personId: 'piet',
      surface: 'slack',
      kind: 'card',
      channelId: 'DPIET',
      messageId: '1700000001.000100',
      updatedAt: OLD,
    });
    expect(await applyRetention(deps)).toMatchObject({ anonymised: 1, retractedMessages: 0 });
    expect(await deps.jobs.retractableMessages(10)).toMatchObject([
      { complaintId: old, surface: 'slack', kind: 'card', messageId: '1700000001.000100' },
    ]);
  });

  it('audits the purge of the stores without a complaint once, counts only', async () => {
    const deps = await depsAt(NOW);
    await deps.store.repository.claimRequestKey(
      'teams:activity:old',
      new Date(NOW.getTime() - 9 * DAY),
    );
    await applyRetention(deps);
    await applyRetention(deps);
    const events = await query<{ complaint_id: string | null; metadata: Record<string, unknown> }>(
      database.handle,
      sql`select complaint_id, metadata from audit_events where action = 'retention.purge'`,
    );
    expect(events).toEqual([
      {
        complaint_id: null,
        metadata: {
          retractedMessages: 0,
          goneMessages: 0,
          purgedRegisterFiles: 0,
          forgottenRequestKeys: 1,
          blankedOutboxPayloads: 0,
        },
      },
    ]);
  });
});
