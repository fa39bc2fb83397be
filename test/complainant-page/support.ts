import { sql } from 'drizzle-orm';
import {
  type ComplainantRoutesOptions,
  complainantRoutes,
} from '../../src/adapters/http/complainant-page.js';
import { createHttpServer, type HttpServer } from '../../src/adapters/http/server.js';
import { signToken } from '../../src/adapters/http/signed-token.js';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import { issueComplainantLink } from '../../src/app/complainant-portal.js';
import {
  type ComplainantSettings,
  DEFAULT_ACKNOWLEDGEMENT,
} from '../../src/app/complainant-settings.js';
import type { AppDeps } from '../../src/app/deps.js';
import { type ReportInput, reportComplaint } from '../../src/app/report-complaint.js';
import { runCommand } from '../../src/app/run-command.js';
import type { Command } from '../../src/domain/lifecycle.js';
import {
  buildDeps,
  createTestDatabase,
  type DatabaseKind,
  FixedClock,
  silentLogger,
  type TestDatabase,
} from '../support/databases.js';

/**
 * Test support for the complainant's page (issue 11): a PGlite database with the demo
 * organisation, complaints registered and decided through the use cases, the page's routes
 * on the real HTTP server, and a small cookie-keeping client.
 */

export const LINK_SECRET = 'test-complainant-page-secret-0123456789abcdef';

export function pageSettings(overrides: Partial<ComplainantSettings> = {}): ComplainantSettings {
  return {
    publicBaseUrl: 'http://127.0.0.1',
    linkSecret: LINK_SECRET,
    linkValidDays: 30,
    mail: 'off',
    acknowledgement: DEFAULT_ACKNOWLEDGEMENT,
    webForm: { enabled: true, registeredBy: 'mo' },
    letterhead: {
      name: 'Demo Organisatie BV',
      address: 'Stationsplein 1, 3511 ED Utrecht',
      email: 'klachten@demo.example',
      phone: '030 123 45 67',
      url: 'https://demo.example',
    },
    ...overrides,
  };
}

export interface PageHarness {
  db: TestDatabase;
  deps: AppDeps & { clock: FixedClock };
  settings: ComplainantSettings;
  server: HttpServer;
  baseUrl: string;
  close(): Promise<void>;
}

/** The routes on a real server on 127.0.0.1; the public base URL follows its port. */
export async function startPage(
  options: {
    db?: TestDatabase;
    kind?: DatabaseKind;
    settings?: Partial<ComplainantSettings>;
  } & Partial<Pick<ComplainantRoutesOptions, 'rateLimits'>> = {},
): Promise<PageHarness> {
  const db = options.db ?? (await createTestDatabase(options.kind ?? 'pglite'));
  const clock = new FixedClock(new Date('2026-04-20T08:00:00Z'));
  const settings = pageSettings(options.settings);
  const deps = { ...(await buildDeps(db.handle, { clock })), complainant: settings, clock };
  const server = createHttpServer({
    routes: complainantRoutes({
      deps,
      settings,
      logger: silentLogger,
      // Generous unless a test is about the limits: each suite shares one client address.
      rateLimits: {
        perIp: { limit: 1_000, windowMs: 60_000 },
        perLink: { limit: 100, windowMs: 60_000 },
        webFormPerIp: { limit: 100, windowMs: 60_000 },
        ...options.rateLimits,
      },
    }),
    readiness: [],
    logger: silentLogger,
  });
  const address = await server.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  settings.publicBaseUrl = baseUrl;
  return {
    db,
    deps,
    settings,
    server,
    baseUrl,
    async close() {
      await server.close(1_000);
      if (!options.db) await db.drop();
    },
  };
}

export async function actAs(
  deps: AppDeps,
  personId: string,
  complaint: string,
  command: Command,
  payload: unknown,
) {
  const person = await deps.store.repository.findPerson(personId);
  if (!person) throw new Error(`no person ${personId}`);
  return (
    await runCommand(deps, { complaint, actor: { kind: 'person', person }, command, payload })
  ).complaint;
}

/** A client's complaint registered by Mo for a caller (by phone), handled by Piet. */
export async function registerClientComplaint(deps: AppDeps, overrides: Partial<ReportInput> = {}) {
  const { complaint } = await reportComplaint(deps, {
    reporterId: 'mo',
    categoryKey: 'dienstverlening',
    description: 'De monteur kwam twee keer niet opdagen.',
    desiredOutcome: 'Een nieuwe afspraak en excuses.',
    complainantType: 'client',
    complainantName: 'Familie Jansen',
    complainantEmail: 'jansen@example.org',
    preferredContact: 'email',
    intakeChannel: 'phone',
    ...overrides,
  });
  return complaint;
}

export const MOTIVATION =
  'De monteur was op de afgesproken tijd aanwezig; er werd niet opengedaan.';

/** Registered and declared unfounded by Piet: the complaint awaits the complainant's reaction. */
export async function rejectedComplaint(deps: AppDeps, overrides: Partial<ReportInput> = {}) {
  const complaint = await registerClientComplaint(deps, overrides);
  await actAs(deps, 'piet', complaint.id, 'declare_unfounded', { motivation: MOTIVATION });
  return (await deps.store.repository.findComplaint(complaint.id))!;
}

/** A personal link for the complaint and its signed token, as the e-mail would carry it. */
export async function linkFor(deps: AppDeps, complaintId: string) {
  const link = await issueComplainantLink(deps.store.repository, deps, complaintId);
  const token = signToken(LINK_SECRET, {
    purpose: 'complainant',
    sub: link.id,
    exp: Math.floor(link.expiresAt.getTime() / 1000),
  });
  return { link, token };
}

/** Everything a refused request must leave alone: the complaint row, its audit and outbox. */
export async function snapshot(db: TestDatabase, complaintId: string) {
  const q = async (statement: ReturnType<typeof sql>) =>
    rowsOf<Record<string, unknown>>(await db.handle.db.execute(statement));
  return {
    complaint: await q(sql`select * from complaints where id = ${complaintId}`),
    audit: await q(sql`select action, actor_id, outcome from audit_events
      where complaint_id = ${complaintId} order by id`),
    outbox: await q(sql`select idempotency_key from outbox where complaint_id = ${complaintId}
      order by id`),
    infoRequests: await q(
      sql`select answer from info_requests where complaint_id = ${complaintId}`,
    ),
    links: await q(sql`select id, revoked_at from complainant_links
      where complaint_id = ${complaintId} order by id`),
    attachments: await q(sql`select file_name, added_by from attachments
      where complaint_id = ${complaintId} order by file_name`),
    complaints: await q(sql`select count(*)::int as n from complaints`),
  };
}

export async function outboxTo(db: TestDatabase, complaintId: string, kind: string) {
  return rowsOf<{ person: string | null }>(
    await db.handle.db.execute(sql`select recipient_person_id as person from outbox
      where complaint_id = ${complaintId} and kind = ${kind} order by id`),
  );
}

export async function auditOf(db: TestDatabase, complaintId: string) {
  return rowsOf<{ action: string; actor_id: string | null; outcome: string }>(
    await db.handle.db.execute(sql`select action, actor_id, outcome from audit_events
      where complaint_id = ${complaintId} order by id`),
  );
}

/** A fetch client that keeps cookies per name (enough for the CSRF cookie). */
export class Client {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async get(path: string, headers: Record<string, string> = {}) {
    const res = await fetch(this.baseUrl + path, {
      headers: { ...this.cookieHeader(), ...headers },
      redirect: 'manual',
    });
    this.keep(res);
    return { res, text: await res.text() };
  }

  async post(path: string, body: FormData | URLSearchParams, headers: Record<string, string> = {}) {
    const res = await fetch(this.baseUrl + path, {
      method: 'POST',
      body,
      headers: { ...this.cookieHeader(), ...headers },
      redirect: 'manual',
    });
    this.keep(res);
    return { res, text: await res.text() };
  }

  get csrf(): string {
    return this.cookies.get('kb_csrf') ?? '';
  }

  private cookieHeader(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  }

  private keep(res: Response) {
    for (const header of res.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) this.cookies.set(name.trim(), value.join('='));
    }
  }
}

/** The value of a hidden input in the page. */
export function hiddenValue(html: string, name: string): string | null {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  return match?.[1] ?? null;
}
