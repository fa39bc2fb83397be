import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complainantRoutes } from '../../src/adapters/http/complainant-page.js';
import { createHttpServer } from '../../src/adapters/http/server.js';
import { verifyToken } from '../../src/adapters/http/signed-token.js';
import { createLetterRenderer } from '../../src/adapters/letters/index.js';
import { createMailDeliveryPort } from '../../src/adapters/mail/index.js';
import { createOutboxStore } from '../../src/adapters/postgres/outbox-store.js';
import { EMAIL_SENT_ACTION, letterDate } from '../../src/app/complainant-mail.js';
import type { ComplainantSettings } from '../../src/app/complainant-settings.js';
import { draftCorrespondence, sendCorrespondence } from '../../src/app/correspondence.js';
import type { AppDeps } from '../../src/app/deps.js';
import { dispatchOutboxOnce } from '../../src/app/dispatch-outbox.js';
import type { DeliveryPort } from '../../src/app/ports.js';
import type { Complaint } from '../../src/domain/complaint.js';
import { insertComplaint } from '../jobs/support.js';
import {
  buildDeps,
  createTestDatabase,
  FixedClock,
  silentLogger,
  type TestDatabase,
} from '../support/databases.js';
import { complainantSettings, LINK_SECRET, pdfText, startSmtpServer } from './support.js';

/**
 * The acknowledgement e-mail to a complainant through a real SMTP server in this process
 * (issue 11): sent once however often the outbox runs, the letter attached as a PDF that
 * parses, the personal link signed; a busy server is retried, a refused address parked;
 * without SMTP the e-mail is written as one .eml file.
 */
describe('e-mail to the complainant', () => {
  let database: TestDatabase;
  let deps: AppDeps;
  let clock: FixedClock;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let dataDir: string;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    // Friday 24 April 2026; Monday 27 April is King's Day.
    clock = new FixedClock(new Date('2026-04-24T08:00:00Z'));
    deps = await buildDeps(database.handle, { clock });
    smtp = await startSmtpServer({ 'busy@example.org': 451, 'nobody@example.org': 550 });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'kb-mail-'));
  });
  afterAll(async () => {
    await smtp?.close();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  function withSettings(settings: ComplainantSettings): AppDeps {
    return { ...deps, complainant: settings, letters: createLetterRenderer() };
  }

  function mailPort(d: AppDeps, settings: ComplainantSettings): DeliveryPort {
    return createMailDeliveryPort({
      deps: d,
      settings,
      logger: silentLogger,
      dataDir,
      smtpUrl: settings.mail === 'smtp' ? smtp.url : null,
      from: 'klachten@test.example',
    });
  }

  const dispatch = (port: DeliveryPort) =>
    dispatchOutboxOnce({
      outbox: createOutboxStore(database.handle.db),
      ports: [port],
      clock,
      logger: silentLogger,
    });

  /** A complaint received by e-mail, its acknowledgement drafted and sent by the handler. */
  async function sentAcknowledgement(d: AppDeps, email: string) {
    const id = await insertComplaint(database.handle, {
      intakeChannel: 'email',
      complainantName: 'Mevrouw J. Jansen',
      complainantEmail: email,
      complainantAddress: 'Kerkstraat 12\n1234 AB Utrecht',
      receivedAt: new Date('2026-04-24T07:30:00Z'),
      registeredAt: new Date('2026-04-24T08:00:00Z'),
      acknowledgementDue: '2026-04-28',
      // One working day after Friday 24 April is Tuesday 28 April: King's Day is skipped.
      feedbackDue: d.calendar.addWorkingDays('2026-04-24', 1),
    });
    const repo = d.store.repository;
    const complaint = (await repo.findComplaint(id)) as Complaint;
    const draft = await d.store.transaction((tx) =>
      draftCorrespondence(tx, d, complaint, 'acknowledgement', 'piet', clock.now()),
    );
    if (!draft) throw new Error('no acknowledgement drafted');
    expect(draft.channel).toBe('email');
    const piet = await repo.findPerson('piet');
    if (!piet) throw new Error('no piet');
    await sendCorrespondence(d, {
      actor: piet,
      correspondenceId: draft.id,
      subject: draft.subject,
      body: draft.body,
      requestKey: `test:${draft.id}`,
    });
    const sent = await repo.findCorrespondence(draft.id);
    if (!sent) throw new Error('correspondence gone');
    return { complaint: (await repo.findComplaint(id)) as Complaint, correspondence: sent };
  }

  it('delivers the acknowledgement once over SMTP: text, PDF letter and a signed link', async () => {
    const settings = complainantSettings();
    const d = withSettings(settings);
    const port = mailPort(d, settings);
    const { complaint, correspondence } = await sentAcknowledgement(d, 'jansen@example.org');
    const before = smtp.received.length;

    const first = await dispatch(port);
    const second = await dispatch(port);
    expect(first.delivered).toBe(1);
    expect(second.delivered).toBe(0);
    const mails = smtp.received.slice(before);
    expect(mails).toHaveLength(1);
    const { mail, envelopeTo } = mails[0] as (typeof mails)[number];

    expect(envelopeTo).toEqual(['jansen@example.org']);
    expect(mail.messageId).toBe(`<${correspondence.id}@klachtenbot>`);
    expect(mail.subject).toBe(`${correspondence.subject} (${complaint.reference})`);
    expect(mail.from?.text).toContain('klachten@test.example');
    const text = mail.text ?? '';
    // The text as sent, every line of it (the deadlines the draft names included).
    for (const line of correspondence.body.split('\n').filter((l) => l.trim())) {
      expect(text).toContain(line.trim());
    }
    expect(mail.html).toContain('<a href="https://klachten.example.nl/klager?t=');
    // The deadlines as dates, across King's Day (Monday 27 April 2026).
    expect(complaint.feedbackDue).toBe('2026-04-28');
    expect(text).toContain('28 april 2026');
    expect(text).not.toContain('27 april 2026');
    // One closing: the text's own, after the link.
    expect(text.match(/Met vriendelijke groet,/g)).toHaveLength(1);
    expect(text.indexOf('/klager?t=')).toBeLessThan(text.indexOf('Met vriendelijke groet,'));

    // The PDF: the letter with the reference and the letter's date (the day it was sent).
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf?.filename).toBe(`brief-${complaint.reference}.pdf`);
    const pages = await pdfText(new Uint8Array(pdf?.content ?? []));
    const letter = pages.join('\n');
    expect(letter).toContain(`Ons kenmerk: ${complaint.reference}`);
    expect(letter).toContain(letterDate('nl', '2026-04-24'));
    expect(letter).toContain('Mevrouw J. Jansen');
    expect(letter).toContain('Kerkstraat 12');
    expect(letter).toContain(correspondence.subject);

    // The link: signed for the complainant's page, naming a link row of this complaint.
    const match = /https:\/\/klachten\.example\.nl\/klager\?t=([^\s<"]+)/.exec(text);
    expect(match).not.toBeNull();
    const token = decodeURIComponent(match?.[1] ?? '');
    const claims = verifyToken(LINK_SECRET, 'complainant', token, clock.now());
    expect(claims).not.toBeNull();
    const link = await d.store.repository.findComplainantLink(claims?.sub ?? '');
    expect(link?.complaintId).toBe(complaint.id);
    expect(link?.revokedAt).toBeNull();
    expect((claims?.exp ?? 0) * 1000).toBe(
      Math.floor((link?.expiresAt.getTime() ?? 0) / 1000) * 1000,
    );
    // Forged: another secret, or another purpose, is refused.
    expect(verifyToken('another-secret', 'complainant', token, clock.now())).toBeNull();
    expect(verifyToken(LINK_SECRET, 'download', token, clock.now())).toBeNull();
    // And it works: the link, as mailed, opens the complainant's page of this complaint.
    const server = createHttpServer({
      routes: complainantRoutes({ deps: d, settings, logger: silentLogger }),
      readiness: [],
      logger: silentLogger,
    });
    const address = await server.listen(0, '127.0.0.1');
    try {
      const mailed = new URL(match?.[0] ?? '');
      const page = await fetch(
        `http://127.0.0.1:${address.port}${mailed.pathname}${mailed.search}`,
      );
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(complaint.reference);
    } finally {
      await server.close(100);
    }

    // Recorded once, and the complaint acknowledged then.
    const audit = await d.store.repository.listAudit(complaint.id);
    expect(audit.filter((a) => a.action === EMAIL_SENT_ACTION)).toHaveLength(1);
    // Not when it was queued: when the mail server took it.
    expect(complaint.acknowledgedAt).toBeNull();
    const acknowledged = await d.store.repository.findComplaint(complaint.id);
    expect(acknowledged?.acknowledgedAt).toEqual(clock.now());
  });

  it('a repeat of the outbox message after a crash sends nothing', async () => {
    const settings = complainantSettings();
    const d = withSettings(settings);
    const port = mailPort(d, settings);
    const { correspondence } = await sentAcknowledgement(d, 'repeat@example.org');
    await dispatch(port);
    const before = smtp.received.length;
    // The same message claimed again (its delivery was not recorded before a crash).
    const outcome = await port.deliver({
      id: 999_001,
      idempotencyKey: `correspondence:${correspondence.id}:email`,
      kind: 'complainant_email',
      recipient: { channel: 'complainant' },
      complaintId: correspondence.complaintId,
      payload: { correspondenceId: correspondence.id },
      attempts: 2,
      deliveredVia: [],
    });
    expect(outcome.kind).toBe('delivered');
    expect(smtp.received.length).toBe(before);
  });

  it('a 4xx from the mail server is retried, a 5xx parked', async () => {
    const settings = complainantSettings();
    const d = withSettings(settings);
    const port = mailPort(d, settings);
    const busy = await sentAcknowledgement(d, 'busy@example.org');
    const message = (id: string, complaintId: string) => ({
      id: 999_002,
      idempotencyKey: `correspondence:${id}:email`,
      kind: 'complainant_email',
      recipient: { channel: 'complainant' } as const,
      complaintId,
      payload: { correspondenceId: id },
      attempts: 1,
      deliveredVia: [],
    });
    const retry = await port.deliver(message(busy.correspondence.id, busy.complaint.id));
    expect(retry).toMatchObject({ kind: 'retry', reason: 'smtp 451' });
    const nobody = await sentAcknowledgement(d, 'nobody@example.org');
    const parked = await port.deliver(message(nobody.correspondence.id, nobody.complaint.id));
    expect(parked).toMatchObject({ kind: 'permanent', reason: 'smtp 550' });
    // Neither counts as sent: nothing recorded.
    const audit = await d.store.repository.listAudit(busy.complaint.id);
    expect(audit.some((a) => a.action === EMAIL_SENT_ACTION)).toBe(false);
    // Their outbox rows were not run by this test: out of the way of the next.
    await database.handle.db.execute(
      sql`update outbox set status = 'done-earlier' where status = 'pending'`,
    );
  });

  it('in local mode writes one .eml file under DATA_DIR/mail, however often it runs', async () => {
    const settings = complainantSettings({ mail: 'files' });
    const d = withSettings(settings);
    const port = mailPort(d, settings);
    const { complaint, correspondence } = await sentAcknowledgement(d, 'local@example.org');
    const before = smtp.received.length;
    await dispatch(port);
    await dispatch(port);
    expect(smtp.received.length).toBe(before);
    const files = await readdir(path.join(dataDir, 'mail'));
    expect(files).toEqual([`${correspondence.id}.eml`]);
    const mail = await simpleParser(await readFile(path.join(dataDir, 'mail', files[0] ?? '')));
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('local@example.org');
    expect(mail.subject).toContain(complaint.reference);
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
    const pages = await pdfText(new Uint8Array(pdf?.content ?? []));
    expect(pages.join('\n')).toContain(complaint.reference);
  });

  it('renders the same letter to the same bytes', async () => {
    const renderer = createLetterRenderer();
    const letter = {
      letterhead: complainantSettings().letterhead,
      recipientName: 'Mevrouw J. Jansen',
      recipientAddress: ['Kerkstraat 12', '1234 AB Utrecht'],
      date: '2026-11-28',
      dateText: '28 november 2026',
      referenceText: 'Ons kenmerk: KL-2026-0012',
      subject: 'Ontvangstbevestiging',
      body: `Geachte mevrouw Jansen,\n\n${'Een lange brief. '.repeat(600)}\n\nŁódź 😀`,
      closing: 'Met vriendelijke groet,',
      signature: 'Piet Projectleider\nTest BV',
    };
    const a = await renderer.render(letter);
    const b = await renderer.render(letter);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const pages = await pdfText(a);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.at(-1)).toContain('Piet Projectleider');
    expect(pages.join('\n')).toContain('?ódz ?');
  });
});
