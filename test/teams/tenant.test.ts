// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests type `${...}` on purpose (it must stay literal)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fetchTaskActivity,
  messageActivity,
  submitActionActivity,
  TEAMS_USERS,
  TENANT,
} from '../fakes/teams-activities.js';
import { cardOf, startTeamsHarness, type TeamsHarness, textsOf } from './harness.js';

const { mo } = TEAMS_USERS;
let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness({ tenantId: TENANT });
});
afterAll(async () => {
  await h?.stop();
});

describe('Teams: tenant and message extension', () => {
  it('rejects activities from another tenant before the bot runs', async () => {
    const foreign = '99999999-2222-4333-8444-555555555555';
    const before = h.connector.calls.length;
    const res = await h.post(
      messageActivity(mo, 'help', { serviceUrl: h.connector.url, tenantId: foreign }),
    );
    expect(res.status).toBe(403);
    const own = await h.post(messageActivity(mo, 'help', { serviceUrl: h.connector.url }));
    expect(own.status).toBe(200);
    expect(h.connector.calls.slice(before)).toHaveLength(1);
  });

  it('refuses a body that is not JSON or too large', async () => {
    const bad = await fetch(`${h.service.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    const big = await fetch(`${h.service.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(600_000) }),
    });
    expect(big.status).toBe(413);
  });

  it('"Meld als klacht" opens the form prefilled from the message and registers it', async () => {
    const opts = { serviceUrl: h.connector.url };
    const fetched = await h.post(
      fetchTaskActivity(mo, '<p>Klant belde: levering &amp; factuur ${kapot}</p>', opts),
    );
    expect(fetched.status).toBe(200);
    const task = (fetched.body as { task: { type: string; value: { card: { content: object } } } })
      .task;
    expect(task.type).toBe('continue');
    const form = task.value.card.content as Record<string, unknown>;
    expect(textsOf(form)).toContain('Klant belde: levering & factuur ${kapot}');
    const submit = (form.actions as { type: string; data: Record<string, unknown> }[]).find(
      (a) => a.type === 'Action.Submit',
    );
    expect(submit).toBeTruthy();
    const invalid = await h.post(
      submitActionActivity(mo, { ...submit!.data, description: 'Iets', categoryKey: '' }, opts),
    );
    const again = (invalid.body as { task: { type: string; value: { card: { content: object } } } })
      .task;
    expect(again.type).toBe('continue');
    expect(textsOf(again.value.card.content)).toContain('Iets');
    const done = await h.post(
      submitActionActivity(
        mo,
        { ...submit!.data, description: 'Levering te laat', categoryKey: 'product' },
        opts,
      ),
    );
    const message = (done.body as { task: { type: string; value: string } }).task;
    expect(message.type).toBe('message');
    expect(message.value).toMatch(/KL-\d{4}-\d{4}/);
    const reference = /KL-\d{4}-\d{4}/.exec(message.value)![0];
    const complaint = await h.service.deps.store.repository.findComplaint(reference);
    expect(complaint?.sourceLink).toBe('https://teams.microsoft.com/l/message/1');
    void cardOf;
  });
});
