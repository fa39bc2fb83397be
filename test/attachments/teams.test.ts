import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src/app/messages/catalogue.js';
import { reportComplaint } from '../../src/app/report-complaint.js';
import { messageActivity, TEAMS_USERS, TENANT, type TeamsUser } from '../fakes/teams-activities.js';
import { startTeamsHarness, type TeamsHarness, waitFor } from '../teams/harness.js';
import { FILES, pdfOfSize } from './files.js';

const MB = 1024 * 1024;

/** Where Teams would let the bot download a file (pre-authorised URL): a local server. */
class FakeFileHost {
  readonly files = new Map<string, Buffer>();
  readonly requests: string[] = [];
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const id = (req.url ?? '/').slice(1);
      this.requests.push(id);
      const file = this.files.get(id);
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-length': file.length }).end(file);
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

let h: TeamsHarness;
let host: FakeFileHost;

beforeAll(async () => {
  h = await startTeamsHarness();
  host = await new FakeFileHost().start();
});
afterAll(async () => {
  await host?.stop();
  await h?.stop();
});

/** A message in the 1:1 chat with files (file consent given) and the bot's plain-text reply. */
async function send(user: TeamsUser, text: string, files: { name: string; content: Buffer }[]) {
  const id = randomUUID();
  const attachments = files.map((f) => {
    const key = randomUUID();
    host.files.set(key, f.content);
    return {
      contentType: 'application/vnd.microsoft.teams.file.download.info',
      name: f.name,
      content: {
        downloadUrl: `${host.url}/${key}`,
        uniqueId: key,
        fileType: f.name.split('.').pop(),
      },
    };
  });
  const activity = {
    ...messageActivity(user, text, { serviceUrl: h.connector.url, id }),
    attachments,
  };
  expect((await h.post(activity)).status).toBe(200);
  const reply = await waitFor(
    () => h.connector.calls.find((c) => c.activityId === id && c.body.type === 'message'),
    `reply to ${text}`,
  );
  return String(reply.body.text);
}

async function complaint(reporterId: string) {
  const { complaint } = await reportComplaint(h.service.deps, {
    reporterId,
    categoryKey: 'dienstverlening',
    description: 'Gemeld in Teams',
    intakeKey: `test:teams:${randomUUID()}`,
  });
  return (await h.service.deps.store.repository.findComplaint(complaint.id)) ?? complaint;
}

describe('Teams: files in the 1:1 chat', () => {
  it('a file with a reference is downloaded and stored on that complaint', async () => {
    const c = await complaint('mo');
    const reply = await send(TEAMS_USERS.mo, `<p>Scan bij ${c.reference}</p>`, [
      { name: 'scan.pdf', content: FILES.pdf },
    ]);
    expect(reply).toBe(
      translate('nl', 'attachment.saved.one', { file: 'scan.pdf', reference: c.reference }),
    );
    const [stored] = await h.service.deps.store.repository.listAttachments(c.id);
    expect(stored).toMatchObject({
      fileName: 'scan.pdf',
      mediaType: 'application/pdf',
      sizeBytes: FILES.pdf.length,
      addedBy: 'mo',
      source: 'teams',
    });
    expect(stored?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an oversized file or a forbidden type is refused with a clear message; nothing is written', async () => {
    const c = await complaint('mo');
    const big = await send(TEAMS_USERS.mo, c.reference, [
      { name: 'foto.png', content: FILES.png },
      { name: 'groot.pdf', content: pdfOfSize(10 * MB + 5) },
    ]);
    expect(big).toContain('"groot.pdf"');
    expect(big).toContain('10 MB');
    expect(big).toContain(translate('nl', 'attachment.refused.none_saved'));
    const exe = await send(TEAMS_USERS.mo, c.reference, [
      { name: 'setup.exe', content: FILES.exe },
    ]);
    expect(exe).toBe(translate('nl', 'attachment.refused.type_not_allowed', { file: 'setup.exe' }));
    expect(await h.service.deps.store.repository.listAttachments(c.id)).toEqual([]);
  });

  it('someone who may not see the complaint stores nothing and hears "not found"', async () => {
    const c = await complaint('mo');
    const reply = await send(TEAMS_USERS.hanna, c.reference, [
      { name: 'a.pdf', content: FILES.pdf },
    ]);
    expect(reply).toBe(translate('nl', 'attachment.not_found', { reference: c.reference }));
    const none = await send(TEAMS_USERS.mo, 'zonder kenmerk', [
      { name: 'a.pdf', content: FILES.pdf },
    ]);
    expect(none).toBe(translate('nl', 'attachment.no_reference'));
    expect(await h.service.deps.store.repository.listAttachments(c.id)).toEqual([]);
  });

  it('the detail card links the files in the 1:1 chat only, never in a channel', async () => {
    const c = await complaint('mo');
    await send(TEAMS_USERS.mo, c.reference, [{ name: 'scan.pdf', content: FILES.pdf }]);
    const detail = async (conversation?: Record<string, unknown>) => {
      const id = randomUUID();
      const activity = messageActivity(TEAMS_USERS.mo, `open ${c.reference}`, {
        serviceUrl: h.connector.url,
        id,
      });
      const sent = conversation ? { ...activity, conversation } : activity;
      expect((await h.post(sent)).status).toBe(200);
      const reply = await waitFor(
        () =>
          h.connector.calls.find((call) => call.activityId === id && call.body.type === 'message'),
        'detail card',
      );
      return JSON.stringify(reply.body);
    };
    expect(await detail()).toContain('/bijlage?t=');
    const channel = await detail({
      id: '19:channel@thread.tacv2',
      conversationType: 'channel',
      isGroup: true,
      tenantId: TENANT,
    });
    expect(channel).toContain(c.reference);
    expect(channel).not.toContain('/bijlage?t=');
  });
});
