import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src/app/messages/catalogue.js';
import { reportComplaint } from '../../src/app/report-complaint.js';
import { runCommand } from '../../src/app/run-command.js';
import type { Command } from '../../src/domain/lifecycle.js';
import type { Person } from '../../src/domain/people.js';
import { executeActivity, TEAMS_USERS, TENANT, type TeamsUser } from '../fakes/teams-activities.js';
import { type Card, startTeamsHarness, type TeamsHarness } from '../teams/harness.js';

const { dirk, piet, mo } = TEAMS_USERS;

interface Input {
  type: string;
  id: string;
  value?: string;
  choices?: { title: string; value: string }[];
}

/** Each form field sits in a Container: its input, then hint and error TextBlocks. */
function field(card: Card, id: string): { input: Input; texts: string[] } {
  const containers = (card.body as { type: string; items?: Record<string, unknown>[] }[]).filter(
    (b) => b.type === 'Container',
  );
  for (const container of containers) {
    const items = container.items ?? [];
    const input = items.find((i) => String(i.type).startsWith('Input.') && i.id === id);
    if (input) {
      const texts = items.filter((i) => i.type === 'TextBlock').map((i) => String(i.text));
      return { input: input as unknown as Input, texts };
    }
  }
  throw new Error(`no field ${id} on the card`);
}

describe('Teams forms: reasons at the field, people by type-ahead', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness();
  });
  afterAll(async () => {
    await h?.stop();
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
    return runCommand(h.service.deps, {
      complaint: reference,
      actor: { kind: 'person', person: await person(actorId) },
      command,
      payload,
    });
  }

  /** Submits a command's form card (Action.Execute with the inputs merged into data). */
  async function submit(user: TeamsUser, command: Command, reference: string, inputs: object) {
    const complaint = await repo().findComplaint(reference);
    if (!complaint) throw new Error('no complaint');
    const data = {
      complaintId: complaint.id,
      version: complaint.version,
      kind: 'handler_card',
      submit: true,
      ...inputs,
    };
    const res = await h.post(
      executeActivity(user, `kb_${command}`, data, { serviceUrl: h.connector.url }),
    );
    expect(res.status).toBe(200);
    return (res.body as { value: Card }).value;
  }

  it('appointing the handler as mediator shows the conflict-of-interest sentence at the mediator field', async () => {
    const complaint = await complaintBy('mo', 'De offerte klopte niet.');
    await run(complaint.reference, 'piet', 'declare_unfounded', { motivation: 'Klopt wel.' });
    await run(complaint.reference, 'mo', 'object', { reason: 'Toch niet.' });

    const card = await submit(dirk, 'appoint_mediator', complaint.reference, {
      mediatorId: 'piet',
    });
    const mediator = field(card, 'mediatorId');
    expect(mediator.texts).toContain(translate('nl', 'problem.conflict_of_interest'));
    expect(mediator.texts.join(' ')).toContain('belangenverstrengeling');
    expect(mediator.texts).not.toContain(translate('nl', 'problem.invalid'));
    // The chosen person stays chosen, with the name shown.
    expect(mediator.input.value).toBe('piet');
    expect(mediator.input.choices).toContainEqual({ title: 'Piet Projectleider', value: 'piet' });
    expect((await repo().findComplaint(complaint.reference))?.mediatorId).toBeNull();
  });

  it('a missing owner of an organisation-wide improvement says "required" at the owner field', async () => {
    const complaint = await complaintBy('mo', 'De rekening was dubbel.');
    await run(complaint.reference, 'piet', 'declare_founded', { motivation: null });

    const card = await submit(piet, 'record_resolution', complaint.reference, {
      resolution: 'Creditnota gestuurd.',
      cause: 'structural',
      correctiveMeasure: 'Dubbele factuur gecrediteerd.',
      'improvement.description': 'Facturatie controleert op dubbele regels.',
      'improvement.dueOn': '2030-03-01',
    });
    const required = translate('nl', 'problem.required');
    expect(field(card, 'improvement.ownerId').texts).toContain(required);
    expect(field(card, 'improvement.dueOn').texts).not.toContain(required);
    // The user's text comes back with the form.
    expect(field(card, 'improvement.description').input.value).toBe(
      'Facturatie controleert op dubbele regels.',
    );
    expect((await repo().findComplaint(complaint.reference))?.status).toBe('in_treatment');
  });

  it('answers the application/search invoke with matching active people', async () => {
    const search = (queryText: string) =>
      h.post({
        id: randomUUID(),
        type: 'invoke',
        name: 'application/search',
        channelId: 'msteams',
        serviceUrl: h.connector.url,
        timestamp: new Date().toISOString(),
        locale: 'nl-NL',
        from: { id: mo.mri, name: mo.name, aadObjectId: mo.aadObjectId },
        recipient: { id: '28:klachtenbot', name: 'Klachtenbot' },
        conversation: { id: `a:personal-${mo.id}`, conversationType: 'personal', tenantId: TENANT },
        channelData: { tenant: { id: TENANT } },
        value: { queryText, queryOptions: { skip: 0, top: 15 }, dataset: 'people' },
      });
    const res = await search('hoofd');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      type: 'application/vnd.microsoft.search.searchResponse',
      value: { results: [{ title: 'Hanna Hoofd Service', value: 'hanna' }] },
    });
    const all = (await search('')).body as { value: { results: { value: string }[] } };
    expect(all.value.results.map((r) => r.value).sort()).toEqual(
      ['dirk', 'hanna', 'kim', 'mo', 'piet'].sort(),
    );
  });

  it('a form card names no one inline beyond a few suggestions and the chosen person', async () => {
    const complaint = await complaintBy('mo', 'Niemand nam op.');
    await run(complaint.reference, 'piet', 'declare_founded', { motivation: null });
    const full = await submit(piet, 'add_measure', complaint.reference, { submit: false });
    // Clicking the button (no submit) returns the form; its person field asks the bot.
    const owner = field(full, 'ownerId').input as Input & {
      'choices.data'?: { type: string; dataset: string };
    };
    expect(owner['choices.data']).toEqual({ type: 'Data.Query', dataset: 'people' });
    expect((owner.choices ?? []).length).toBeLessThanOrEqual(15);
  });
});
