import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadLink, downloadLinks, downloadRoutes } from '../../src/adapters/http/downloads.js';
import { createHttpServer, type HttpServer } from '../../src/adapters/http/server.js';
import { signToken } from '../../src/adapters/http/signed-token.js';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import { translate } from '../../src/app/messages/catalogue.js';
import { composeComplaintDetail } from '../../src/app/messages/detail.js';
import { reportComplaint } from '../../src/app/report-complaint.js';
import { viewComplaintDetail } from '../../src/app/view-complaint.js';
import type { Complaint } from '../../src/domain/complaint.js';
import { input, type SlackUserRef } from '../fakes/slack-client.js';
import type { SlackCall } from '../fakes/slack-web-api.js';
import { type Harness, openedViewAfter, startHarness, textOf, USERS } from '../slack/harness.js';
import { silentLogger } from '../support/databases.js';
import { FILES, pdfOfSize } from './files.js';

const MB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const fileInput = (...ids: string[]) => ({
  type: 'file_input',
  files: ids.map((id) => ({ id, name: id })),
});

let h: Harness;
let downloads: HttpServer;
let downloadsUrl = '';

beforeAll(async () => {
  h = await startHarness();
  const settings = h.service.deps.complainant;
  if (!settings) throw new Error('no complainant settings');
  // What the lead wires in service.ts: the links in the detail view and the route.
  h.service.deps.downloads = downloadLinks(settings);
  downloads = createHttpServer({
    routes: downloadRoutes(h.service.deps, settings),
    readiness: [],
    logger: silentLogger,
  });
  const address = await downloads.listen(0, '127.0.0.1');
  downloadsUrl = `http://127.0.0.1:${address.port}`;
  settings.publicBaseUrl = downloadsUrl;
});
afterAll(async () => {
  await downloads?.close(100);
  await h?.stop();
});

async function rows(complaintId: string) {
  const result = await h.service.database.db.execute(
    sql`select file_name, media_type, size_bytes, sha256, added_by, source, length(content)::int as length
        from attachments where complaint_id = ${complaintId} order by file_name`,
  );
  return rowsOf<Record<string, unknown>>(result);
}

async function audit(complaintId: string) {
  const result = await h.service.database.db.execute(
    sql`select action, actor_id, metadata from audit_events
        where complaint_id = ${complaintId} and action = 'attachment_added' order by id`,
  );
  return rowsOf<{ action: string; actor_id: string; metadata: Record<string, unknown> }>(result);
}

/** A text-only DM from the bot after `before` (the outbox's cards carry blocks). */
function botReply(user: SlackUserRef, before: number, contains = '') {
  return h.fake.waitFor(() =>
    h.fake
      .messagesTo(user.id)
      .slice(before)
      .find((c) => c.args.blocks === undefined && String(c.args.text).includes(contains)),
  );
}

async function report(user: SlackUserRef, text: string, files: string[]) {
  const opened = h.fake.callsOf('views.open').length;
  expect((await h.slack.command(user, text)).status).toBe(200);
  const view = await openedViewAfter(h.fake, opened);
  const before = h.fake.messagesTo(user.id).length;
  const res = await h.slack.submit(user, view, {
    description: input.text(text),
    categoryKey: input.option('dienstverlening'),
    complainantType: input.option('client'),
    complainantName: input.text('Familie Jansen'),
    intakeChannel: input.option('letter'),
    attachments: fileInput(...files),
  });
  expect(res.json?.response_action, res.text).toBe('update');
  const reference = /KL-\d{4}-\d{4}/.exec(res.text)?.[0] as string;
  const complaint = (await h.service.deps.store.repository.findComplaint(reference)) as Complaint;
  // The files are fetched after the modal is answered; the reporter hears in the DM.
  const dm = await botReply(user, before, reference);
  return { dm, complaint };
}

const dmText = (call: SlackCall) => String(call.args.text);

describe('Slack: attachments with the report, in the DM, and their private download', () => {
  it('file_input in the report modal: files.info, the download with the bot token, stored with hash and audit', async () => {
    h.fake.addFile('F0SCAN', {
      name: 'scan brief.pdf',
      mimetype: 'application/pdf',
      content: FILES.pdf,
    });
    h.fake.addFile('F0FOTO', { name: 'foto.png', mimetype: 'image/png', content: FILES.png });
    const { dm, complaint } = await report(USERS.mo, 'Brief met scan en foto', [
      'F0SCAN',
      'F0FOTO',
    ]);
    expect(dmText(dm)).toBe(
      translate('nl', 'attachment.saved.many', { count: 2, reference: complaint.reference }),
    );
    expect(h.fake.callsOf('files.info').map((c) => c.args.file)).toEqual(['F0SCAN', 'F0FOTO']);
    expect(h.fake.downloads.every((d) => d.authorization === 'Bearer xoxb-test')).toBe(true);
    expect(await rows(complaint.id)).toEqual([
      expect.objectContaining({ file_name: 'foto.png', sha256: sha(FILES.png) }),
      {
        file_name: 'scan brief.pdf',
        media_type: 'application/pdf',
        size_bytes: FILES.pdf.length,
        sha256: sha(FILES.pdf),
        added_by: 'mo',
        source: 'slack',
        length: FILES.pdf.length,
      },
    ]);
    const entries = await audit(complaint.id);
    expect(entries).toHaveLength(2);
    expect(entries[0]?.actor_id).toBe('mo');
    // Ids, size and type only: the name is content.
    expect(Object.keys(entries[0]?.metadata ?? {}).sort()).toEqual([
      'attachmentId',
      'mediaType',
      'sizeBytes',
      'source',
    ]);
    expect(JSON.stringify(entries)).not.toContain('scan brief');
  });

  it('an oversized file or a forbidden type: refused with a clear message, none of the files written, the complaint registered', async () => {
    h.fake.addFile('F0OK', { name: 'ok.pdf', mimetype: 'application/pdf', content: FILES.pdf });
    h.fake.addFile('F0BIG', {
      name: 'groot.pdf',
      mimetype: 'application/pdf',
      content: pdfOfSize(10 * MB + 1),
    });
    const big = await report(USERS.mo, 'Met een te groot bestand', ['F0OK', 'F0BIG']);
    expect(big.complaint.status).toBe('registered');
    expect(dmText(big.dm)).toContain(big.complaint.reference);
    expect(dmText(big.dm)).toContain('"groot.pdf" is 10 MB; per bestand is het maximum 10 MB');
    expect(dmText(big.dm)).toContain('geen enkel bestand');
    expect(await rows(big.complaint.id)).toEqual([]);
    expect(await audit(big.complaint.id)).toEqual([]);
    // Refused on files.info's size: never downloaded.
    expect(h.fake.downloads.some((d) => d.fileId === 'F0BIG')).toBe(false);

    h.fake.addFile('F0EXE', {
      name: 'factuur.exe',
      mimetype: 'application/octet-stream',
      content: FILES.exe,
    });
    h.fake.addFile('F0FAKE', {
      name: 'factuur.pdf',
      mimetype: 'application/pdf',
      content: FILES.exe,
    });
    const exe = await report(USERS.mo, 'Met een programma', ['F0OK', 'F0EXE']);
    expect(dmText(exe.dm)).toContain(
      '"factuur.exe" is geen toegestaan bestandstype. Toegestaan zijn PDF, JPG, PNG, DOCX, EML en MSG.',
    );
    expect(await rows(exe.complaint.id)).toEqual([]);
    const disguised = await report(USERS.mo, 'Met een vermomd programma', ['F0FAKE']);
    expect(dmText(disguised.dm)).toContain(
      'De inhoud van "factuur.pdf" past niet bij het bestandstype .pdf',
    );
    expect(await rows(disguised.complaint.id)).toEqual([]);
  });

  it('files shared with the bot in the DM, with a reference, go to that complaint if the person may see it', async () => {
    const { complaint } = await reportComplaint(h.service.deps, {
      reporterId: 'mo',
      categoryKey: 'dienstverlening',
      description: 'Gemeld zonder bijlage',
      intakeKey: `test:dm:${Math.random()}`,
    });
    const reference = (await h.service.deps.store.repository.findComplaint(complaint.id))
      ?.reference as string;
    h.fake.addFile('F0MAIL', {
      name: 'mail van klant.eml',
      mimetype: 'message/rfc822',
      content: FILES.eml,
    });
    const share = async (user: SlackUserRef, text: string, files = ['F0MAIL']) => {
      const before = h.fake.messagesTo(user.id).length;
      const res = await h.slack.event({
        type: 'message',
        subtype: 'file_share',
        channel: `D${user.id}`,
        channel_type: 'im',
        user: user.id,
        text,
        ts: `${Date.now() / 1000}`,
        files: files.map((id) => ({ id })),
      });
      expect(res.status).toBe(200);
      return dmText(await botReply(user, before));
    };
    // The handler (piet) may see it and adds the e-mail.
    expect(await share(USERS.piet, `Hierbij de mail voor ${reference.toLowerCase()}`)).toBe(
      translate('nl', 'attachment.saved.one', { file: 'mail van klant.eml', reference }),
    );
    expect(await rows(complaint.id)).toEqual([
      expect.objectContaining({
        file_name: 'mail van klant.eml',
        media_type: 'message/rfc822',
        added_by: 'piet',
      }),
    ]);
    // The same file again: nothing twice.
    expect(await share(USERS.piet, reference)).toBe(
      translate('nl', 'attachment.saved.duplicate', { reference }),
    );
    // Hanna handles another category: she may not see it, and hears "not found".
    expect(await share(USERS.hanna, reference)).toBe(
      translate('nl', 'attachment.not_found', { reference }),
    );
    // Without a reference: which complaint?
    expect(await share(USERS.piet, 'hier is hij')).toBe(translate('nl', 'attachment.no_reference'));
    expect(await rows(complaint.id)).toHaveLength(1);
  });

  it('listed on the complaint with a private link; another person, a forged or an expired token gets 404', async () => {
    h.fake.addFile('F0LIST', {
      name: 'Jansen & <zn>.pdf',
      mimetype: 'application/pdf',
      content: pdfOfSize(2048),
    });
    const { complaint } = await report(USERS.mo, 'Met een bijlage om te downloaden', ['F0LIST']);
    const responses = () => h.fake.calls.filter((c) => c.method.startsWith('/response/'));
    const before = responses().length;
    expect((await h.slack.command(USERS.piet, complaint.reference)).status).toBe(200);
    const shown = await h.fake.waitFor(() => responses()[before]);
    const text = textOf(shown);
    // Escaped name, size, who added it.
    expect(text).toContain('Bijlagen (1)');
    expect(text).toContain('Jansen &amp; _zn_.pdf (2 kB) — Mo Medewerker');
    expect(text).not.toContain('<zn>');

    // The detail model carries a private link for the viewer (rendered once the renderers
    // show `downloads`); it downloads the file.
    const piet = await h.service.deps.store.repository.findPerson('piet');
    if (!piet) throw new Error('no piet');
    const model = composeComplaintDetail(
      await viewComplaintDetail(h.service.deps, piet, complaint.reference),
      'nl',
    );
    expect(model.downloads?.links.map((l) => l.label)).toEqual(['Download Jansen & _zn_.pdf']);
    expect(model.downloads?.hint).toContain('15 minuten');
    const viaModel = await fetch(model.downloads?.links[0]?.url ?? '');
    expect(viaModel.status).toBe(200);

    const [attachment] = await h.service.deps.store.repository.listAttachments(complaint.id);
    if (!attachment) throw new Error('no attachment');
    const settings = h.service.deps.complainant;
    if (!settings) throw new Error('no settings');
    const now = h.service.deps.clock.now();

    const ok = await fetch(downloadLink(settings, attachment.id, 'piet', now));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toBe(
      `attachment; filename="Jansen & _zn_.pdf"; filename*=UTF-8''Jansen%20%26%20_zn_.pdf`,
    );
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('cache-control')).toBe('private, no-store');
    expect(ok.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await ok.arrayBuffer()).equals(pdfOfSize(2048))).toBe(true);

    // Hanna may not see the complaint: her own valid link gives nothing.
    const hanna = await fetch(downloadLink(settings, attachment.id, 'hanna', now));
    expect(hanna.status).toBe(404);
    expect(await hanna.text()).toContain(translate('nl', 'attachment.download.invalid.title'));

    const exp = Math.floor(now.getTime() / 1000) + 900;
    const claims = { purpose: 'download', sub: attachment.id, pid: 'piet', exp };
    const forged = signToken('not-the-secret', claims);
    const expired = signToken(settings.linkSecret, {
      ...claims,
      exp: Math.floor(now.getTime() / 1000) - 1,
    });
    const otherPurpose = signToken(settings.linkSecret, { ...claims, purpose: 'complainant' });
    const swapped = signToken(settings.linkSecret, { ...claims, pid: 'hanna' });
    for (const token of [forged, expired, otherPurpose, swapped, 'garbage', '']) {
      const res = await fetch(`${downloadsUrl}/bijlage?t=${encodeURIComponent(token)}`);
      expect(res.status, token).toBe(404);
      expect(res.headers.get('content-disposition')).toBeNull();
    }
  });
});
