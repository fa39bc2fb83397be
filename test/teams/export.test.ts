import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import { createJobDeps } from '../../src/adapters/scheduler/job-deps.js';
import { sendYearlyDigest } from '../../src/app/jobs/send-yearly-digest.js';
import { reportComplaint } from '../../src/app/report-complaint.js';
import { runCommand } from '../../src/app/run-command.js';
import {
  executeActivity,
  messageActivity,
  TEAMS_USERS,
  type TeamsUser,
} from '../fakes/teams-activities.js';
import type { ConnectorCall } from '../fakes/teams-connector.js';
import { allText, readWorkbook, sheetOf, wireRegisterExport } from '../jobs/export-support.js';
import { QUALITY_CHANNEL, startTeamsHarness, type TeamsHarness, waitFor } from './harness.js';

const { mo, dirk, kim } = TEAMS_USERS;
const SECRET = 'GEDRAG-GEHEIM: Hanna schreeuwde tegen de klant';
const ORDINARY = 'LEVERING: de bestelling kwam te laat';
const CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const SHEETS = ['Overzicht klachten', 'Verbeterregister', 'Audittrail', 'Analyse'];

interface Consent {
  activityId: string;
  name: string;
  content: { description: string; sizeInBytes: number; acceptContext: Record<string, string> };
}

/** Stands in for the user's OneDrive: records what the bot PUTs into each upload session. */
class OneDrive {
  readonly files = new Map<string, { body: Buffer; range: string | undefined }>();
  private server: Server | null = null;
  url = '';
  /** The next this many uploads fail (OneDrive answers 503) and store nothing. */
  failNext = 0;
  async start() {
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      if (this.failNext > 0) {
        this.failNext -= 1;
        res.writeHead(503).end();
        return;
      }
      this.files.set(req.url ?? '', {
        body: Buffer.concat(chunks),
        range: req.headers['content-range'],
      });
      res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }
  async stop() {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

let h: TeamsHarness;
let drive: OneDrive;
let year: string;
const opts = () => ({ serviceUrl: h.connector.url });
const personal = (user: TeamsUser) => `a:personal-${user.id}`;

/** The bot's messages in a conversation after the first `after` calls, as plain texts. */
const messagesIn = (conversation: string, after: number) =>
  h.connector.calls
    .slice(after)
    .filter((c) => c.conversationId === conversation && c.method === 'POST');

async function say(user: TeamsUser, text: string, activity: object = {}) {
  const before = h.connector.calls.length;
  const res = await h.post({ ...messageActivity(user, text, opts()), ...activity });
  expect(res.status).toBe(200);
  return before;
}

async function sayAndReadText(user: TeamsUser, text: string): Promise<string> {
  const before = await say(user, text);
  const reply = await waitFor(
    () => messagesIn(personal(user), before).find((c) => typeof c.body.text === 'string'),
    `a reply to ${text}`,
  );
  return String(reply.body.text);
}

function consentsOf(calls: ConnectorCall[]): Consent[] {
  return calls.flatMap((c) =>
    ((c.body.attachments ?? []) as { contentType: string; name: string; content: never }[])
      .filter((a) => a.contentType === CONSENT)
      // The id the client would name in the invoke's replyToId (the fake records no ids).
      .map((a) => ({ activityId: `consent-${randomUUID()}`, name: a.name, content: a.content })),
  );
}

async function exportAs(user: TeamsUser, period: string): Promise<Consent[]> {
  const before = await say(user, `export ${period}`);
  return waitFor(() => {
    const found = consentsOf(messagesIn(personal(user), before));
    return found.length === 2 ? found : null;
  }, 'two file consent cards');
}

/** The user chooses Allow on a consent card: Teams sends the upload session in an invoke. */
async function accept(user: TeamsUser, consent: Consent, action: 'accept' | 'decline' = 'accept') {
  const path = `/${user.id}/${randomUUID()}/${consent.name}`;
  const invoke = {
    ...executeActivity(user, 'unused', {}, opts()),
    name: 'fileConsent/invoke',
    replyToId: consent.activityId,
    value: {
      type: 'fileUpload',
      action,
      context: consent.content.acceptContext,
      ...(action === 'accept'
        ? {
            uploadInfo: {
              name: consent.name,
              uploadUrl: `${drive.url}${path}`,
              contentUrl: `https://contoso-my.sharepoint.com/personal${path}`,
              uniqueId: randomUUID(),
              fileType: consent.name.split('.').pop(),
            },
          }
        : {}),
    },
  };
  const before = h.connector.calls.length;
  const res = await h.post(invoke);
  expect(res.status).toBe(200);
  const stored = drive.files.get(path);
  return { uploaded: stored?.body ?? null, range: stored?.range ?? null, before };
}

beforeAll(async () => {
  h = await startTeamsHarness();
  drive = await new OneDrive().start();
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
  const director = await deps.store.repository.findPerson('dirk');
  if (!director) throw new Error('no dirk');
  await runCommand(deps, {
    complaint: behaviour.id,
    actor: { kind: 'person', person: director },
    command: 'declare_founded',
    payload: { motivation: 'GEDRAG-GEHEIM-MOTIVERING' },
  });
  year = deps.calendar.localDate(complaint.registeredAt).slice(0, 4);
}, 60_000);
afterAll(async () => {
  await h?.stop();
  await drive?.stop();
});

describe('Teams: export in the 1:1 chat', () => {
  it('offers the quality adviser the XLSX and CSV and uploads them to her OneDrive only', async () => {
    const consents = await exportAs(kim, year);
    expect(consents.map((c) => c.name)).toEqual([
      `klachtenregister-${year}.xlsx`,
      `klachtenregister-${year}.csv`,
    ]);
    expect(consents[0]?.content.description).toContain(
      'zonder de inhoud van klachten over medewerkers',
    );
    // The consent card carries no file and no complaint text: only its size and a reference.
    expect(JSON.stringify(consents)).not.toContain(ORDINARY);

    const { uploaded, range, before } = await accept(kim, consents[0] as Consent);
    if (!uploaded) throw new Error('nothing uploaded');
    // One PUT of the whole file into the upload session.
    expect(range).toBe(`bytes 0-${uploaded.length - 1}/${uploaded.length}`);
    const workbook = await readWorkbook(uploaded);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(SHEETS);
    expect(sheetOf(workbook, 'Overzicht klachten').rows).toHaveLength(2);
    expect(allText(workbook)).toContain(ORDINARY);
    expect(allText(workbook)).not.toContain('GEDRAG-GEHEIM');
    expect(uploaded.length).toBe(consents[0]?.content.sizeInBytes);
    // Then a file card in the same 1:1 chat, and the consent card is removed.
    const info = messagesIn(personal(kim), before).find((c) =>
      JSON.stringify(c.body).includes('application/vnd.microsoft.teams.card.file.info'),
    );
    expect(info).toBeDefined();
    expect(
      h.connector.calls
        .slice(before)
        .some((c) => c.method === 'DELETE' && c.activityId === consents[0]?.activityId),
    ).toBe(true);

    const csv = await accept(kim, consents[1] as Consent);
    expect(csv.uploaded?.toString('utf8')).toContain(ORDINARY);
    expect(csv.uploaded?.toString('utf8')).not.toContain('GEDRAG-GEHEIM');

    // Each file once: a second Allow finds it gone.
    const again = await accept(kim, consents[0] as Consent);
    expect(again.uploaded).toBeNull();
    const expired = messagesIn(personal(kim), again.before).map((c) => c.body.text);
    expect(expired).toContain(
      'Dit bestand is niet meer beschikbaar. Vraag het register opnieuw op.',
    );
  });

  it('keeps the file when the upload to OneDrive fails, so Allow can be tried again', async () => {
    const consents = await exportAs(kim, year);
    drive.failNext = 1;
    const failed = await accept(kim, consents[0] as Consent);
    expect(failed.uploaded).toBeNull();
    expect(messagesIn(personal(kim), failed.before).map((c) => c.body.text)).toContain(
      `klachtenregister-${year}.xlsx kon niet in uw OneDrive worden gezet. Vraag het register opnieuw op.`,
    );
    // The consent card stays; a second Allow uploads the very file.
    const retried = await accept(kim, consents[0] as Consent);
    if (!retried.uploaded) throw new Error('nothing uploaded on the retry');
    expect(retried.uploaded.length).toBe(consents[0]?.content.sizeInBytes);
    expect(allText(await readWorkbook(retried.uploaded))).toContain(ORDINARY);
    // Once uploaded it is cleared: a third Allow finds it gone.
    const third = await accept(kim, consents[0] as Consent);
    expect(third.uploaded).toBeNull();
    expect(messagesIn(personal(kim), third.before).map((c) => c.body.text)).toContain(
      'Dit bestand is niet meer beschikbaar. Vraag het register opnieuw op.',
    );
  });

  it("gives the director the director's version; nobody else can fetch it", async () => {
    const consents = await exportAs(dirk, 'open');
    // The quality adviser accepting the director's card gets nothing.
    const stolen = await accept(kim, consents[0] as Consent);
    expect(stolen.uploaded).toBeNull();
    const { uploaded } = await accept(dirk, consents[0] as Consent);
    if (!uploaded) throw new Error('nothing uploaded');
    expect(allText(await readWorkbook(uploaded))).toContain(SECRET);
    // Declined: the file is dropped and the bot says so.
    const declined = await accept(dirk, consents[1] as Consent, 'decline');
    expect(messagesIn(personal(dirk), declined.before).map((c) => c.body.text)).toContain(
      'Goed, CSV is niet verstuurd.',
    );
    expect((await accept(dirk, consents[1] as Consent)).uploaded).toBeNull();
  });

  it('refuses a reporter, and says what is wrong with a bad period', async () => {
    expect(await sayAndReadText(mo, `export ${year}`)).toBe(
      'Het klachtenregister opvragen kan alleen de kwaliteitsadviseur, de directie of het secretariaat.',
    );
    expect(await sayAndReadText(kim, 'export 2025-06-30..2025-01-01')).toBe(
      'De periode eindigt vóór ze begint. Zet de vroegste datum eerst, bijvoorbeeld: export 2025-01-01..2025-06-30.',
    );
    const before = await say(kim, 'export soon', { locale: 'en-US' });
    const english = await waitFor(
      () => messagesIn(personal(kim), before).find((c) => typeof c.body.text === 'string'),
      'an English reply',
    );
    expect(english.body.text).toBe(
      '"soon" is not a period. Use a year (export 2025), two dates (export 2025-01-01..2025-06-30) or export open.',
    );
    expect(consentsOf(messagesIn(personal(kim), before))).toHaveLength(0);
  });

  it('never sends the register into a channel conversation', async () => {
    const channel = { id: '19:algemeen@thread.tacv2', conversationType: 'channel', isGroup: true };
    const before = await say(kim, `export ${year}`, {
      conversation: {
        ...channel,
        tenantId: messageActivity(kim, '', opts()).conversation.tenantId,
      },
    });
    const reply = await waitFor(
      () => messagesIn(channel.id, before).find((c) => typeof c.body.text === 'string'),
      'the answer in the channel',
    );
    expect(reply.body.text).toBe(
      'Het klachtenregister krijgt u alleen in uw eigen chat met Klachtenbot. Typ het daar, bijvoorbeeld: export 2025.',
    );
    expect(consentsOf(h.connector.calls.slice(before))).toEqual([]);
  });

  it('the yearly job posts no file and no complaint text to the quality channel', async () => {
    const { service } = h;
    await h.post(messageActivity(mo, 'help', opts()));
    const jobDeps = wireRegisterExport(
      createJobDeps(service.deps, service.database.db, service.org),
      service.database,
    );
    const before = h.connector.calls.length;
    await sendYearlyDigest(jobDeps, Number(year), `${Number(year) + 1}-01-05`);
    // Delivered (or dropped) by the outbox: then everything it sent is in the fake's log.
    await waitFor(async () => {
      const rows = rowsOf<{ status: string }>(
        await service.database.db.execute(
          sql`select status from outbox where kind in ('yearly_digest', 'register_files')`,
        ),
      );
      return rows.length === 3 && rows.every((r) => r.status !== 'pending');
    }, 'the outbox to settle');
    const post = h.connector.calls
      .slice(before)
      .find(
        (c) =>
          c.conversationId === QUALITY_CHANNEL &&
          JSON.stringify(c.body).includes(`Trendanalyse klachten ${year}`),
      );
    expect(post).toBeDefined();
    const toChannel = h.connector.calls
      .slice(before)
      .filter((c) => c.conversationId === QUALITY_CHANNEL);
    const attachments = toChannel.flatMap(
      (c) => (c.body.attachments ?? []) as { contentType: string }[],
    );
    expect(attachments.map((a) => a.contentType)).toEqual(
      attachments.map(() => 'application/vnd.microsoft.card.adaptive'),
    );
    const posted = JSON.stringify(toChannel.map((c) => c.body));
    expect(posted).not.toMatch(/\.xlsx|\.csv|file\.consent/);
    for (const secret of ['GEDRAG-GEHEIM', ORDINARY]) expect(posted).not.toContain(secret);
  });
});
