import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import type { Complaint } from '../../src/domain/complaint.js';
import { input, type SlackUserRef } from '../fakes/slack-client.js';
import {
  buttonValue,
  type Harness,
  openedViewAfter,
  startHarness,
  textOf,
  USERS,
} from '../slack/harness.js';

/**
 * Issue 11, part 6 over HTTP on Slack: the complainant phoned to object; the handler records
 * it with its channel and day. The complaint is objected, the audit says "by phone" on that
 * day (never the reason), the objection's deciders are asked and the reporter is told.
 */
describe('Slack: a reaction by phone, recorded by the handler', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const repo = () => h.service.deps.store.repository;
  const today = () => h.service.deps.calendar.localDate(new Date());
  const load = async (reference: string) => (await repo().findComplaint(reference)) as Complaint;

  async function becomes(reference: string, test: (c: Complaint) => boolean) {
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      const c = await load(reference);
      if (test(c)) return c;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`${reference} never reached the expected state`);
  }

  /** The newest button with this action id of this complaint (at this version if given). */
  async function button(user: SlackUserRef, actionId: string, reference: string, version?: number) {
    return h.fake.waitFor(() => {
      for (const call of [...h.fake.messagesTo(user.id)].reverse()) {
        const value = buttonValue(call, actionId);
        if (!value) continue;
        const { v, r } = JSON.parse(value) as { v: number; r: string };
        if (r === reference && (version === undefined || v === version)) return value;
      }
      return undefined;
    }, 30_000);
  }

  async function report(user: SlackUserRef, text: string) {
    const opened = h.fake.callsOf('views.open').length;
    expect((await h.slack.command(user, text)).status).toBe(200);
    const view = await openedViewAfter(h.fake, opened);
    const res = await h.slack.submit(user, view, {
      description: input.text(text),
      categoryKey: input.option('dienstverlening'),
    });
    const reference = /KL-\d{4}-\d{4}/.exec(JSON.stringify(res.json))?.[0];
    if (!reference) throw new Error(`no reference in ${res.text}`);
    return reference;
  }

  /** Clicks a button that opens a form, then submits the form. */
  async function act(
    user: SlackUserRef,
    actionId: string,
    reference: string,
    values: Parameters<typeof h.slack.submit>[2],
    version?: number,
  ) {
    const value = await button(user, actionId, reference, version);
    const opened = h.fake.callsOf('views.open').length;
    expect((await h.slack.click(user, { action_id: actionId, value })).status).toBe(200);
    const view = await openedViewAfter(h.fake, opened);
    const res = await h.slack.submit(user, view, values);
    expect(res.status).toBe(200);
    return res;
  }

  const dmWith = (user: SlackUserRef, ...parts: string[]) =>
    h.fake.waitFor(
      () =>
        h.fake
          .messagesTo(user.id)
          .find((c) => parts.every((part) => JSON.stringify(c.args).includes(part))),
      30_000,
    );

  it('the handler records an objection by phone with its date: objected, audited, the deciders told', async () => {
    const reference = await report(USERS.mo, 'De monteur kwam niet opdagen, zegt de klant.');
    await act(USERS.piet, 'kb_declare_unfounded', reference, {
      motivation: input.text('De afspraak stond op een andere dag.'),
    });
    const rejected = await becomes(reference, (c) => c.status === 'rejected');
    const day = today();

    // A day in the future is refused next to the field; nothing changes.
    const future = await act(
      USERS.piet,
      'kb_record_objection',
      reference,
      {
        channel: input.radio('phone'),
        reactedOn: input.date(h.service.deps.calendar.addWorkingDays(day, 3)),
        reason: input.text('De klant was de hele dag thuis.'),
      },
      rejected.version,
    );
    expect(future.json?.response_action).toBe('errors');
    expect(JSON.stringify(future.json)).toContain('reactedOn');
    expect((await load(reference)).version).toBe(rejected.version);

    await act(
      USERS.piet,
      'kb_record_objection',
      reference,
      {
        channel: input.radio('phone'),
        reactedOn: input.date(day),
        reason: input.text('De klant was de hele dag thuis.'),
      },
      rejected.version,
    );
    const objected = await becomes(reference, (c) => c.status === 'objected');
    expect(objected).toMatchObject({
      objectionReason: 'De klant was de hele dag thuis.',
      objectedAt: expect.any(Date),
    });
    expect(objected.objectionDue).not.toBeNull();

    const audit = (await repo().listAudit(objected.id)).filter(
      (a) => a.action === 'record_objection',
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: 'piet',
      outcome: 'done',
      fromStatus: 'rejected',
      toStatus: 'objected',
      metadata: { channel: 'phone', receivedOn: day },
    });
    expect(JSON.stringify(audit[0]?.metadata)).not.toContain('thuis');

    // The objection's deciders are told (the director: the handler decided), as for object.
    const rows = rowsOf<{ kind: string; person: string | null }>(
      await h.service.database.db.execute(
        sql`select kind, recipient_person_id as person from outbox
            where complaint_id = ${objected.id} order by id`,
      ),
    );
    expect(rows.filter((r) => r.kind === 'objection').map((r) => r.person)).toEqual(['dirk']);
    const toDirector = await dmWith(USERS.dirk, reference, 'kb_refer_to_committee');
    expect(textOf(toDirector)).toContain(reference);
    // The reporter hears that the objection was recorded, how and when.
    expect(rows.filter((r) => r.kind === 'reaction_recorded').map((r) => r.person)).toEqual(['mo']);
    await dmWith(USERS.mo, reference, 'telefoon');
  });
});
