import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the bot made to the (fake) Bot Connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  /** Decoded conversation id, when the path has one. */
  conversationId: string | null;
  /** `replyToId` of a reply, or the activity id of an update (PUT). */
  activityId: string | null;
  body: Record<string, unknown>;
  status: number;
}

interface Scripted {
  status: number;
  headers: Record<string, string>;
}

/**
 * A local Bot Connector (the `serviceUrl` of the posted activities): records every
 * `POST /v3/conversations`, `POST …/activities[/{replyToId}]` and `PUT …/activities/{id}`,
 * and can be told to fail the next sends (429 then 200).
 */
export class FakeBotConnector {
  readonly calls: ConnectorCall[] = [];
  private server: Server | null = null;
  private counter = 0;
  private readonly script: Scripted[] = [];
  /** Conversation creation answers with this status when set (e.g. 403: app not installed). */
  createConversationStatus = 200;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, headers, body }) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The next `count` activity sends fail with `status` (and headers such as Retry-After). */
  failNextSends(count: number, status: number, headers: Record<string, string> = {}): void {
    for (let i = 0; i < count; i++) this.script.push({ status, headers });
  }

  /** Successful sends and updates of activities (not conversation creation). */
  delivered(): ConnectorCall[] {
    return this.calls.filter((c) => c.status < 300 && c.path.includes('/activities'));
  }

  private async handle(req: IncomingMessage) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const match = /^\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/]+))?)?\/?$/.exec(path);
    const call: ConnectorCall = {
      method: req.method ?? 'GET',
      path,
      conversationId: match?.[1] ? decodeURIComponent(match[1]) : null,
      activityId: match?.[2] ? decodeURIComponent(match[2]) : null,
      body,
      status: 200,
    };
    this.calls.push(call);
    if (!match) return this.answer(call, 404, { error: 'not found' });
    if (!match[1]) {
      if (this.createConversationStatus !== 200) {
        return this.answer(call, this.createConversationStatus, { error: { code: 'Forbidden' } });
      }
      return this.answer(call, 200, { id: `a:created-${++this.counter}` });
    }
    if (call.body.type === 'typing') return this.answer(call, 200, {});
    const scripted = this.script.shift();
    if (scripted) return this.answer(call, scripted.status, { error: {} }, scripted.headers);
    const id = call.method === 'PUT' ? call.activityId : `act-${++this.counter}`;
    return this.answer(call, 200, { id });
  }

  private answer(
    call: ConnectorCall,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    call.status = status;
    return { status, headers, body };
  }
}
