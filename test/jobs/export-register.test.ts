import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app/deps.js';
import {
  exportRegister,
  exportRequestIn,
  type RegisterFile,
  takeRegisterFile,
} from '../../src/app/export-register.js';
import { shortId } from '../../src/app/jobs/register-sheets.js';
import type { Person } from '../../src/domain/people.js';
import { parseRegisterPeriod } from '../../src/domain/register-access.js';
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

const TODAY = new Date('2026-03-02T09:00:00Z');
const SHEETS = ['Overzicht klachten', 'Verbeterregister', 'Audittrail', 'Analyse'];

describe('the register on demand (export)', () => {
  let database: TestDatabase;
  let deps: AppDeps & { clock: FixedClock };
  let year: Year;
  const person = async (id: string): Promise<Person> => {
    const found = await deps.store.repository.findPerson(id);
    if (!found) throw new Error(`no ${id}`);
    return found;
  };
  const exported = async (who: string, period: string, locale: 'nl' | 'en' = 'nl') => {
    deps.clock.set(TODAY);
    const outcome = await exportRegister(deps, await person(who), period, locale);
    if (!outcome.ok) throw new Error(`export refused: ${outcome.text}`);
    return outcome;
  };
  const xlsxOf = (files: RegisterFile[]) => {
    const file = files.find((f) => f.format === 'xlsx');
    if (!file) throw new Error('no xlsx');
    return readWorkbook(file.data);
  };

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    const clock = new FixedClock(TODAY);
    deps = { ...(await buildDeps(database.handle, { org: orgWithSecretariat(), clock })), clock };
    wireRegisterExport(deps, database.handle);
    year = await seedYear(deps, database.handle);
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  });

  it('recognises the command and parses periods in the domain', () => {
    expect(exportRequestIn('export 2025')).toBe('2025');
    expect(exportRequestIn('  Export 2025-01-01..2025-06-30 ')).toBe('2025-01-01..2025-06-30');
    expect(exportRequestIn('export 2025-01-01 .. 2025-06-30')).toBe('2025-01-01 .. 2025-06-30');
    expect(exportRequestIn('exporteer open')).toBe('open');
    expect(exportRequestIn('export')).toBe('');
    // A complaint that starts with the word is a complaint, not a command.
    expect(exportRequestIn('export van facturen mislukt steeds')).toBeNull();
    expect(exportRequestIn('mijn klachten')).toBeNull();

    const today = '2026-03-02';
    expect(parseRegisterPeriod('2025', today)).toEqual({
      ok: true,
      period: { kind: 'year', year: 2025, from: '2025-01-01', to: '2025-12-31' },
    });
    expect(parseRegisterPeriod('2025-01-01..2025-12-31', today)).toMatchObject({
      period: { kind: 'year', year: 2025 },
    });
    expect(parseRegisterPeriod('OPEN', today)).toEqual({ ok: true, period: { kind: 'open' } });
    const problem = (text: string) => {
      const parsed = parseRegisterPeriod(text, today);
      return parsed.ok ? null : parsed.problem;
    };
    expect(problem('')).toBe('missing');
    expect(problem('gisteren')).toBe('format');
    expect(problem('2025-02-30..2025-03-31')).toBe('invalid_date');
    expect(problem('1999')).toBe('invalid_date');
    expect(problem('2025-06-30..2025-01-01')).toBe('reversed');
    expect(problem('2027')).toBe('future');
    expect(problem('2026-03-03..2026-04-01')).toBe('future');
    expect(problem('2010-01-01..2020-01-01')).toBe('too_long');
    expect(problem('2010-01-01..2019-12-31')).toBeNull();
  });

  it('refuses whoever is not the quality adviser, a director or the secretariat', async () => {
    for (const who of ['mo', 'piet']) {
      const outcome = await exportRegister(deps, await person(who), '2025', 'nl');
      expect(outcome).toEqual({
        ok: false,
        reason: 'refused',
        text: 'Het klachtenregister opvragen kan alleen de kwaliteitsadviseur, de directie of het secretariaat.',
      });
    }
    // Refused before the period is read: a reporter learns nothing about periods.
    const english = await exportRegister(deps, await person('mo'), 'nonsense', 'en');
    expect(english.ok ? '' : english.text).toMatch(/^Only the quality adviser/);
    const reports = await query<{ n: number }>(
      database.handle,
      sql`select count(*)::int as n from reports`,
    );
    expect(reports[0]?.n).toBe(0);
  });

  it('answers a bad period with what is wrong, in Dutch or English', async () => {
    const text = async (period: string, locale: 'nl' | 'en' = 'nl') => {
      const outcome = await exportRegister(deps, await person('kim'), period, locale);
      expect(outcome.ok).toBe(false);
      return outcome.ok ? '' : outcome.text;
    };
    expect(await text('')).toMatch(/^Noem een periode/);
    expect(await text('gisteren')).toBe(
      '"gisteren" is geen periode. Gebruik een jaar (export 2025), twee datums (export 2025-01-01..2025-06-30) of export open.',
    );
    expect(await text('2025-02-30..2025-03-31')).toMatch(/^Die datum bestaat niet/);
    expect(await text('2025-06-30..2025-01-01')).toMatch(/^De periode eindigt vóór ze begint/);
    expect(await text('2030')).toMatch(/begint na vandaag/);
    expect(await text('2010-01-01..2025-01-01')).toMatch(/hoogstens 10 jaar/);
    expect(await text('gisteren', 'en')).toMatch(/^"gisteren" is not a period/);
  });

  it('gives the quality adviser the four sheets, checked against the seeded year', async () => {
    const outcome = await exported('kim', '2025');
    expect(outcome.audience).toBe('quality');
    expect(outcome.files.map((f) => f.fileName)).toEqual([
      'klachtenregister-2025.xlsx',
      'klachtenregister-2025.csv',
    ]);
    const workbook = await xlsxOf(outcome.files);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(SHEETS);

    // Overzicht klachten: the complaints registered in 2025, nothing from 2024.
    const register = sheetOf(workbook, 'Overzicht klachten');
    expect(register.headers).toHaveLength(70);
    expect(register.rows.map((r) => r.Kenmerk)).toEqual([
      year.delivery.reference,
      year.behaviour.reference,
      year.invoice.reference,
      year.withdrawn.reference,
    ]);
    // The measures' texts and the reporter's reaction (accepted on 12 March) are columns too.
    const delivery = register.rows[0] as Record<string, unknown>;
    expect(delivery['Corrigerende maatregel']).toBe('LEVERING-CORRIGEREND: spoedlevering');
    expect(delivery['Preventieve maatregel']).toBe('LEVERING-PREVENTIEF: planning bijgesteld');
    expect(delivery['Reactie melder']).toBe('Akkoord');
    expect(String(delivery['Reactie op'])).toContain('2025-03-12');

    // Verbeterregister: every measure of those complaints, and the trend review's two.
    const measures = sheetOf(workbook, 'Verbeterregister');
    expect(measures.headers).toEqual([
      'Maatregel',
      'Kenmerk klacht',
      'Herkomst',
      'Soort',
      'Reikwijdte',
      'Omschrijving',
      'Eigenaar (of interne volger)',
      'Uitgevoerd door (externe partij)',
      'Gereed uiterlijk',
      'Status',
      'Vastgelegd op',
      'Vastgelegd door',
      'Ingevoerd op',
      'Op tijd ingevoerd',
      'Bewijs van invoering',
      'Effectiviteit beoordelen uiterlijk',
      'Effectief',
      'Beoordeeld op',
      'Beoordeeld door',
      'Toelichting beoordeling',
      'Vervolg op maatregel',
    ]);
    const expectedMeasures = await query<{ id: string }>(
      database.handle,
      sql`select m.id::text as id from measures m left join complaints c on c.id = m.complaint_id
          where c.registered_at >= '2024-12-31T23:00:00Z' or m.complaint_id is null`,
    );
    expect(measures.rows).toHaveLength(expectedMeasures.length);
    expect(measures.rows).toHaveLength(6);
    const byText = (prefix: string) =>
      measures.rows.find((r) => String(r.Omschrijving).startsWith(prefix));
    expect(byText('LEVERING-VERBETER')).toEqual({
      Maatregel: expect.any(String),
      'Kenmerk klacht': year.delivery.reference,
      Herkomst: 'Klacht',
      Soort: 'Preventief',
      Reikwijdte: 'Organisatiebreed',
      Omschrijving: 'LEVERING-VERBETER: leveringsplanning organisatiebreed herzien',
      'Eigenaar (of interne volger)': 'Kim Kwaliteit',
      'Uitgevoerd door (externe partij)': null,
      'Gereed uiterlijk': '2025-06-30',
      Status: 'Effectief',
      'Vastgelegd op': '2025-03-10',
      'Vastgelegd door': 'Piet Projectleider',
      'Ingevoerd op': '2025-06-20',
      'Op tijd ingevoerd': 'ja',
      'Bewijs van invoering': 'LEVERING-BEWIJS: nieuwe planning gepubliceerd',
      'Effectiviteit beoordelen uiterlijk': '2025-09-20',
      Effectief: 'ja',
      'Beoordeeld op': '2025-09-22',
      'Beoordeeld door': 'Kim Kwaliteit',
      'Toelichting beoordeling': 'LEVERING-BEOORDELING: geen te late leveringen meer',
      'Vervolg op maatregel': null,
    });
    expect(byText('TREND: training')).toMatchObject({
      Maatregel: shortId(year.trendMeasure),
      'Kenmerk klacht': null,
      Herkomst: 'Trendanalyse',
      Status: 'Niet effectief',
      Effectief: 'nee',
      'Op tijd ingevoerd': 'nee',
      'Toelichting beoordeling': 'TREND-BEOORDELING: geen daling',
    });
    expect(byText('TREND-VERVOLG')).toMatchObject({
      Status: 'Gepland',
      'Eigenaar (of interne volger)': 'Hanna Hoofd Service',
      'Vervolg op maatregel': shortId(year.trendMeasure),
    });
    // The behaviour complaint's measure: listed, its texts left out of this version.
    const behaviourMeasure = measures.rows.find(
      (r) => r['Kenmerk klacht'] === year.behaviour.reference,
    );
    expect(behaviourMeasure).toMatchObject({
      Omschrijving: '(niet opgenomen: gaat over een medewerker)',
      'Bewijs van invoering': '(niet opgenomen: gaat over een medewerker)',
      Status: 'Ingevoerd',
      'Ingevoerd op': '2025-05-01',
    });

    // Audittrail: one row per event of those complaints, who and when, no content.
    const audit = sheetOf(workbook, 'Audittrail');
    expect(audit.headers).toEqual([
      'Kenmerk',
      'Datum',
      'Tijd',
      'Wie',
      'Wat',
      'Uitkomst',
      'Status vooraf',
      'Status daarna',
    ]);
    const events = await query<{ reference: string; action: string; actor: string | null }>(
      database.handle,
      sql`select c.reference, a.action, a.actor_id as actor from audit_events a
          join complaints c on c.id = a.complaint_id
          where c.registered_at >= '2024-12-31T23:00:00Z'
          order by c.registered_at, a.id`,
    );
    expect(audit.rows.map((r) => r.Kenmerk)).toEqual(events.map((e) => e.reference));
    const names: Record<string, string> = {
      mo: 'Melder',
      piet: 'Piet Projectleider',
      dirk: 'Dirk Directeur',
    };
    expect(audit.rows.map((r) => r.Wie)).toEqual(
      events.map((e) => (e.actor ? names[e.actor] : 'Klachtenbot')),
    );
    expect(
      audit.rows.find(
        (r) => r.Kenmerk === year.delivery.reference && r.Wat === 'Gegrond verklaard',
      ),
    ).toEqual({
      Kenmerk: year.delivery.reference,
      Datum: '2025-03-05',
      Tijd: '10:00',
      Wie: 'Piet Projectleider',
      Wat: 'Gegrond verklaard',
      Uitkomst: 'Uitgevoerd',
      'Status vooraf': 'Geregistreerd',
      'Status daarna': 'In behandeling',
    });
    const auditText = audit.rows.map((r) => Object.values(r).join(' ')).join('\n');
    for (const secret of ['LEVERING', 'GEDRAG', 'FACTUUR', 'INGETROKKEN', 'Mo Medewerker']) {
      expect(auditText).not.toContain(secret);
    }

    // Analyse: the chat digest's figures, and the chart drawn beside them.
    const analysisSheet = workbook.getWorksheet('Analyse');
    const analysis = new Map(
      sheetOf(workbook, 'Analyse').rows.map((r) => [String(r.Onderdeel), r.Waarde]),
    );
    // The seeded 2025 has four complaints and no tips; one (the behaviour complaint) is about
    // an employee. The analysis leaves it out of every figure and shows it once, as the
    // year's total ("<3" below three). Counted here over the register sheet, whose rows are
    // first checked against the seed.
    const aboutEmployee = (r: Record<string, unknown>) => r['Gaat over medewerker'] === 'ja';
    expect(register.rows.filter(aboutEmployee).map((r) => r.Kenmerk)).toEqual([
      year.behaviour.reference,
    ]);
    expect(register.rows.map((r) => r.Soort)).toEqual(['Klacht', 'Klacht', 'Klacht', 'Klacht']);
    const counted = register.rows.filter((r) => !aboutEmployee(r));
    const employeeTotal = register.rows.length - counted.length;
    expect(analysis.get('Klachten')).toBe(counted.filter((r) => r.Soort === 'Klacht').length);
    expect(analysis.get('Klachten')).toBe(3);
    expect(analysis.get('Tips (apart geteld)')).toBe(
      counted.filter((r) => r.Soort === 'Feedback').length,
    );
    expect(employeeTotal).toBe(1);
    expect(analysis.get('Over een medewerker (jaartotaal)')).toBe('<3');
    // Left out of the per-category figures too: Communicatie had only the behaviour complaint
    // (a category without complaints has no line, or a zero).
    expect(analysis.get('Communicatie: klachten') ?? 0).toBe(0);
    expect(analysisSheet?.getImages()).toHaveLength(1);

    // The CSV is the register sheet.
    const csv = new TextDecoder().decode(outcome.files[1]?.data);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(5);
  });

  it('leaves the content of a complaint about an employee out of the quality version only', async () => {
    const quality = await exported('kim', '2025');
    const secretariat = await exported('sara', '2025');
    const director = await exported('dirk', '2025');
    expect([quality.audience, secretariat.audience, director.audience]).toEqual([
      'quality',
      'quality',
      'director',
    ]);
    const texts = Object.values(BEHAVIOUR);
    for (const outcome of [quality, secretariat]) {
      const text = allText(await xlsxOf(outcome.files));
      const csv = new TextDecoder().decode(outcome.files[1]?.data);
      for (const secret of texts) {
        expect(text).not.toContain(secret);
        expect(csv).not.toContain(secret);
      }
      // The other complaints' texts are there.
      expect(text).toContain('LEVERING: kwam drie weken te laat');
    }
    const forDirector = await xlsxOf(director.files);
    const register = sheetOf(forDirector, 'Overzicht klachten').rows.find(
      (r) => r.Kenmerk === year.behaviour.reference,
    );
    expect(register?.Omschrijving).toBe(BEHAVIOUR.description);
    expect(register?.['Motivering besluit']).toBe(BEHAVIOUR.motivation);
    const measure = sheetOf(forDirector, 'Verbeterregister').rows.find(
      (r) => r['Kenmerk klacht'] === year.behaviour.reference,
    );
    expect(measure?.Omschrijving).toBe(BEHAVIOUR.measure);
    expect(measure?.['Bewijs van invoering']).toBe(BEHAVIOUR.evidence);
    expect(director.comment).toContain('versie directie');
  });

  it('takes a range and the open complaints', async () => {
    const spring = await exported('kim', '2025-03-01..2025-04-30');
    expect(spring.files[0]?.fileName).toBe('klachtenregister-2025-03-01_2025-04-30.xlsx');
    expect(spring.label).toBe('2025-03-01 t/m 2025-04-30');
    const springBook = await xlsxOf(spring.files);
    expect(sheetOf(springBook, 'Overzicht klachten').rows.map((r) => r.Kenmerk)).toEqual([
      year.delivery.reference,
      year.behaviour.reference,
    ]);
    // The complaints' measures; the trend review's were recorded after the range.
    const springMeasures = sheetOf(springBook, 'Verbeterregister').rows;
    expect(new Set(springMeasures.map((r) => r['Kenmerk klacht']))).toEqual(
      new Set([year.delivery.reference, year.behaviour.reference]),
    );
    // The analysis says which year its figures are of.
    expect(allText(springBook)).toContain('Cijfers over heel 2025, zoals de trendanalyse');

    const open = await exported('dirk', 'open');
    expect(open.label).toBe('open meldingen op 2026-03-02');
    const openBook = await xlsxOf(open.files);
    const expected = await query<{ reference: string }>(
      database.handle,
      sql`select reference from complaints where status not in ('closed', 'withdrawn')
          order by registered_at`,
    );
    expect(sheetOf(openBook, 'Overzicht klachten').rows.map((r) => r.Kenmerk)).toEqual(
      expected.map((e) => e.reference),
    );
    expect(expected.map((e) => e.reference)).toEqual([
      year.lastYear.reference,
      year.behaviour.reference,
      year.invoice.reference,
    ]);
    // Measures of the open complaints and those not finished; a judged one is finished.
    const openMeasures = sheetOf(openBook, 'Verbeterregister').rows.map((r) =>
      String(r.Omschrijving),
    );
    expect(openMeasures).toContain('TREND-VERVOLG: training herhalen');
    expect(openMeasures).toContain(BEHAVIOUR.measure);
    expect(openMeasures.some((t) => t.startsWith('TREND: training'))).toBe(false);
    expect(openMeasures.some((t) => t.startsWith('LEVERING'))).toBe(false);
  });

  it('speaks English to an English requester', async () => {
    const outcome = await exported('kim', '2025', 'en');
    expect(outcome.comment).toMatch(/^Complaints register 2025 \(without the content/);
    const book = await xlsxOf(outcome.files);
    expect(sheetOf(book, 'Verbeterregister').headers[0]).toBe('Measure');
    expect(sheetOf(book, 'Audittrail').headers).toContain('Who');
  });

  it('keeps a stored export for its requester only, each file once', async () => {
    deps.clock.set(TODAY);
    const outcome = await exportRegister(deps, await person('kim'), '2025', 'nl', { keep: true });
    if (!outcome.ok || !outcome.reportId) throw new Error('not stored');
    const { reportId } = outcome;
    expect(await takeRegisterFile(deps, await person('dirk'), reportId, 'xlsx')).toBeNull();
    expect(await takeRegisterFile(deps, await person('mo'), reportId, 'xlsx')).toBeNull();
    const file = await takeRegisterFile(deps, await person('kim'), reportId, 'xlsx');
    expect(file?.fileName).toBe('klachtenregister-2025.xlsx');
    expect(allText(await readWorkbook(file?.data as Uint8Array))).not.toContain('GEDRAG');
    expect(await takeRegisterFile(deps, await person('kim'), reportId, 'xlsx')).toBeNull();
    expect((await takeRegisterFile(deps, await person('kim'), reportId, 'csv'))?.format).toBe(
      'csv',
    );
    const [stored] = await query<{ xlsx: unknown; csv: unknown }>(
      database.handle,
      sql`select register_xlsx as xlsx, register_csv as csv from reports where id = ${reportId}`,
    );
    expect(stored).toEqual({ xlsx: null, csv: null });
  });

  it('counts the letters, e-mails and files of each complaint, and shows its receipt (issue 11)', async () => {
    const { db } = database.handle;
    // The delivery complaint: received by letter two days before it was typed in, with an
    // acknowledgement due and sent; two letters (one posted), an e-mail, a draft and a
    // cancelled letter (neither counts), and three files. The invoice complaint: nothing.
    await db.execute(sql`update complaints set intake_channel = 'letter',
        received_at = '2025-02-28T13:45:00Z', acknowledgement_due = '2025-03-07',
        acknowledged_at = '2025-03-05T10:00:00Z'
      where id = ${year.delivery.id}`);
    const letter = (channel: string, status: string, postedOn: string | null) =>
      sql`(${year.delivery.id}, 'acknowledgement', ${channel}, 'nl', 'Onderwerp', 'Tekst',
        ${status}, '2025-03-04T09:00:00Z', ${postedOn})`;
    await db.execute(sql`insert into correspondence
        (complaint_id, kind, channel, locale, subject, body, status, created_at, posted_on)
      values ${sql.join(
        [
          letter('letter', 'posted', '2025-03-05'),
          letter('letter', 'sent', null),
          letter('email', 'sent', null),
          letter('email', 'draft', null),
          letter('letter', 'cancelled', null),
        ],
        sql`, `,
      )}`);
    for (const n of [1, 2, 3]) {
      await db.execute(sql`insert into attachments
          (complaint_id, file_name, media_type, size_bytes, sha256, content, added_by, source, added_at)
        values (${year.delivery.id}, ${`scan-${n}.pdf`}, 'application/pdf', 4, ${String(n).repeat(64)},
          '\\x25504446'::bytea, 'mo', 'slack', '2025-03-03T09:00:00Z')`);
    }
    const outcome = await exported('kim', '2025');
    const rows = sheetOf(await xlsxOf(outcome.files), 'Overzicht klachten').rows;
    const columns = [
      'Ontvangen op',
      'Ontvangen om',
      'Binnengekomen via',
      'Ontvangstbevestiging uiterlijk',
      'Ontvangst bevestigd op',
      'Ontvangstbevestiging op tijd',
      'Brieven verstuurd',
      'E-mails verstuurd',
      'Laatste brief op de post',
      'Bijlagen',
    ];
    const pick = (reference: string) => {
      const row = rows.find((r) => r.Kenmerk === reference) ?? {};
      return Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
    };
    expect(pick(year.delivery.reference)).toEqual({
      'Ontvangen op': '2025-02-28',
      'Ontvangen om': '14:45',
      'Binnengekomen via': 'Brief',
      'Ontvangstbevestiging uiterlijk': '2025-03-07',
      'Ontvangst bevestigd op': '2025-03-05',
      'Ontvangstbevestiging op tijd': 'ja',
      'Brieven verstuurd': 2,
      'E-mails verstuurd': 1,
      'Laatste brief op de post': '2025-03-05',
      Bijlagen: 3,
    });
    const invoice = pick(year.invoice.reference);
    expect([invoice['Brieven verstuurd'], invoice['E-mails verstuurd'], invoice.Bijlagen]).toEqual([
      0, 0, 0,
    ]);
    expect(invoice['Laatste brief op de post']).toBeNull();
    expect(invoice['Ontvangen op']).toBe('2025-08-04');
    // No letter's text is in the register.
    expect(allText(await xlsxOf(outcome.files))).not.toContain('Onderwerp');
  });
});
