import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded call to the fake: a Web API method or a response_url post. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
  /** HTTP status or Slack error the fake answered with ('ok' for success). */
  outcome: string;
}

export interface FakeUser {
  id: string;
  name: string;
  locale?: string;
  email?: string;
}

/** A scripted answer for the next call of a method. */
export type ScriptedAnswer =
  | { status: 429; retryAfter: number }
  | { status: 500 }
  /** What Slack answers on a used-up or expired response_url. */
  | { status: 404 }
  | { error: string }
  /** Never answers (a black-holed request): the client's timeout has to end it. */
  | { hang: true };

/** A file Slack holds (uploaded in a modal or shared in a DM), served to files.info. */
export interface FakeFile {
  name: string;
  mimetype: string;
  content: Buffer;
  /** What files.info says; the content's length unless set (a lying size). */
  size?: number;
}

const JSON_ARGS = new Set(['blocks', 'view', 'attachments', 'metadata']);

async function readArgs(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    args[key] = JSON_ARGS.has(key) ? JSON.parse(value) : value;
  }
  return args;
}

/**
 * A local stand-in for https://slack.com/api/ (STYLE.md §10): records every call, answers the
 * methods Klachtenbot uses, and fails on request (429 with Retry-After, 500, platform errors).
 */
export class FakeSlackWebApi {
  readonly calls: SlackCall[] = [];
  readonly users = new Map<string, FakeUser>();
  /** Bytes posted to the upload URLs handed out by files.getUploadURLExternal, by file id. */
  readonly uploads = new Map<string, Buffer>();
  /** Messages posted per channel, oldest first, with their metadata (conversations.history). */
  readonly history = new Map<string, { ts: string; text: unknown; metadata?: unknown }[]>();
  /** Files answered by files.info and served at their `url_private_download`. */
  readonly files = new Map<string, FakeFile>();
  /** Every download of a file: which file and the Authorization header it came with. */
  readonly downloads: { fileId: string; authorization: string | undefined }[] = [];
  private readonly scripts = new Map<string, ScriptedAnswer[]>();
  /** What auth.test says about the installation (an Enterprise Grid test sets enterprise_id). */
  auth: { team_id: string; enterprise_id?: string } = { team_id: 'T1' };
  private server: Server | null = null;
  private ts = 1_700_000_000;
  private views = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (path.startsWith('/files-pri/')) {
        // url_private_download: only with the bot token, as Slack does.
        const fileId = path.split('/')[2] ?? '';
        const file = this.files.get(fileId);
        this.downloads.push({ fileId, authorization: req.headers.authorization });
        if (!file || req.headers.authorization !== 'Bearer xoxb-test') {
          res.writeHead(file ? 403 : 404).end();
          return;
        }
        res.writeHead(200, { 'content-type': file.mimetype }).end(file.content);
        return;
      }
      if (path.startsWith('/upload/')) {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        this.uploads.set(path.slice('/upload/'.length), Buffer.concat(chunks));
        res.writeHead(200).end('OK');
        return;
      }
      const args = await readArgs(req);
      const method = path.startsWith('/api/') ? path.slice(5) : path;
      // `/response/*` scripts every response_url (their paths differ per request).
      const scripted =
        this.scripts.get(method)?.shift() ??
        (method.startsWith('/response/') ? this.scripts.get('/response/*')?.shift() : undefined);
      const outcome = !scripted
        ? 'ok'
        : 'hang' in scripted
          ? 'hang'
          : 'status' in scripted
            ? String(scripted.status)
            : scripted.error;
      this.calls.push({ method, args, at: Date.now(), outcome });
      if (scripted && 'hang' in scripted) return; // closed by stop() at the latest
      if (scripted && 'status' in scripted) {
        const headers: Record<string, string> =
          scripted.status === 429 ? { 'retry-after': String(scripted.retryAfter) } : {};
        res.writeHead(scripted.status, headers);
        res.end();
        return;
      }
      const body =
        scripted && 'error' in scripted
          ? { ok: false, error: scripted.error }
          : this.answer(method, args);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The next `times` calls of `method` get this answer. */
  script(method: string, answer: ScriptedAnswer, times = 1): void {
    const queue = this.scripts.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(answer);
    this.scripts.set(method, queue);
  }

  /** A file in the workspace (as if uploaded by a user), answered by files.info. */
  addFile(id: string, file: FakeFile): void {
    this.files.set(id, file);
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  callsOf(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Messages posted or updated in the DM with a user (channel `D<user>`). */
  messagesTo(userId: string): SlackCall[] {
    return this.calls.filter(
      (c) =>
        (c.method === 'chat.postMessage' || c.method === 'chat.update') &&
        c.args.channel === `D${userId}` &&
        c.outcome === 'ok',
    );
  }

  async waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 8_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = probe();
      if (found) return found;
      if (Date.now() > until) throw new Error('timed out waiting for a Slack call');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team: 'Test', ...this.auth };
      case 'views.open':
      case 'views.update':
      case 'views.push':
      case 'views.publish':
        return { ok: true, view: { id: `V${++this.views}`, ...(args.view as object) } };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users)}` } };
      case 'chat.postMessage': {
        const ts = `${++this.ts}.000100`;
        const channel = String(args.channel);
        const posted = this.history.get(channel) ?? [];
        posted.push({ ts, text: args.text, metadata: args.metadata });
        this.history.set(channel, posted);
        return { ok: true, channel: args.channel, ts };
      }
      case 'conversations.history': {
        // Newest first, as Slack answers; metadata only when asked for.
        const limit = Number(args.limit ?? 100);
        const all = args.include_all_metadata === true || args.include_all_metadata === 'true';
        const messages = [...(this.history.get(String(args.channel)) ?? [])]
          .reverse()
          .slice(0, limit)
          .map((m) => ({
            type: 'message',
            ts: m.ts,
            text: m.text,
            ...(all ? { metadata: m.metadata } : {}),
          }));
        return { ok: true, messages, has_more: false };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'files.getUploadURLExternal': {
        const id = `F${++this.ts}`;
        return { ok: true, file_id: id, upload_url: `${this.url}/upload/${id}` };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: JSON.parse(String(args.files)) };
      case 'files.info': {
        const id = String(args.file);
        const file = this.files.get(id);
        if (!file) return { ok: false, error: 'file_not_found' };
        return {
          ok: true,
          file: {
            id,
            name: file.name,
            title: file.name,
            mimetype: file.mimetype,
            size: file.size ?? file.content.byteLength,
            url_private: `${this.url}/files-pri/${id}/${encodeURIComponent(file.name)}`,
            url_private_download: `${this.url}/files-pri/${id}/download/${encodeURIComponent(file.name)}`,
          },
        };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${++this.ts}.000200` };
      case 'users.info': {
        const user = this.users.get(String(args.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: user.id,
            name: user.name,
            real_name: user.name,
            locale: user.locale ?? 'nl-NL',
            profile: { real_name: user.name, email: user.email },
          },
        };
      }
      case 'users.lookupByEmail': {
        const user = [...this.users.values()].find((u) => u.email === args.email);
        return user ? { ok: true, user: { id: user.id } } : { ok: false, error: 'users_not_found' };
      }
      default:
        if (method.startsWith('/response/')) return { ok: true };
        return { ok: false, error: 'unknown_method' };
    }
  }
}
