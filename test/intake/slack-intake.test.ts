import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src/app/messages/catalogue.js';
import { instantAt } from '../../src/domain/acknowledgement.js';
import { WorkingDayCalendar } from '../../src/domain/calendar.js';
import type { Complaint } from '../../src/domain/complaint.js';
import { computeDeadlines } from '../../src/domain/deadlines.js';
import { input, type SlackUserRef } from '../fakes/slack-client.js';
import { type Harness, openedViewAfter } from '../slack/harness.js';
import { days, registerCounts, SLACK_USERS, startIntakeSlack } from './support.js';

const AMSTERDAM = new WorkingDayCalendar({ timezone: 'Europe/Amsterdam' });

const { sara } = SLACK_USERS;
const time = (value: string) => ({ type: 'timepicker', selected_time: value });
const files = (...ids: string[]) => ({
  type: 'file_input',
  files: ids.map((id) => ({ id, name: `${id}.pdf` })),
});

/**
 * Intake on someone's behalf over HTTP on Slack (issue 11): the secretariat registers a call
 * or a letter with its moment of receipt; deadlines run from receipt and the acknowledgement
 * follows the channel. A receipt in the future is refused at the field; nothing is written.
 */
describe('Slack: intake on someone’s behalf', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIntakeSlack();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const calendar = () => h.service.deps.calendar;
  const load = async (reference: string) =>
    (await h.service.deps.store.repository.findComplaint(reference)) as Complaint;

  async function openReport(user: SlackUserRef, text: string) {
    const opened = h.fake.callsOf('views.open').length;
    expect((await h.slack.command(user, text)).status).toBe(200);
    return openedViewAfter(h.fake, opened);
  }

  it('the modal asks when and how it came in and who complained, within Slack’s limits', async () => {
    const view = await openReport(sara, 'Brief van de familie Jansen');
    const blocks = view.blocks as {
      type: string;
      block_id?: string;
      element?: Record<string, unknown>;
      text?: { text: string };
    }[];
    expect(blocks.length).toBeLessThanOrEqual(100);
    const element = (id: string) => blocks.find((b) => b.block_id === id)?.element;
    expect(element('receivedOn')?.type).toBe('datepicker');
    expect(element('receivedTime')?.type).toBe('timepicker');
    expect(element('complainantEmail')?.type).toBe('plain_text_input');
    expect(element('complainantAddress')).toMatchObject({ multiline: true });
    expect(element('attachments')).toMatchObject({
      type: 'file_input',
      filetypes: ['pdf', 'jpg', 'jpeg', 'png', 'docx', 'eml', 'msg'],
      max_files: 5,
    });
    const headers = blocks.filter((b) => b.type === 'header').map((b) => b.text?.text);
    expect(headers).toEqual(['Ontvangst', 'De klager']);
  });

  it('a phone call received yesterday: deadlines from receipt, acknowledged at receipt', async () => {
    const { yesterday } = days(h.service);
    const view = await openReport(sara, 'Mevrouw Jansen belde over de lekkage');
    const res = await h.slack.submit(sara, view, {
      description: input.text('Mevrouw Jansen belde over de lekkage'),
      categoryKey: input.option('dienstverlening'),
      intakeChannel: input.option('phone'),
      receivedOn: input.date(yesterday),
      receivedTime: time('10:15'),
      complainantType: input.option('client'),
      complainantName: input.text('Mevrouw Jansen'),
      complainantPhone: input.text('06 12345678'),
      complainantEmail: input.text(' jansen@example.org '),
      preferredContact: input.radio('phone'),
      complainantLocale: input.radio('nl'),
      attachments: files('F0SCAN1', 'F0SCAN2'),
    });
    expect(res.json?.response_action, res.text).toBe('update');
    const reference = /KL-\d{4}-\d{4}/.exec(res.text)?.[0] as string;

    const complaint = await load(reference);
    const receivedAt = instantAt(AMSTERDAM, yesterday, '10:15');
    expect(complaint.receivedAt).toEqual(receivedAt);
    expect(complaint.registeredAt.getTime()).toBeGreaterThan(receivedAt.getTime());
    // Deadlines count from the day of receipt, not of registration.
    expect(complaint).toMatchObject(
      computeDeadlines(calendar(), h.service.deps.deadlines, receivedAt),
    );
    expect(complaint.feedbackDue).toBe(calendar().addWorkingDays(yesterday, 5));
    // Seed 004: the call itself is the acknowledgement.
    expect(complaint.acknowledgedAt).toEqual(receivedAt);
    expect(complaint.acknowledgementDue).toBeNull();
    expect(complaint.reporterId).toBe('sara');
    expect(complaint.complainant).toMatchObject({
      type: 'client',
      name: 'Mevrouw Jansen',
      phone: '06 12345678',
      email: 'jansen@example.org',
      preferredContact: 'phone',
      locale: 'nl',
    });
  });

  it('a letter: acknowledgement due five working days after receipt', async () => {
    const { yesterday } = days(h.service);
    const view = await openReport(sara, 'Brief over de factuur');
    const res = await h.slack.submit(sara, view, {
      description: input.text('Brief over de factuur'),
      categoryKey: input.option('dienstverlening'),
      intakeChannel: input.option('letter'),
      receivedOn: input.date(yesterday),
      complainantName: input.text('De heer De Vries'),
      complainantAddress: input.text('Dorpsstraat 1\n1234 AB Ergens'),
      preferredContact: input.radio('letter'),
    });
    expect(res.json?.response_action, res.text).toBe('update');
    const complaint = await load(/KL-\d{4}-\d{4}/.exec(res.text)?.[0] as string);
    // Without a time, 09:00 is assumed.
    expect(complaint.receivedAt).toEqual(instantAt(AMSTERDAM, yesterday, '09:00'));
    expect(complaint.acknowledgedAt).toBeNull();
    expect(complaint.acknowledgementDue).toBe(calendar().addWorkingDays(yesterday, 5));
    expect(complaint.complainant.address).toBe('Dorpsstraat 1\n1234 AB Ergens');
  });

  it('a receipt tomorrow is refused at the date field, and nothing is written', async () => {
    const { tomorrow } = days(h.service);
    const before = await registerCounts(h.service);
    const view = await openReport(sara, 'Brief uit de toekomst');
    const res = await h.slack.submit(sara, view, {
      description: input.text('Brief uit de toekomst'),
      categoryKey: input.option('dienstverlening'),
      intakeChannel: input.option('letter'),
      receivedOn: input.date(tomorrow),
    });
    expect(res.json?.response_action).toBe('errors');
    expect(res.json?.errors).toEqual({
      receivedOn: translate('nl', 'problem.receivedOn.in_future'),
    });
    expect(await registerCounts(h.service)).toEqual(before);
  });

  it('a bad e-mail address and a missing address for letters are named at their fields', async () => {
    const before = await registerCounts(h.service);
    const view = await openReport(sara, 'Klacht per brief');
    const res = await h.slack.submit(sara, view, {
      description: input.text('Klacht per brief'),
      categoryKey: input.option('dienstverlening'),
      complainantEmail: input.text('jansen.example.org'),
      preferredContact: input.radio('letter'),
    });
    expect(res.json?.response_action).toBe('errors');
    // The form's own check runs first: the address the letter needs.
    expect(res.json?.errors).toEqual({
      complainantAddress: translate('nl', 'problem.complainantAddress.required'),
    });
    const again = await h.slack.submit(sara, view, {
      description: input.text('Klacht per brief'),
      categoryKey: input.option('dienstverlening'),
      complainantEmail: input.text('jansen.example.org'),
    });
    expect(again.json?.errors).toEqual({
      complainantEmail: translate('nl', 'problem.complainantEmail.invalid'),
    });
    expect(await registerCounts(h.service)).toEqual(before);
  });
});
