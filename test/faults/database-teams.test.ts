import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint } from '../../src/domain/complaint.js';
import {
  executeActivity,
  messageActivity,
  TEAMS_USERS,
  type TeamsUser,
} from '../fakes/teams-activities.js';
import { ThrowawayPostgres } from '../support/throwaway-postgres.js';
import {
  actionOf,
  type Card,
  cardOf,
  startTeamsHarness,
  type TeamsHarness,
  textsOf,
  waitFor,
} from '../teams/harness.js';
import { sleep, writes } from './support.js';

const { mo, piet } = TEAMS_USERS;

/**
 * Issue 14, faults 6 and 7 on Teams: a card action on a locked complaint answers before Teams
 * gives up (5 s) with "busy, nothing changed", and nothing commits after that answer; with
 * the register down, the report form comes back with the user's text.
 */
describe('faults: Teams with the register locked or down', () => {
  let cluster: ThrowawayPostgres;
  let h: TeamsHarness;
  const opts = () => ({ serviceUrl: h.connector.url });

  beforeAll(async () => {
    cluster = await ThrowawayPostgres.create();
    h = await startTeamsHarness({
      database: { kind: 'postgres', url: cluster.url, poolSize: 5 },
    });
  }, 120_000);
  afterAll(async () => {
    await h?.stop().catch(() => {});
    await cluster?.destroy();
  });

  async function execute(user: TeamsUser, verb: string, data: Record<string, unknown>) {
    const res = await h.post(executeActivity(user, verb, data, { ...opts(), id: randomUUID() }));
    expect(res.status).toBe(200);
    return (res.body as { value: Card }).value;
  }

  async function reportForm(user: TeamsUser): Promise<Card> {
    const id = randomUUID();
    expect((await h.post(messageActivity(user, 'klacht', { ...opts(), id }))).status).toBe(200);
    const reply = await waitFor(
      () => h.connector.calls.find((c) => c.activityId === id && c.body.type === 'message'),
      'the report form',
    );
    return cardOf(reply);
  }

  it('a click on a locked complaint: "busy" within 4 s, and nothing changes afterwards', async () => {
    const form = await reportForm(mo);
    const submit = actionOf(form, 'kb_report');
    const done = await execute(mo, 'kb_report', {
      ...submit.data,
      description: 'De monteur kwam niet.',
      categoryKey: 'dienstverlening',
    });
    const reference = /KL-\d{4}-\d{4}/.exec(textsOf(done).join(' '))?.[0] as string;
    expect(reference).toBeTruthy();
    const before = (await h.service.deps.store.repository.findComplaint(reference)) as Complaint;
    const written = await writes(h.service.database);

    const locker = postgres(cluster.url, { max: 1, onnotice: () => {} });
    let locked: () => void = () => {};
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holding = locker.begin(async (tx) => {
      await tx`select id from complaints where id = ${before.id} for update`;
      locked();
      await sleep(8_000);
    });
    try {
      await isLocked;
      const started = performance.now();
      const card = await execute(piet, 'kb_declare_founded', {
        complaintId: before.id,
        version: before.version,
        kind: 'handler_card',
      });
      // Teams gives up on an invoke after 5 s and sends it again.
      expect(performance.now() - started).toBeLessThan(4_500);
      expect(textsOf(card).join(' ')).toContain('Er is niets veranderd');
      await holding;
    } finally {
      await holding.catch(() => {});
      await locker.end({ timeout: 1 });
    }
    // The lock is gone: had the click committed late, it would show now.
    await sleep(500);
    const after = (await h.service.deps.store.repository.findComplaint(reference)) as Complaint;
    expect({ status: after.status, version: after.version }).toEqual({
      status: before.status,
      version: before.version,
    });
    expect(await writes(h.service.database)).toEqual(written);
  }, 60_000);

  it('with the register down, the report form comes back with the text typed', async () => {
    const form = await reportForm(mo);
    const submit = actionOf(form, 'kb_report');
    await cluster.stop();
    try {
      const card = await execute(mo, 'kb_report', {
        ...submit.data,
        description: 'Tekst die niet verloren mag gaan',
        complainantName: 'Familie de Vries',
        categoryKey: 'dienstverlening',
      });
      const texts = textsOf(card).join(' ');
      expect(texts).toContain('Tekst die niet verloren mag gaan');
      expect(texts).toContain('Familie de Vries');
      expect(texts).not.toMatch(/KL-\d{4}-\d{4}/);
    } finally {
      await cluster.start();
    }
  }, 60_000);
});
