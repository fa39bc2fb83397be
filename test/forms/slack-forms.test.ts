import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src/app/messages/catalogue.js';
import { reportComplaint } from '../../src/app/report-complaint.js';
import { runCommand } from '../../src/app/run-command.js';
import type { Command } from '../../src/domain/lifecycle.js';
import type { Person } from '../../src/domain/people.js';
import { input, type SlackUserRef } from '../fakes/slack-client.js';
import { type Harness, openedViewAfter, startHarness, USERS } from '../slack/harness.js';

/** Modal errors over HTTP with the real Bolt app: the domain's reason next to the field. */
describe('Slack forms: errors with the reason, next to the field', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  const repo = () => h.service.deps.store.repository;
  const person = async (id: string) => (await repo().findPerson(id)) as Person;

  async function complaintBy(reporterId: string, text: string) {
    const { complaint } = await reportComplaint(h.service.deps, {
      reporterId,
      categoryKey: 'dienstverlening',
      description: text,
      intakeKey: `test:${text}`,
    });
    return complaint;
  }

  async function run(reference: string, actorId: string, command: Command, payload = {}) {
    const actor = await person(actorId);
    return runCommand(h.service.deps, {
      complaint: reference,
      actor: { kind: 'person', person: actor },
      command,
      payload,
    });
  }

  /** Clicks the command's button (opens its modal) and submits the modal with these values. */
  async function submitForm(
    user: SlackUserRef,
    command: Command,
    reference: string,
    values: Parameters<typeof h.slack.submit>[2],
  ) {
    const complaint = await repo().findComplaint(reference);
    if (!complaint) throw new Error('no complaint');
    const opened = h.fake.callsOf('views.open').length;
    const value = JSON.stringify({ c: complaint.id, v: complaint.version, r: reference });
    expect((await h.slack.click(user, { action_id: `kb_${command}`, value })).status).toBe(200);
    const view = await openedViewAfter(h.fake, opened);
    const res = await h.slack.submit(user, view, values);
    expect(res.status).toBe(200);
    return res.json as { response_action?: string; errors?: Record<string, string> } | null;
  }

  it('appointing the handler as mediator shows the conflict-of-interest sentence at the mediator field', async () => {
    const complaint = await complaintBy('mo', 'De levering was te laat.');
    await run(complaint.reference, 'piet', 'declare_unfounded', { motivation: 'Op tijd.' });
    await run(complaint.reference, 'mo', 'object', { reason: 'Niet waar.' });

    const res = await submitForm(USERS.dirk, 'appoint_mediator', complaint.reference, {
      mediatorId: input.user(USERS.piet.id),
    });
    expect(res?.response_action).toBe('errors');
    expect(res?.errors).toEqual({
      mediatorId: translate('nl', 'problem.conflict_of_interest'),
    });
    expect(res?.errors?.mediatorId).toContain('belangenverstrengeling');
    expect((await repo().findComplaint(complaint.reference))?.mediatorId).toBeNull();

    // An independent colleague is accepted by the same form.
    const ok = await submitForm(USERS.dirk, 'appoint_mediator', complaint.reference, {
      mediatorId: input.user(USERS.kim.id),
    });
    expect(ok?.response_action).toBeUndefined();
    expect((await repo().findComplaint(complaint.reference))?.mediatorId).toBe('kim');
  });

  it('a missing owner and due date of an organisation-wide improvement say "required"', async () => {
    const complaint = await complaintBy('mo', 'De monteur was onvriendelijk.');
    await run(complaint.reference, 'piet', 'declare_founded', { motivation: null });

    const res = await submitForm(USERS.piet, 'record_resolution', complaint.reference, {
      resolution: input.text('Excuses aangeboden.'),
      cause: input.radio('structural'),
      correctiveMeasure: input.text('Gesprek met de monteur.'),
      'improvement.description': input.text('Training klantcontact voor alle monteurs.'),
    });
    expect(res?.response_action).toBe('errors');
    const required = translate('nl', 'problem.required');
    expect(res?.errors).toEqual({
      'improvement.ownerId': required,
      'improvement.dueOn': required,
    });
    expect((await repo().findComplaint(complaint.reference))?.status).toBe('in_treatment');
  });

  it('"concerns an employee" without the employee says "required" at that field', async () => {
    const opened = h.fake.callsOf('views.open').length;
    await h.slack.command(USERS.mo, '');
    const view = await openedViewAfter(h.fake, opened);
    const res = await h.slack.submit(USERS.mo, view, {
      description: input.text('Onheus bejegend.'),
      categoryKey: input.option('dienstverlening'),
      concernsEmployee: input.checked(),
    });
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: { subjectPersonId: translate('nl', 'problem.required') },
    });
  });
});
