import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobDeps } from '../../src/adapters/scheduler/job-deps.js';
import { unescapeMrkdwn } from '../../src/adapters/slack/block-kit/text.js';
import { sendYearlyDigest } from '../../src/app/jobs/send-yearly-digest.js';
import { reportComplaint } from '../../src/app/report-complaint.js';
import { runCommand } from '../../src/app/run-command.js';
import type { SlackUserRef } from '../fakes/slack-client.js';
import type { SlackCall } from '../fakes/slack-web-api.js';
import { allText, readWorkbook, sheetOf, wireRegisterExport } from '../jobs/export-support.js';
import { type Harness, outboxRows, startHarness, USERS } from './harness.js';

const SECRET = 'GEDRAG-GEHEIM: Hanna schreeuwde tegen de klant';
const ORDINARY = 'LEVERING: de bestelling kwam te laat';
const SHEETS = ['Overzicht klachten', 'Verbeterregister', 'Audittrail', 'Analyse'];

let h: Harness;
let year: string;

const responses = () => h.fake.calls.filter((c) => c.method.startsWith('/response/'));
const uploads = () => h.fake.callsOf('files.completeUploadExternal');

/** `/klacht <text>` from the general channel; what the app answered on the response_url. */
async function command(user: SlackUserRef, text: string): Promise<string> {
  const before = responses().length;
  expect((await h.slack.command(user, text)).status).toBe(200);
  const answer = await h.fake.waitFor(() => responses()[before]);
  return unescapeMrkdwn(String(answer.args.text));
}

/** The bytes of an uploaded file: the Web API client posts them as a multipart field. */
function uploadedFile(fileId: string): Uint8Array {
  const body = h.fake.uploads.get(fileId);
  if (!body) throw new Error(`no upload ${fileId}`);
  if (body.subarray(0, 2).toString() === 'PK') return body;
  const boundary = body.subarray(0, body.indexOf('\r\n')).toString();
  const start = body.indexOf('\r\n\r\n') + 4;
  const end = body.lastIndexOf(`\r\n${boundary}`);
  return body.subarray(start, end);
}

/** Polls until `done` (the outbox works on its own loop); fails after ten seconds. */
async function settled(done: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + 10_000;
  while (!(await done())) {
    if (Date.now() > until) throw new Error('the outbox did not settle');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function filesOf(call: SlackCall): { id: string; title: string }[] {
  return JSON.parse(String(call.args.files)) as { id: string; title: string }[];
}

beforeAll(async () => {
  h = await startHarness();
  const deps = wireRegisterExport(h.service.deps, h.service.database);
  const { complaint } = await reportComplaint(deps, {
    reporterId: 'mo',
    categoryKey: 'dienstverlening',
    description: ORDINARY,
  });
  const { complaint: behaviour } = await reportComplaint(deps, {
    reporterId: 'mo',
    categoryKey: 'overig',
    description: SECRET,
    concernsEmployee: true,
    subjectPersonId: 'hanna',
  });
  const dirk = await deps.store.repository.findPerson('dirk');
  if (!dirk) throw new Error('no dirk');
  await runCommand(deps, {
    complaint: behaviour.id,
    actor: { kind: 'person', person: dirk },
    command: 'declare_founded',
    payload: { motivation: 'GEDRAG-GEHEIM-MOTIVERING' },
  });
  year = deps.calendar.localDate(complaint.registeredAt).slice(0, 4);
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

describe('Slack: /klacht export', () => {
  it('uploads the XLSX and CSV into the quality adviser’s DM, never in the channel', async () => {
    const before = uploads().length;
    const answer = await command(USERS.kim, `export ${year}`);
    expect(answer).toBe(
      `Het klachtenregister ${year} staat in uw privégesprek met Klachtenbot (XLSX, CSV).`,
    );
    const upload = uploads()[before] as SlackCall;
    expect(upload.args.channel_id).toBe(`D${USERS.kim.id}`);
    const files = filesOf(upload);
    expect(files.map((f) => f.title)).toEqual([
      `klachtenregister-${year}.xlsx`,
      `klachtenregister-${year}.csv`,
    ]);
    expect(String(upload.args.initial_comment)).toContain(
      'zonder de inhoud van klachten over medewerkers',
    );
    // Nothing of it in the channel the command was typed in.
    const inChannel = h.fake.calls.filter(
      (c) => c.args.channel === 'C0GENERAL' || c.args.channel_id === 'C0GENERAL',
    );
    expect(inChannel).toEqual([]);

    const workbook = await readWorkbook(uploadedFile(files[0]?.id ?? ''));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(SHEETS);
    expect(sheetOf(workbook, 'Overzicht klachten').rows).toHaveLength(2);
    expect(sheetOf(workbook, 'Audittrail').rows.length).toBeGreaterThanOrEqual(3);
    const text = allText(workbook);
    expect(text).toContain(ORDINARY);
    expect(text).not.toContain('GEDRAG-GEHEIM');
    const csv = Buffer.from(uploadedFile(files[1]?.id ?? '')).toString('utf8');
    expect(csv).toContain(ORDINARY);
    expect(csv).not.toContain('GEDRAG-GEHEIM');
  });

  it('gives the director the version with the content of complaints about an employee', async () => {
    const before = uploads().length;
    await command(USERS.dirk, `export ${year}-01-01..${year}-12-31`);
    const upload = uploads()[before] as SlackCall;
    expect(upload.args.channel_id).toBe(`D${USERS.dirk.id}`);
    const workbook = await readWorkbook(uploadedFile(filesOf(upload)[0]?.id ?? ''));
    expect(allText(workbook)).toContain(SECRET);
    expect(allText(workbook)).toContain('GEDRAG-GEHEIM-MOTIVERING');
  });

  it('refuses a reporter and a handler, in their language, and uploads nothing', async () => {
    const before = h.fake.callsOf('files.getUploadURLExternal').length;
    expect(await command(USERS.mo, `export ${year}`)).toBe(
      'Het klachtenregister opvragen kan alleen de kwaliteitsadviseur, de directie of het secretariaat.',
    );
    expect(await command(USERS.piet, 'export open')).toMatch(/^Het klachtenregister opvragen/);
    expect(await command(USERS.eva, `export ${year}`)).toBe(
      'Only the quality adviser, the management or the secretariat can export the complaints register.',
    );
    expect(h.fake.callsOf('files.getUploadURLExternal')).toHaveLength(before);
  });

  it('says what is wrong with a bad period', async () => {
    const before = h.fake.callsOf('files.getUploadURLExternal').length;
    expect(await command(USERS.kim, 'export gisteren')).toBe(
      '"gisteren" is geen periode. Gebruik een jaar (export 2025), twee datums (export 2025-01-01..2025-06-30) of export open.',
    );
    expect(await command(USERS.kim, 'export 2025-06-31..2025-07-31')).toMatch(
      /^Die datum bestaat niet/,
    );
    expect(await command(USERS.kim, 'export')).toMatch(/^Noem een periode/);
    expect(h.fake.callsOf('files.getUploadURLExternal')).toHaveLength(before);
  });

  it('the yearly job posts no register and no complaint text to the quality channel', async () => {
    const { service } = h;
    const jobDeps = wireRegisterExport(
      createJobDeps(service.deps, service.database.db, service.org),
      service.database,
    );
    await sendYearlyDigest(jobDeps, Number(year), `${Number(year) + 1}-01-05`);
    // Delivered (or dropped) by the outbox: then everything it sent is in the fake's log.
    await settled(async () => {
      const rows = await outboxRows(service);
      const sent = rows.filter((r) => r.kind === 'yearly_digest' || r.kind === 'register_files');
      return sent.length === 3 && sent.every((r) => r.status !== 'pending');
    });
    const toChannel = h.fake.calls.filter(
      (c) => c.args.channel === 'C0KWALITEIT' || c.args.channel_id === 'C0KWALITEIT',
    );
    expect(toChannel.length).toBeGreaterThan(0);
    const channelFiles = toChannel
      .filter((c) => c.method === 'files.completeUploadExternal')
      .flatMap((c) => filesOf(c).map((f) => f.title));
    expect(channelFiles.filter((title) => /\.(xlsx|csv)$/.test(title))).toEqual([]);
    const posted = JSON.stringify(toChannel.map((c) => c.args));
    for (const secret of ['GEDRAG-GEHEIM', ORDINARY]) expect(posted).not.toContain(secret);
  });
});
