import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src/app/messages/catalogue.js';
import { instantAt } from '../../src/domain/acknowledgement.js';
import { WorkingDayCalendar } from '../../src/domain/calendar.js';
import type { Complaint } from '../../src/domain/complaint.js';
import { executeActivity, messageActivity, type TeamsUser } from '../fakes/teams-activities.js';
import {
  actionOf,
  type Card,
  cardOf,
  type TeamsHarness,
  textsOf,
  waitFor,
} from '../teams/harness.js';
import { days, registerCounts, SARA_TEAMS, startIntakeTeams } from './support.js';

const AMSTERDAM = new WorkingDayCalendar({ timezone: 'Europe/Amsterdam' });

interface Input {
  type: string;
  id: string;
  value?: string;
}

/** Every input of a card, in order. */
function inputsOf(card: unknown): Input[] {
  const found: Input[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.')) found.push(o as never);
      for (const value of Object.values(o)) walk(value);
    }
  };
  walk((card as { body: unknown }).body);
  return found;
}

/** The texts under the field's input (its hint and its error). */
function fieldTexts(card: Card, id: string): string[] {
  const containers = (card.body as { type: string; items?: Record<string, unknown>[] }[]).filter(
    (b) => b.type === 'Container',
  );
  for (const container of containers) {
    const items = container.items ?? [];
    if (items.some((i) => String(i.type).startsWith('Input.') && i.id === id)) {
      return items.filter((i) => i.type === 'TextBlock').map((i) => String(i.text));
    }
  }
  throw new Error(`no field ${id}`);
}

/** Intake on someone's behalf over HTTP on Teams (issue 11). */
describe('Teams: intake on someone’s behalf', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startIntakeTeams();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const opts = () => ({ serviceUrl: h.connector.url });
  const calendar = () => h.service.deps.calendar;
  const load = async (reference: string) =>
    (await h.service.deps.store.repository.findComplaint(reference)) as Complaint;

  async function reportForm(user: TeamsUser): Promise<Card> {
    const id = randomUUID();
    expect((await h.post(messageActivity(user, 'klacht', { ...opts(), id }))).status).toBe(200);
    const reply = await waitFor(
      () => h.connector.calls.find((c) => c.activityId === id && c.body.type === 'message'),
      'the report form',
    );
    return cardOf(reply);
  }

  async function submit(user: TeamsUser, form: Card, fields: Record<string, string>) {
    const data = { ...actionOf(form, 'kb_report').data, ...fields };
    const res = await h.post(executeActivity(user, 'kb_report', data, opts()));
    expect(res.status).toBe(200);
    return (res.body as { value: Card }).value;
  }

  const referenceIn = (card: Card) => /KL-\d{4}-\d{4}/.exec(textsOf(card).join(' '))?.[0];

  it('the card asks for the time of receipt and says where files go', async () => {
    const form = await reportForm(SARA_TEAMS);
    const inputs = inputsOf(form);
    expect(inputs.find((i) => i.id === 'receivedOn')?.type).toBe('Input.Date');
    expect(inputs.find((i) => i.id === 'receivedTime')?.type).toBe('Input.Time');
    expect(inputs.find((i) => i.id === 'attachments')).toBeUndefined();
    const texts = textsOf(form);
    expect(texts).toContain(translate('nl', 'intake.hint.attachments_chat'));
    expect(texts).toContain(translate('nl', 'intake.group.complainant'));
  });

  it('a phone call received yesterday: deadlines from receipt, acknowledged at receipt', async () => {
    const { yesterday } = days(h.service);
    const form = await reportForm(SARA_TEAMS);
    const done = await submit(SARA_TEAMS, form, {
      description: 'De heer Bakker belde: de monteur kwam niet.',
      categoryKey: 'dienstverlening',
      intakeChannel: 'phone',
      receivedOn: yesterday,
      receivedTime: '16:45',
      complainantType: 'client',
      complainantName: 'De heer Bakker',
      complainantPhone: '+31 20 123 4567',
      preferredContact: 'phone',
      complainantLocale: 'en',
    });
    const reference = referenceIn(done);
    expect(reference, textsOf(done).join(' ')).toBeTruthy();
    const complaint = await load(reference as string);
    const receivedAt = instantAt(AMSTERDAM, yesterday, '16:45');
    expect(complaint.receivedAt).toEqual(receivedAt);
    expect(complaint.feedbackDue).toBe(calendar().addWorkingDays(yesterday, 5));
    expect(complaint.decisionDue).toBe(calendar().addWorkingDays(yesterday, 10));
    expect(complaint.resolutionDue).toBe(calendar().addWorkingDays(yesterday, 34));
    expect(complaint.acknowledgedAt).toEqual(receivedAt);
    expect(complaint.acknowledgementDue).toBeNull();
    expect(complaint.complainant).toMatchObject({
      name: 'De heer Bakker',
      phone: '+31 20 123 4567',
      preferredContact: 'phone',
      locale: 'en',
    });
  });

  it('a letter: acknowledgement due five working days after receipt', async () => {
    const { yesterday } = days(h.service);
    const form = await reportForm(SARA_TEAMS);
    const done = await submit(SARA_TEAMS, form, {
      description: 'Brief van mevrouw Visser over de offerte.',
      categoryKey: 'dienstverlening',
      intakeChannel: 'letter',
      receivedOn: yesterday,
      receivedTime: '11:00',
      complainantName: 'Mevrouw Visser',
      complainantAddress: 'Kade 2\n9999 ZZ Stad',
      complainantEmail: 'visser@example.org',
      preferredContact: 'email',
    });
    const complaint = await load(referenceIn(done) as string);
    expect(complaint.acknowledgedAt).toBeNull();
    expect(complaint.acknowledgementDue).toBe(calendar().addWorkingDays(yesterday, 5));
    expect(complaint.complainant.email).toBe('visser@example.org');
  });

  it('a receipt later today is refused at the time field, and nothing is written', async () => {
    const { today, tomorrow } = days(h.service);
    const before = await registerCounts(h.service);
    const form = await reportForm(SARA_TEAMS);
    // Tomorrow: the date field; later today (23:59, unless the test runs in its last minute).
    const future = await submit(SARA_TEAMS, form, {
      description: 'Brief uit de toekomst.',
      categoryKey: 'dienstverlening',
      intakeChannel: 'letter',
      receivedOn: tomorrow,
    });
    expect(fieldTexts(future, 'receivedOn')).toContain(
      translate('nl', 'problem.receivedOn.in_future'),
    );
    // The user's values come back with the form.
    expect(inputsOf(future).find((i) => i.id === 'receivedOn')?.value).toBe(tomorrow);
    expect(referenceIn(future)).toBeUndefined();

    const now = new Date();
    if (calendar().localDate(new Date(now.getTime() + 120_000)) === today) {
      const later = await submit(SARA_TEAMS, future, {
        description: 'Telefoontje van straks.',
        categoryKey: 'dienstverlening',
        intakeChannel: 'phone',
        receivedOn: today,
        receivedTime: '23:59',
      });
      expect(fieldTexts(later, 'receivedTime')).toContain(
        translate('nl', 'problem.receivedTime.in_future'),
      );
    }
    expect(await registerCounts(h.service)).toEqual(before);
  });
});
