import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, correspondence, outbox } from '../../db/schema/index.js';
import type { JobDeps } from '../../src/app/jobs/ports.js';
import {
  sendYearlyDigest,
  type YearlyDigestResult,
} from '../../src/app/jobs/send-yearly-digest.js';
import { composeOutboxMessage } from '../../src/app/messages/outbox-messages.js';
import { type ReportInput, reportComplaint } from '../../src/app/report-complaint.js';
import { runCommand } from '../../src/app/run-command.js';
import { addCalendarDays, WorkingDayCalendar } from '../../src/domain/calendar.js';
import type { Complaint } from '../../src/domain/complaint.js';
import type { Command } from '../../src/domain/lifecycle.js';
import type { Actor, Person } from '../../src/domain/people.js';
import {
  createTestDatabase,
  DATABASE_KINDS,
  type FixedClock,
  type TestDatabase,
} from '../support/databases.js';
import { random } from '../support/random.js';
import {
  at,
  blankModel,
  expectedMet,
  generateModel,
  MILESTONES,
  type Milestone,
  type Model,
  masked,
  oneDecimal,
  percentileOf,
  rowOf,
} from './procedure-year.js';
import { insertComplaint, jobDepsFor, outboxKinds } from './support.js';

const calendar = new WorkingDayCalendar();
const amsterdam = (options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', ...options });
const dayFormat = amsterdam({ year: 'numeric', month: '2-digit', day: '2-digit' });
const timeFormat = amsterdam({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
/** An instant's local date and time in Amsterdam, as the register writes them. */
const localDay = (instant: Date) => dayFormat.format(instant);
const localTime = (instant: Date) => timeFormat.format(instant);
const wd = (day: string, n: number) => calendar.addWorkingDays(day, n);
const ASOF = '2026-01-05';
const NOTE = 'PRIVENOTITIE: afspraak met Hanna over haar toon aan de telefoon';

/** The register's Dutch labels, as the test expects to read them. */
const LABEL: Record<string, Record<string, string>> = {
  kind: { complaint: 'Klacht', feedback: 'Feedback' },
  formality: { informal: 'Informeel', formal: 'Formeel' },
  admissibility: { admissible: 'Ontvankelijk', inadmissible: 'Niet ontvankelijk' },
  channel: {
    chat: 'Chat',
    phone: 'Telefoon',
    email: 'E-mail',
    letter: 'Brief',
    in_person: 'Persoonlijk',
    web_form: 'Webformulier',
    committee: 'Via de klachtencommissie',
  },
  decision: { founded: 'Gegrond', unfounded: 'Ongegrond' },
  cause: { structural: 'Structureel', incidental: 'Incidenteel' },
  causeCategory: {
    supplier: 'Leverancier',
    process: 'Proces',
    communication: 'Communicatie',
    product: 'Product',
    employee: 'Medewerker',
    other: 'Overig',
  },
  verdict: { founded: 'Gegrond', partly_founded: 'Deels gegrond', unfounded: 'Ongegrond' },
  closeReason: {
    accepted: 'Akkoord',
    final_outcome: 'Einduitkomst',
    inadmissible: 'Niet ontvankelijk',
    noted: 'Tip genoteerd',
    committee_verdict: 'Uitspraak commissie',
  },
};
const MET_COLUMN: Record<Milestone, string> = {
  acknowledged: 'Ontvangstbevestiging op tijd',
  feedback: 'Terugkoppeling op tijd',
  decision: 'Besluit op tijd',
  resolution: 'Afhandeling op tijd',
  resolution_original: 'Afhandeling binnen oorspronkelijke termijn',
  objection: 'Op bezwaar beslist binnen termijn',
  agreed_term: 'Oplossing op tijd uitgevoerd',
};
const MET_TEXT = { yes: 'ja', no: 'nee', na: 'n.v.t.' } as const;
const COMPLIANCE_LABEL: Record<Milestone, string> = {
  acknowledged: 'Ontvangstbevestiging',
  feedback: 'Inhoudelijke terugkoppeling',
  decision: 'Besluit of niet-ontvankelijk',
  resolution: 'Afhandeling (geldende termijn)',
  resolution_original: 'Afhandeling (oorspronkelijke termijn)',
  objection: 'Beslissing op bezwaar',
  agreed_term: 'Afgesproken oplossing uitgevoerd',
};

type Cell = string | number | null;

async function readWorkbook(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  return workbook;
}

/** The register sheet as one record per reference, keyed by the column headers. */
function registerRecords(workbook: ExcelJS.Workbook) {
  const sheet = workbook.getWorksheet('Overzicht klachten');
  if (!sheet) throw new Error('register sheet missing');
  const headers = (sheet.getRow(1).values as Cell[]).slice(1) as string[];
  const records = new Map<string, Record<string, Cell>>();
  for (let r = 2; r <= sheet.rowCount; r++) {
    const record: Record<string, Cell> = {};
    headers.forEach((header, c) => {
      const value = sheet.getRow(r).getCell(c + 1).value;
      record[header] = value === undefined || value === '' ? null : (value as Cell);
    });
    records.set(String(record.Kenmerk), record);
  }
  return { headers, records };
}

/** Every cell text of every sheet, to prove what is not in the file. */
function allText(workbook: ExcelJS.Workbook): string {
  const parts: string[] = [];
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        parts.push(String(cell.value));
      });
    });
  });
  return parts.join('\n');
}

describe.each(DATABASE_KINDS)('a generated year of the whole procedure on %s', (kind) => {
  let database: TestDatabase;
  let deps: JobDeps & { clock: FixedClock };
  const models: Model[] = [];
  const people: Record<string, Person> = {};
  const as = (id: string): Actor => ({ kind: 'person', person: people[id] as Person });
  let quality: YearlyDigestResult;
  let director: YearlyDigestResult;

  /** A complaint through the real use cases, at working-day offsets from `regDay`. */
  async function through(regDay: string, input: Partial<ReportInput>) {
    deps.clock.set(at(regDay));
    const { complaint } = await reportComplaint(deps, {
      reporterId: 'mo',
      categoryKey: 'product',
      description: 'Omschrijving via de procedure',
      ...input,
    });
    // The dispatcher delivered the acknowledgement the same day.
    await database.handle.db.execute(
      sql`update outbox set status = 'delivered', delivered_at = ${at(regDay).toISOString()}::timestamptz
          where complaint_id = ${complaint.id} and kind = 'acknowledgement'`,
    );
    let current: Complaint = complaint;
    const step = async (offset: number, actor: string, command: Command, payload: object) => {
      deps.clock.set(at(wd(regDay, offset)));
      current = (
        await runCommand(deps, {
          complaint: complaint.reference,
          actor: as(actor),
          command,
          payload,
        })
      ).complaint;
      return current;
    };
    const model = () => modelOf(current);
    return { complaint, step, model };
  }

  /** The facts of a complaint handled through the use cases, as local dates. */
  function modelOf(c: Complaint): Model {
    const day = (d: Date | null) => (d === null ? null : deps.calendar.localDate(d));
    const m = blankModel(c.reference, day(c.registeredAt) as string);
    return {
      ...m,
      kind: c.kind,
      formality: c.formality,
      intakeChannel: c.intakeChannel,
      categoryKey: c.categoryKey,
      concernsEmployee: c.concernsEmployee,
      description: c.description,
      ackDays: 0,
      ackDay: m.regDay,
      receivedAt: c.receivedAt,
      ackAt: day(c.acknowledgedAt),
      ackDue: c.acknowledgementDue,
      feedbackDue: c.feedbackDue,
      decisionDue: c.decisionDue,
      resolutionDue: c.resolutionDue,
      originalDue: c.originalResolutionDue,
      extensionReason: c.extensionReason,
      feedbackDay: day(c.firstFeedbackAt),
      decision: c.decision,
      decidedDay: day(c.decidedAt),
      motivation: c.motivation,
      admissibility: c.admissibility,
      admDay: day(c.admissibilityDecidedAt),
      admMotivation: c.admissibilityMotivation,
      resolvedDay: day(c.resolvedAt),
      resolution: c.resolution,
      cause: c.cause,
      rootCause: c.rootCause,
      causeCategory: c.causeCategory,
      agreedSolution: c.agreedSolution,
      agreedTermOn: c.agreedTermOn,
      complainantAgreed: c.complainantAgreed,
      party: c.remediationParty,
      fixDay: day(c.fixDoneAt),
      objectedDay: day(c.objectedAt),
      objectionReason: c.objectionReason,
      objectionDue: c.objectionDue,
      mediatorId: c.mediatorId,
      committee: c.referredToCommittee,
      verdict: c.committeeVerdict,
      verdictOn: c.committeeVerdictOn,
      binding: c.committeeBinding,
      followUp: c.committeeFollowUp,
      finalOutcome: c.finalOutcome,
      finalDay: c.closeReason === 'final_outcome' ? day(c.closedAt) : null,
      closedDay: day(c.closedAt),
      closeReason: c.closeReason,
      withdrawnDay: day(c.withdrawnAt),
      status: c.status,
    };
  }

  /**
   * Issue 11: a generated complaint's letters and e-mails (sent or posted, as the model counts
   * them; plus a draft and a cancelled e-mail, which count as neither) and its files.
   */
  async function insertLetters(complaintId: string, m: Model, i: number) {
    const row = (channel: 'email' | 'letter', status: string, postedOn: string | null) => ({
      complaintId,
      kind: 'acknowledgement',
      channel,
      locale: 'nl',
      subject: `Onderwerp ${m.reference}`,
      body: 'Brieftekst',
      status,
      createdAt: at(m.regDay),
      sentAt: status === 'draft' || status === 'cancelled' ? null : at(m.regDay),
      postedOn,
    });
    const rows = [
      ...Array.from({ length: m.lettersSent }, (_, k) =>
        k === 0 ? row('letter', 'posted', m.lettersPostedOn) : row('letter', 'sent', null),
      ),
      ...Array.from({ length: m.emailsSent }, () => row('email', 'sent', null)),
      ...(i % 2 === 0 ? [row('letter', 'draft', null), row('email', 'cancelled', null)] : []),
    ];
    if (rows.length > 0) await database.handle.db.insert(correspondence).values(rows);
    for (let k = 0; k < m.attachments; k++) {
      await database.handle.db.insert(attachments).values({
        complaintId,
        fileName: `scan-${k}.pdf`,
        mediaType: 'application/pdf',
        sizeBytes: 4,
        sha256: `${k}`.padStart(64, '0'),
        content: new Uint8Array([37, 80, 68, 70]),
        addedBy: 'mo',
        source: 'slack',
        addedAt: at(m.regDay),
      });
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    deps = await jobDepsFor(database.handle);
    for (const person of await deps.store.repository.listPeople()) people[person.id] = person;

    // The bulk of the year: every path, written as rows (as the other digest tests do).
    const rnd = random(2025);
    for (let i = 0; i < 160; i++) {
      const m = generateModel(rnd, i, calendar, addCalendarDays);
      const id = await insertComplaint(database.handle, rowOf(m));
      if (m.ackDay) {
        await database.handle.db.insert(outbox).values({
          idempotencyKey: `ack:${id}`,
          kind: 'acknowledgement',
          recipientPersonId: 'mo',
          complaintId: id,
          status: 'delivered',
          nextAttemptAt: at(m.regDay),
          createdAt: at(m.regDay),
          deliveredAt: at(m.ackDay),
        });
      }
      await insertLetters(id, m, i);
      models.push(m);
    }

    // And the new steps through the real use cases.
    // A behaviour complaint: the director decides and keeps a private note.
    const behaviour = await through('2025-03-03', {
      concernsEmployee: true,
      subjectPersonId: 'hanna',
      description: 'Hanna was onbeleefd aan de telefoon',
      intakeChannel: 'phone',
    });
    await behaviour.step(2, 'dirk', 'declare_founded', { motivation: 'Gesprek bevestigt het' });
    await behaviour.step(3, 'dirk', 'record_private_note', { note: NOTE });
    await behaviour.step(4, 'dirk', 'record_resolution', {
      resolution: 'Excuses aangeboden namens de organisatie',
      cause: 'incidental',
      rootCause: 'Hoge werkdruk',
      causeCategory: 'employee',
      correctiveMeasure: 'Excuses',
    });
    await behaviour.step(6, 'mo', 'accept', {});
    models.push({ ...behaviour.model(), privateNote: NOTE });

    // Classified formal: it goes to the director, and the register says "Formeel".
    const formal = await through('2025-04-01', { intakeChannel: 'letter' });
    await formal.step(1, 'piet', 'classify', { kind: 'complaint', formality: 'formal' });
    await formal.step(3, 'dirk', 'declare_unfounded', { motivation: 'Afspraak nagekomen' });
    await formal.step(5, 'mo', 'accept', {});
    models.push(formal.model());

    // A tip: noted and closed, no deadlines.
    const tip = await through('2025-05-06', { kind: 'feedback', intakeChannel: 'web_form' });
    await tip.step(1, 'piet', 'note_feedback', {});
    models.push(tip.model());

    // A tip about an employee: in no figure but the year's total, as complaints about one.
    const employeeTip = await through('2025-05-12', {
      kind: 'feedback',
      concernsEmployee: true,
      subjectPersonId: 'hanna',
      description: 'Tip: Hanna kan bezoekers vriendelijker te woord staan',
      intakeChannel: 'in_person',
    });
    await employeeTip.step(1, 'dirk', 'note_feedback', {});
    models.push(employeeTip.model());

    // Not admissible, with a motivation.
    const inadmissible = await through('2025-06-02', { intakeChannel: 'email' });
    await inadmissible.step(3, 'piet', 'declare_inadmissible', {
      motivation: 'Gaat over een andere organisatie',
    });
    models.push(inadmissible.model());

    // Extended, resolved after the original deadline and within the extended one.
    const extended = await through('2025-02-03', {});
    const founded = await extended.step(2, 'piet', 'declare_founded', { motivation: null });
    await extended.step(3, 'piet', 'extend_deadline', {
      newDueOn: wd(founded.resolutionDue, 15),
      reason: 'Onderzoek door de leverancier',
    });
    await extended.step(40, 'piet', 'record_resolution', {
      resolution: 'Onderdeel vervangen',
      cause: 'structural',
      rootCause: 'Leverancier leverde een verkeerd onderdeel',
      causeCategory: 'supplier',
      correctiveMeasure: 'Vervangen',
    });
    await extended.step(42, 'mo', 'accept', {});
    models.push(extended.model());

    // Objections: decided in time, decided late, and by the committee.
    for (const [regDay, decideAfter] of [
      ['2025-07-01', 10],
      ['2025-08-04', 40],
    ] as const) {
      const objected = await through(regDay, { categoryKey: 'dienstverlening' });
      await objected.step(3, 'piet', 'declare_unfounded', { motivation: 'Volgens afspraak' });
      await objected.step(5, 'mo', 'object', { reason: 'Niet eens met het besluit' });
      await objected.step(decideAfter, 'dirk', 'record_final_outcome', {
        outcome: 'Korting aangeboden',
      });
      models.push(objected.model());
    }
    const committee = await through('2025-09-01', { intakeChannel: 'committee' });
    await committee.step(2, 'piet', 'declare_unfounded', { motivation: 'Volgens contract' });
    await committee.step(4, 'mo', 'object', { reason: 'Naar de commissie' });
    await committee.step(6, 'dirk', 'appoint_mediator', { mediatorId: 'kim' });
    await committee.step(8, 'dirk', 'refer_to_committee', {});
    await committee.step(30, 'dirk', 'record_committee_verdict', {
      verdict: 'partly_founded',
      verdictOn: wd('2025-09-01', 28),
      binding: true,
      followUp: 'Vergoeding van de helft',
    });
    models.push(committee.model());

    // An agreed solution by an outside party, carried out on time, then resolved.
    const agreed = await through('2025-10-01', {});
    await agreed.step(1, 'piet', 'declare_founded', { motivation: null });
    await agreed.step(2, 'piet', 'agree_solution', {
      solution: 'Dak laten herstellen',
      termOn: wd('2025-10-01', 10),
      complainantAgreed: true,
      party: { name: 'Kees Dakdekker', organisation: 'Dak BV', contact: 'kees@dak.example' },
    });
    await agreed.step(8, 'piet', 'report_fix_done', { note: null });
    await agreed.step(9, 'piet', 'record_resolution', {
      resolution: 'Dak hersteld',
      cause: 'incidental',
      correctiveMeasure: 'Herstel',
    });
    await agreed.step(10, 'mo', 'accept', {});
    models.push(agreed.model());

    deps.clock.set(at(ASOF));
    quality = await sendYearlyDigest(deps, 2025, ASOF);
    director = await sendYearlyDigest(deps, 2025, ASOF, { audience: 'director', post: false });
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  });

  // Complaints and tips about an employee are in no figure but their year's total (issue 13):
  // every figure is counted over the others.
  const aboutEmployee = () => models.filter((m) => m.concernsEmployee);
  const counted = () => models.filter((m) => !m.concernsEmployee);
  const complaints = () => counted().filter((m) => m.kind === 'complaint');
  const tips = () => counted().filter((m) => m.kind === 'feedback');
  const count = (pred: (m: Model) => boolean) => complaints().filter(pred).length;
  const statesOf = (list: Model[], milestone: Milestone) =>
    list.map((m) => expectedMet(m, milestone, ASOF));
  const states = (milestone: Milestone) => statesOf(counted(), milestone);
  const ratioOf = (s: (string | null)[]) => {
    const due = s.filter((x) => x === 'yes' || x === 'no').length;
    return due === 0 ? null : Math.round((s.filter((x) => x === 'yes').length / due) * 1000) / 1000;
  };

  it('generates every path of the procedure', () => {
    // Guards against a generator that silently stops producing a case.
    const n = (pred: (m: Model) => boolean) => models.filter(pred).length;
    expect(n((m) => m.kind === 'feedback')).toBeGreaterThanOrEqual(3);
    expect(n((m) => m.admissibility === 'inadmissible')).toBeGreaterThanOrEqual(3);
    expect(n((m) => m.originalDue !== null)).toBeGreaterThanOrEqual(3);
    expect(n((m) => m.withdrawnDay !== null)).toBeGreaterThanOrEqual(3);
    expect(n((m) => m.verdict !== null)).toBeGreaterThanOrEqual(3);
    expect(n((m) => m.agreedTermOn !== null)).toBeGreaterThanOrEqual(3);
    for (const milestone of MILESTONES) {
      const s = states(milestone);
      expect(s.filter((x) => x === 'yes').length, milestone).toBeGreaterThanOrEqual(3);
      expect(s.filter((x) => x === 'no').length, milestone).toBeGreaterThanOrEqual(1);
      expect(s.filter((x) => x === 'na').length, milestone).toBeGreaterThanOrEqual(3);
    }
    // Complaints about an employee, and a tip about one, go through the procedure like any
    // other: leaving them out changes the figures, so the test can tell whether they are.
    const employee = aboutEmployee();
    expect(employee.filter((m) => m.kind === 'complaint').length).toBeGreaterThanOrEqual(3);
    expect(employee.some((m) => m.kind === 'feedback')).toBe(true);
    expect(employee.some((m) => m.admissibility === 'admissible')).toBe(true);
    expect(
      MILESTONES.filter(
        (milestone) => ratioOf(statesOf(models, milestone)) !== ratioOf(states(milestone)),
      ).length,
    ).toBeGreaterThanOrEqual(3);
    // Extended and resolved between the two deadlines: met against one, missed against the other.
    expect(
      models.some(
        (m) =>
          expectedMet(m, 'resolution', ASOF) === 'yes' &&
          expectedMet(m, 'resolution_original', ASOF) === 'no',
      ),
    ).toBe(true);
  });

  it('counts the digest as the test counts the generated year', () => {
    const { digest } = quality;
    // Every count as it is, however small; complaints and tips about an employee only as the
    // year's total, "<3" below three.
    expect(digest.totals.complaints).toBe(complaints().length);
    expect(digest.totals.feedback).toBe(tips().length);
    expect(digest.totals.concerningEmployee).toBe(masked(aboutEmployee().length));
    expect(aboutEmployee().length).toBeGreaterThanOrEqual(3);

    for (const milestone of MILESTONES) {
      const s = states(milestone);
      expect(digest.compliance.find((c) => c.milestone === milestone)).toEqual({
        milestone,
        due: s.filter((x) => x === 'yes' || x === 'no').length,
        met: s.filter((x) => x === 'yes').length,
        ratio: ratioOf(s),
      });
    }
    const objected = counted().filter((m) => m.objectedDay !== null);
    expect(digest.objections).toEqual({
      total: objected.length,
      mediated: objected.filter((m) => m.mediatorId).length,
      committee: objected.filter((m) => m.committee).length,
      finalOutcome: objected.filter((m) => m.closeReason === 'final_outcome').length,
      verdictFounded: objected.filter((m) => m.verdict === 'founded').length,
      verdictPartlyFounded: objected.filter((m) => m.verdict === 'partly_founded').length,
      verdictUnfounded: objected.filter((m) => m.verdict === 'unfounded').length,
      open: objected.filter((m) => m.status === 'objected').length,
    });
    expect(digest.admissibility).toEqual({
      admissible: count((m) => m.admissibility === 'admissible'),
      inadmissible: count((m) => m.admissibility === 'inadmissible'),
    });
    expect(digest.extensions).toEqual({ extended: count((m) => m.originalDue !== null) });
    const agreed = complaints().filter((m) => m.agreedTermOn !== null);
    expect(digest.solutions).toEqual({
      agreed: agreed.length,
      complainantAgreed: agreed.filter((m) => m.complainantAgreed).length,
      outsideParty: agreed.filter((m) => m.party !== null).length,
      fixDone: agreed.filter((m) => m.fixDay !== null).length,
    });
    // Per category: the complaints and tips not about an employee.
    for (const c of digest.categories) {
      const of = counted().filter((m) => m.categoryKey === c.categoryKey);
      expect([c.categoryKey, c.complaints, c.feedback]).toEqual([
        c.categoryKey,
        of.filter((m) => m.kind === 'complaint').length,
        of.filter((m) => m.kind === 'feedback').length,
      ]);
    }
    expect(digest.categories.map((c) => c.categoryKey).sort()).toEqual(
      [...new Set(counted().map((m) => m.categoryKey))].sort(),
    );

    // Lead times over complaints only (tips apart), one decimal.
    const stages = [
      ['first_feedback', (m: Model) => m.feedbackDay],
      ['decision', (m: Model) => m.decidedDay],
      ['resolved', (m: Model) => m.resolvedDay],
      ['closed', (m: Model) => m.closedDay],
    ] as const;
    for (const [stage, dayOf] of stages) {
      const values = complaints()
        .map((m) => {
          const day = dayOf(m);
          return day === null ? null : calendar.workingDaysBetween(m.regDay, day);
        })
        .filter((v): v is number => v !== null);
      expect(digest.leadTimes.find((l) => l.stage === stage)).toEqual({
        stage,
        n: values.length,
        median: oneDecimal(percentileOf(values, 0.5)),
        p90: oneDecimal(percentileOf(values, 0.9)),
      });
    }
    // Issue 11: the acknowledgement per intake channel, over the same complaints; phone and
    // in person are always met (at intake).
    const channels = [...new Set(counted().map((m) => m.intakeChannel))].sort();
    const byChannel = channels
      .map((channel) => {
        const s = statesOf(
          counted().filter((m) => m.intakeChannel === channel),
          'acknowledged',
        );
        return {
          channel,
          due: s.filter((x) => x === 'yes' || x === 'no').length,
          met: s.filter((x) => x === 'yes').length,
          ratio: ratioOf(s),
        };
      })
      .filter((c) => c.due > 0);
    expect(
      [...(digest.acknowledgementByChannel ?? [])].sort((a, b) =>
        a.channel.localeCompare(b.channel),
      ),
    ).toEqual(byChannel);
    expect(byChannel.map((c) => c.channel)).toEqual(
      expect.arrayContaining(['phone', 'letter', 'email']),
    );
    // A phone or in-person intake since issue 11 is acknowledged at intake: always met.
    const atIntake = counted().filter(
      (m) => (m.intakeChannel === 'phone' || m.intakeChannel === 'in_person') && m.ackAt,
    );
    expect(atIntake.length).toBeGreaterThanOrEqual(3);
    expect(new Set(statesOf(atIntake, 'acknowledged'))).toEqual(new Set(['yes', 'na']));
    expect(byChannel.find((c) => c.channel === 'letter')?.ratio).toBeLessThan(1);
    const printed = JSON.stringify(digest.leadTimes);
    expect(printed).not.toMatch(/\d\.\d{2,}/);
  });

  it('writes every new column of the register, as the test expects each row', async () => {
    const workbook = await readWorkbook(director.files.registerXlsx as Uint8Array);
    const { headers, records } = registerRecords(workbook);
    expect(new Set(headers).size).toBe(headers.length);
    expect(records.size).toBe(models.length);
    const label = (group: string, v: string | null) =>
      v === null ? null : (LABEL[group]?.[v] ?? `?${v}`);
    const yesNo = (v: boolean | null) => (v === null ? null : v ? 'ja' : 'nee');
    for (const m of models) {
      const row = records.get(m.reference);
      const expected: Record<string, Cell> = {
        Soort: label('kind', m.kind),
        'Formeel/informeel': label('formality', m.formality),
        'Binnengekomen via': label('channel', m.intakeChannel),
        'Geregistreerd op': m.regDay,
        // Issue 11: receipt, the acknowledgement's due day and day, letters, e-mails, files.
        'Ontvangen op': localDay(m.receivedAt ?? at(m.regDay)),
        'Ontvangen om': localTime(m.receivedAt ?? at(m.regDay)),
        'Ontvangstbevestiging uiterlijk': m.ackDue,
        'Ontvangst bevestigd op': m.ackAt ?? (m.ackDue === null ? m.ackDay : null),
        'Brieven verstuurd': m.lettersSent,
        'E-mails verstuurd': m.emailsSent,
        'Laatste brief op de post': m.lettersPostedOn,
        Bijlagen: m.attachments,
        Ontvankelijkheid: label('admissibility', m.admissibility),
        'Ontvankelijkheid bepaald op': m.admDay,
        'Motivering niet ontvankelijk': m.admMotivation,
        'Termijn terugkoppeling': m.feedbackDue,
        'Terugkoppeling op': m.feedbackDay,
        'Termijn besluit': m.decisionDue,
        Besluit: label('decision', m.decision),
        'Besluit op': m.decidedDay,
        'Motivering besluit': m.motivation,
        Oorzaak: label('cause', m.cause),
        'Soort oorzaak': label('causeCategory', m.causeCategory),
        Grondoorzaak: m.rootCause,
        'Afgesproken oplossing': m.agreedSolution,
        'Afgesproken termijn': m.agreedTermOn,
        'Klager akkoord': yesNo(m.complainantAgreed),
        'Uitgevoerd door (externe partij)': m.party
          ? [m.party.name, m.party.organisation].filter(Boolean).join(', ')
          : null,
        'Oplossing uitgevoerd op': m.fixDay,
        'Oplostermijn (oorspronkelijk)': m.originalDue ?? m.resolutionDue,
        'Oplostermijn (verlengd)': m.originalDue ? m.resolutionDue : null,
        'Reden verlenging': m.extensionReason,
        Oplossing: m.resolution,
        'Opgelost op': m.resolvedDay,
        'Bezwaar op': m.objectedDay,
        'Reden bezwaar': m.objectionReason,
        'Termijn beslissing op bezwaar': m.objectionDue,
        'Op bezwaar beslist op': m.finalDay ?? m.verdictOn,
        'Naar de klachtencommissie': m.objectedDay ? yesNo(m.committee) : null,
        'Uitspraak commissie': label('verdict', m.verdict),
        'Datum uitspraak': m.verdictOn,
        'Uitspraak bindend': yesNo(m.binding),
        'Vervolgmaatregelen uitspraak': m.followUp,
        'Einduitkomst bezwaar': m.finalOutcome,
        Bemiddelaar: m.mediatorId === 'kim' ? 'Kim Kwaliteit' : null,
        'Ingetrokken op': m.withdrawnDay,
        'Afgesloten op': m.closedDay,
        'Reden afsluiting': label('closeReason', m.closeReason),
        Omschrijving: m.description,
        'Werkdagen tot besluit':
          m.decidedDay === null ? null : calendar.workingDaysBetween(m.regDay, m.decidedDay),
        'Werkdagen tot afsluiting':
          m.closedDay === null ? null : calendar.workingDaysBetween(m.regDay, m.closedDay),
      };
      for (const milestone of MILESTONES) {
        const state = expectedMet(m, milestone, ASOF);
        expected[MET_COLUMN[milestone]] = state === null ? null : MET_TEXT[state];
      }
      const actual = Object.fromEntries(Object.keys(expected).map((k) => [k, row?.[k] ?? null]));
      expect({ reference: m.reference, ...actual }).toEqual({
        reference: m.reference,
        ...expected,
      });
    }
  });

  it('leaves the content of complaints about an employee out of the quality version, and the private note out of everything', async () => {
    const forQuality = await readWorkbook(quality.files.registerXlsx as Uint8Array);
    const forDirector = await readWorkbook(director.files.registerXlsx as Uint8Array);
    const { records } = registerRecords(forQuality);
    const behaviour = models.filter((m) => m.concernsEmployee);
    expect(behaviour.length).toBeGreaterThanOrEqual(3);
    for (const m of behaviour) {
      const row = records.get(m.reference);
      expect(row?.Omschrijving).toBe('(niet opgenomen: gaat over een medewerker)');
      if (m.motivation)
        expect(row?.['Motivering besluit']).toBe('(niet opgenomen: gaat over een medewerker)');
      expect(allText(forQuality)).not.toContain(m.description);
      expect(allText(forDirector)).toContain(m.description);
    }
    const noted = models.find((m) => m.privateNote);
    expect(noted).toBeDefined();
    const notes = await database.handle.db.execute(sql`select note from private_notes`);
    expect(JSON.stringify(notes)).toContain('PRIVENOTITIE');
    const rendered = await composeOutboxMessage(
      deps,
      {
        id: 1,
        idempotencyKey: 'digest',
        kind: 'yearly_digest',
        recipient: { channel: 'quality' },
        complaintId: null,
        payload: ((await outboxKinds(database.handle, 'yearly_digest')).at(-1)?.payload ??
          {}) as Record<string, string>,
        attempts: 1,
        deliveredVia: [],
      },
      'nl',
    );
    const everything = [
      allText(forQuality),
      allText(forDirector),
      new TextDecoder().decode(quality.files.registerCsv as Uint8Array),
      new TextDecoder().decode(director.files.registerCsv as Uint8Array),
      JSON.stringify(rendered?.model),
      JSON.stringify(quality.digest),
    ];
    for (const text of everything) {
      expect(text).not.toContain('PRIVENOTITIE');
      expect(text).not.toContain('toon aan de telefoon');
    }
  });

  it('shows the same numbers in the analysis sheet and in the chat digest, one decimal', async () => {
    const workbook = await readWorkbook(quality.files.registerXlsx as Uint8Array);
    const sheet = workbook.getWorksheet('Analyse');
    if (!sheet) throw new Error('analysis sheet missing');
    const analysis = new Map<string, Cell>();
    sheet.eachRow((row, r) => {
      const value = row.getCell(2).value;
      if (r > 1 && value !== null && value !== undefined) {
        analysis.set(String(row.getCell(1).value), value as Cell);
      }
    });
    const percent = (milestone: Milestone) => {
      const r = ratioOf(states(milestone));
      return r === null ? 'n.v.t.' : oneDecimal(r * 100);
    };
    const objected = counted().filter((m) => m.objectedDay !== null);
    const decisions = complaints()
      .filter((m) => m.decidedDay)
      .map((m) => calendar.workingDaysBetween(m.regDay, m.decidedDay as string));
    const expected: Record<string, Cell> = {
      Klachten: complaints().length,
      'Tips (apart geteld)': tips().length,
      'Over een medewerker (jaartotaal)': masked(aboutEmployee().length),
      'Ontvankelijk verklaard': count((m) => m.admissibility === 'admissible'),
      'Niet ontvankelijk verklaard': count((m) => m.admissibility === 'inadmissible'),
      'Oplostermijn verlengd': count((m) => m.originalDue !== null),
      Bezwaren: objected.length,
      'Binnen de termijn op beslist': states('objection').filter((x) => x === 'yes').length,
      'Naar de klachtencommissie': objected.filter((m) => m.committee).length,
      'Uitspraak gegrond': objected.filter((m) => m.verdict === 'founded').length,
      'Uitspraak deels gegrond': objected.filter((m) => m.verdict === 'partly_founded').length,
      'Uitspraak ongegrond': objected.filter((m) => m.verdict === 'unfounded').length,
      Afgesproken: count((m) => m.agreedTermOn !== null),
      'Op tijd uitgevoerd': states('agreed_term').filter((x) => x === 'yes').length,
      'Werkdagen tot besluit, mediaan': oneDecimal(percentileOf(decisions, 0.5)),
      'Werkdagen tot besluit, p90': oneDecimal(percentileOf(decisions, 0.9)),
    };
    for (const milestone of MILESTONES) {
      expected[`${COMPLIANCE_LABEL[milestone]} (%)`] = percent(milestone);
    }
    expect(Object.fromEntries(Object.keys(expected).map((k) => [k, analysis.get(k)]))).toEqual(
      expected,
    );
    // Every number in the sheet has at most one decimal.
    for (const value of analysis.values()) {
      if (typeof value === 'number') expect(oneDecimal(value)).toBe(value);
    }

    // The chat digest: the same figures, in Dutch notation.
    const rendered = await composeOutboxMessage(
      deps,
      {
        id: 2,
        idempotencyKey: 'digest-figures',
        kind: 'yearly_digest',
        recipient: { channel: 'quality' },
        complaintId: null,
        payload: { reportId: quality.reportId, year: 2025 },
        attempts: 1,
        deliveredVia: [],
      },
      'nl',
    );
    const chat = new Map<string, string>();
    for (const fact of rendered?.model.facts ?? []) chat.set(fact.label, fact.value);
    for (const section of rendered?.model.sections ?? []) {
      for (const line of section.text.split('\n')) {
        const split = line.lastIndexOf(': ');
        if (split > 0) chat.set(line.slice(0, split), line.slice(split + 2));
      }
    }
    const asSheet = (text: string): Cell => {
      if (text === '<3' || text === 'n.v.t.') return text;
      return Number(text.replace('%', '').replace('+', '').replace(',', '.'));
    };
    let compared = 0;
    for (const [label, value] of analysis) {
      const chatValue = chat.get(label.replace(/ \(%\)$/, ''));
      if (chatValue === undefined) continue;
      expect([label, asSheet(chatValue)]).toEqual([label, value]);
      compared++;
    }
    expect(compared).toBeGreaterThan(40);
    // Per category one line: its complaints and its tips, counted apart.
    const byCategory = rendered?.model.sections.find((x) => x.heading === 'Per rubriek')?.text;
    const service = counted().filter((m) => m.categoryKey === 'dienstverlening');
    const serviceComplaints = service.filter((m) => m.kind === 'complaint').length;
    const serviceTips = service.length - serviceComplaints;
    expect(byCategory).toContain(
      `Dienstverlening: ${serviceComplaints} klachten (+${serviceComplaints}), ${serviceTips} tips`,
    );
    // The employee total once in the chat (as a fact), as in the sheet.
    const facts = rendered?.model.facts ?? [];
    expect(facts.filter((f) => f.label === 'Over een medewerker (jaartotaal)')).toEqual([
      { label: 'Over een medewerker (jaartotaal)', value: String(masked(aboutEmployee().length)) },
    ]);
    const chatText = JSON.stringify(rendered?.model);
    expect(chatText.split('Over een medewerker (jaartotaal)')).toHaveLength(2);
    for (const key of Object.keys(expected)) {
      expect(chat.has(key.replace(/ \(%\)$/, '')), key).toBe(true);
    }
  });
});
