import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import { createOutboxStore } from '../../src/adapters/postgres/outbox-store.js';
import { createJobDeps } from '../../src/adapters/scheduler/job-deps.js';
import { runOutboxCommand } from '../../src/adapters/scheduler/outbox-cli.js';
import { notifyParkedMessages } from '../../src/app/jobs/notify-parked-messages.js';
import { REDRIVE_ACTION_ID } from '../../src/app/redrive-outbox.js';
import { input } from '../fakes/slack-client.js';
import type { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import { openedViewAfter, textOf, USERS } from '../slack/harness.js';
import { waitFor } from '../teams/harness.js';
import { newFake, type OutboxHarness, outboxRowsOf, startOutboxService } from './outbox-harness.js';

const SECRET_TEXT = 'Vertrouwelijke inhoud van de klacht';

describe('faults: parked messages are listed and re-driven (item 4)', () => {
  let fake: FakeSlackWebApi;
  let h: OutboxHarness;
  beforeAll(async () => {
    fake = await newFake();
    h = await startOutboxService(fake);
  });
  afterAll(async () => {
    await h?.stop();
    await fake?.stop();
  });

  const failedIds = async () =>
    (await outboxRowsOf(h.service)).filter((r) => r.status === 'failed').map((r) => r.id);

  /** A report whose three messages hit `error`, plus two more channel notices that do. */
  async function parkFive(error: string) {
    const before = new Set(await failedIds());
    fake.script('chat.postMessage', { error }, 5);
    const opened = fake.callsOf('views.open').length;
    await h.slack.command(USERS.mo, '');
    const view = await openedViewAfter(fake, opened);
    const res = await h.slack.submit(USERS.mo, view, {
      description: input.text(SECRET_TEXT),
      categoryKey: input.option('dienstverlening'),
    });
    const reference = /KL-\d{4}-\d{4}/.exec(res.text)?.[0] ?? '';
    const complaint = await h.service.deps.store.repository.findComplaint(reference);
    await h.service.deps.store.repository.enqueue(
      [1, 2].map((i) => ({
        idempotencyKey: `${error}:${i}`,
        kind: 'quality_notice',
        recipient: { channel: 'quality' as const },
        complaintId: complaint!.id,
        payload: { event: 'report' },
      })),
      new Date(),
    );
    const parked = await waitFor(
      async () => {
        const ids = (await failedIds()).filter((id) => !before.has(id));
        return ids.length === 5 && ids;
      },
      'five parked messages',
      20_000,
    );
    return { parked, reference };
  }

  /** Successful posts (post or upload) that carry the outbox id of `id`. */
  const postsOf = (id: number) =>
    fake
      .callsOf('chat.postMessage')
      .filter(
        (c) =>
          c.outcome === 'ok' &&
          (c.args.metadata as { event_payload?: { outbox_id?: number } })?.event_payload
            ?.outbox_id === id,
      );

  it('token_revoked parks five; the daily notice lists them for the quality adviser without content; the CLI re-drives them once', async () => {
    const { parked, reference } = await parkFive('token_revoked');
    // The daily list goes to the quality adviser personally.
    const deps = createJobDeps(h.service.deps, h.service.database.db, h.service.org);
    const listed = await notifyParkedMessages(deps, '2026-05-04');
    expect(listed).toEqual({ parked: 5, notified: 1 });
    const notice = await fake.waitFor(() =>
      fake.messagesTo('U0KIM').find((c) => textOf(c).includes('niet bezorgd')),
    );
    const text = textOf(notice);
    for (const id of parked) expect(text).toContain(`#${id}`);
    expect(text).toContain('token_revoked');
    expect(text).not.toContain(SECRET_TEXT);
    expect(text).not.toContain(reference);
    expect(JSON.stringify(notice.args.blocks)).toContain(REDRIVE_ACTION_ID);
    // The same day again: one notice only.
    await notifyParkedMessages(deps, '2026-05-04');
    // Fixed (the fake answers again): the command line puts them back; each goes out once.
    const lines: string[] = [];
    const cli = {
      outbox: createOutboxStore(h.service.database.db),
      clock: h.service.deps.clock,
      logger: h.service.deps.logger,
      print: (line: string) => lines.push(line),
    };
    expect(await runOutboxCommand(['retry', String(parked[0])], cli)).toBe(0);
    expect(await runOutboxCommand(['retry', '--failed', '--since', '2026-01-01'], cli)).toBe(0);
    expect(lines.map((l) => JSON.parse(l).redriven)).toEqual([[parked[0]], parked.slice(1)]);
    // A second re-drive finds nothing to do.
    expect(await runOutboxCommand(['retry', '--failed'], cli)).toBe(0);
    expect(JSON.parse(lines.at(-1)!).redriven).toEqual([]);
    await waitFor(
      async () => {
        const rows = (await outboxRowsOf(h.service)).filter((r) => parked.includes(r.id));
        return rows.every((r) => r.status === 'delivered');
      },
      'the re-driven messages delivered',
      20_000,
    );
    for (const id of parked) expect(postsOf(id)).toHaveLength(1);
    const notices = fake.messagesTo('U0KIM').filter((c) => textOf(c).includes('niet bezorgd'));
    expect(notices).toHaveLength(1);
    expect(await runOutboxCommand(['retry'], cli)).toBe(2);
  }, 60_000);

  it('channel_not_found parks five; the button re-drives them for the quality adviser and is refused for anyone else', async () => {
    const { parked } = await parkFive('channel_not_found');
    const ephemeralTo = (user: string) =>
      fake.callsOf('chat.postEphemeral').filter((c) => c.args.user === user);
    const res = await h.slack.click(USERS.mo, { action_id: REDRIVE_ACTION_ID, value: 'failed' });
    expect(res.status).toBe(200);
    const refusal = await fake.waitFor(() => ephemeralTo('U0MO').at(-1));
    expect(String(refusal.args.text)).toContain('kwaliteitsadviseur');
    expect(await failedIds()).toEqual(expect.arrayContaining(parked));
    const refused = await h.service.database.db.execute(
      sql`select actor_id from audit_events where action = 'outbox.redrive' and outcome = 'refused'`,
    );
    expect(rowsOf<{ actor_id: string }>(refused)).toEqual([{ actor_id: 'mo' }]);

    await h.slack.click(USERS.kim, { action_id: REDRIVE_ACTION_ID, value: 'failed' });
    const done = await fake.waitFor(() => ephemeralTo('U0KIM').at(-1));
    expect(String(done.args.text)).toContain('5');
    await waitFor(
      async () => {
        const rows = (await outboxRowsOf(h.service)).filter((r) => parked.includes(r.id));
        return rows.every((r) => r.status === 'delivered');
      },
      'the re-driven messages delivered',
      20_000,
    );
    for (const id of parked) expect(postsOf(id)).toHaveLength(1);
  }, 60_000);
});
