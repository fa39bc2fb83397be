import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportComplaint } from '../../src/app/report-complaint.js';
import { runCommand } from '../../src/app/run-command.js';
import type { Command } from '../../src/domain/lifecycle.js';
import type { Person } from '../../src/domain/people.js';
import { buttonValue, type Harness, startHarness, textOf, USERS } from './harness.js';

/**
 * Texts from events on Slack: a message delivered late still says what happened, the live
 * card names the last event, and a reassignment takes the buttons off the previous handler's
 * card (updated in place).
 */
describe('Slack: messages composed from events', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  const repo = () => h.service.deps.store.repository;

  async function report(description: string): Promise<string> {
    const { complaint } = await reportComplaint(h.service.deps, {
      reporterId: 'mo',
      categoryKey: 'dienstverlening',
      description,
    });
    return (await repo().findComplaint(complaint.id))?.reference as string;
  }

  async function command(personId: string, reference: string, name: Command, payload = {}) {
    const person = (await repo().findPerson(personId)) as Person;
    return runCommand(h.service.deps, {
      complaint: reference,
      actor: { kind: 'person', person },
      command: name,
      payload,
    });
  }

  /** The newest message (post or update) to a user about a complaint that matches. */
  function messageTo(userId: string, reference: string, match: (text: string) => boolean) {
    return h.fake.waitFor(() =>
      h.fake
        .messagesTo(userId)
        .filter((c) => textOf(c).includes(reference) && match(textOf(c)))
        .at(-1),
    );
  }

  it('a late outcome message after a founded complaint was resolved and accepted does not say unfounded', async () => {
    const reference = await report('De monteur kwam niet.');
    const card = await messageTo(USERS.piet.id, reference, (t) => t.includes('kb_declare_founded'));
    const value = buttonValue(card, 'kb_declare_founded');
    const click = await h.slack.click(USERS.piet, { action_id: 'kb_declare_founded', value });
    expect(click.status).toBe(200);
    await messageTo(USERS.mo.id, reference, (t) => t.includes('gegrond verklaard'));
    // The card names the click, so the handler sees it took effect.
    await messageTo(USERS.piet.id, reference, (t) =>
      t.includes('Gegrond verklaard door Piet Projectleider'),
    );

    // Slack asks the outbox to wait before the outcome goes out; meanwhile the reporter accepts.
    h.fake.script('chat.postMessage', { status: 429, retryAfter: 2 });
    await command('piet', reference, 'record_resolution', {
      resolution: 'Nieuwe afspraak gemaakt.',
      cause: 'incidental',
      correctiveMeasure: 'Afspraak ingepland.',
    });
    await command('mo', reference, 'accept');
    expect((await repo().findComplaint(reference))?.status).toBe('closed');

    const outcome = await messageTo(USERS.mo.id, reference, (t) => t.includes('Uitkomst'));
    const text = textOf(outcome);
    expect(text).toContain('Uw melding is behandeld.');
    expect(text).not.toContain('ongegrond');
    expect(text).not.toContain('Reageer uiterlijk');
    expect(buttonValue(outcome, 'kb_accept')).toBeUndefined();
    expect(h.fake.callsOf('chat.postMessage').some((c) => c.outcome.includes('429'))).toBe(true);
  });

  it("updates the previous handler's card in place without buttons after a reassignment", async () => {
    const reference = await report('Overdracht nodig.');
    const card = await messageTo(USERS.piet.id, reference, (t) => t.includes('kb_declare_founded'));
    expect(card.method).toBe('chat.postMessage');
    await command('dirk', reference, 'reassign', { handlerId: 'hanna' });

    const updated = await messageTo(USERS.piet.id, reference, (t) => t.includes('overgedragen'));
    expect(updated.method).toBe('chat.update');
    const complaint = await repo().findComplaint(reference);
    const ref = await repo().findMessageRef(complaint!.id, 'piet', 'slack', 'card');
    expect(updated.args.ts).toBe(ref?.messageId);
    expect(textOf(updated)).toContain(`${reference} is overgedragen aan Hanna Hoofd Service`);
    const blocks = (updated.args.blocks ?? []) as { type: string }[];
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(textOf(updated)).not.toContain('kb_');
    // The new handler gets a card of their own with the buttons.
    await messageTo(USERS.hanna.id, reference, (t) => t.includes('kb_declare_founded'));
  });
});
