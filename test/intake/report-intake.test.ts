import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app/deps.js';
import { REPORT_FORM } from '../../src/app/forms/definitions.js';
import { formErrors } from '../../src/app/forms/errors.js';
import { attachmentFileIds, reportInput } from '../../src/app/forms/payloads.js';
import { translate } from '../../src/app/messages/catalogue.js';
import { type ReportInput, reportComplaint } from '../../src/app/report-complaint.js';
import { complainantSettings } from '../../src/config/complainant.js';
import { DEMO_ORG_YAML } from '../../src/config/demo-org.js';
import { loadEnv } from '../../src/config/env.js';
import { parseOrgConfig } from '../../src/config/org-file.js';
import { isDomainError } from '../../src/domain/errors.js';
import {
  buildDeps,
  createTestDatabase,
  FixedClock,
  type TestDatabase,
  tableCounts,
} from '../support/databases.js';

/**
 * Registering a complaint received earlier (issue 11), as the use case sees it: a fixed clock
 * on Tuesday 28 April 2026, 10:00 in Amsterdam, the day after King's Day.
 */
const NOW = new Date('2026-04-28T08:00:00Z');

describe('reportComplaint: receipt, complainant and acknowledgement', () => {
  let db: TestDatabase;
  let deps: AppDeps;
  let clock: FixedClock;
  let n = 0;
  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    clock = new FixedClock(NOW);
    deps = await buildDeps(db.handle, { clock });
  });
  afterAll(async () => {
    await db?.drop();
  });

  const report = (extra: Partial<ReportInput>) =>
    reportComplaint(deps, {
      reporterId: 'mo',
      categoryKey: 'dienstverlening',
      description: 'De monteur kwam niet opdagen.',
      intakeKey: `intake-test-${++n}`,
      ...extra,
    });

  /** The refusal's field problems; the register is unchanged. */
  async function refused(extra: Partial<ReportInput>) {
    const before = await tableCounts(db.handle);
    const error = await report(extra).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isDomainError(error), String(error)).toBe(true);
    expect(await tableCounts(db.handle)).toEqual(before);
    return isDomainError(error) ? error.fields : {};
  }

  it('a letter received last Thursday: deadlines and the acknowledgement from that day', async () => {
    const { complaint } = await report({
      intakeChannel: 'letter',
      receivedOn: '2026-04-23',
      receivedTime: '14:30',
      complainantName: 'Familie Jansen',
      complainantAddress: 'Dorpsstraat 1\n1234 AB Ergens',
      preferredContact: 'letter',
      complainantLocale: 'en',
    });
    expect(complaint.receivedAt.toISOString()).toBe('2026-04-23T12:30:00.000Z');
    expect(complaint.registeredAt).toEqual(NOW);
    // Fri 24 (1), Mon 27 King's Day, Tue 28 (2), Wed 29 (3), Thu 30 (4), Fri 1 May (5).
    expect(complaint.feedbackDue).toBe('2026-05-01');
    expect(complaint.acknowledgementDue).toBe('2026-05-01');
    expect(complaint.acknowledgedAt).toBeNull();
    expect(complaint.complainant).toEqual({
      type: 'client',
      name: 'Familie Jansen',
      contact: null,
      email: null,
      phone: null,
      address: 'Dorpsstraat 1\n1234 AB Ergens',
      preferredContact: 'letter',
      locale: 'en',
    });
    const stored = await deps.store.repository.findComplaint(complaint.reference);
    expect(stored?.receivedAt).toEqual(complaint.receivedAt);
    expect(stored?.acknowledgementDue).toBe('2026-05-01');
    expect(stored?.complainant).toEqual(complaint.complainant);
  });

  it('typed into chat: received and acknowledged now', async () => {
    const { complaint } = await report({});
    expect(complaint.receivedAt).toEqual(NOW);
    expect(complaint.acknowledgedAt).toEqual(NOW);
    expect(complaint.acknowledgementDue).toBeNull();
    expect(complaint.feedbackDue).toBe('2026-05-05');
  });

  it('today without a time before 09:00: received now, not in the future', async () => {
    clock.set('2026-04-28T05:30:00Z'); // 07:30 in Amsterdam
    try {
      const { complaint } = await report({ intakeChannel: 'phone', receivedOn: '2026-04-28' });
      expect(complaint.receivedAt).toEqual(new Date('2026-04-28T05:30:00Z'));
      expect(complaint.acknowledgedAt).toEqual(complaint.receivedAt);
    } finally {
      clock.set(NOW);
    }
  });

  it('uses the organisation’s acknowledgement terms', async () => {
    const org = parseOrgConfig(
      `${DEMO_ORG_YAML}acknowledgement: { letter: 2, email: 3 }\n`,
      'org.yaml',
    );
    const settings = complainantSettings(loadEnv({}), org);
    const withRules = { ...deps, complainant: settings };
    const letter = await reportComplaint(withRules, {
      reporterId: 'mo',
      categoryKey: 'dienstverlening',
      description: 'Brief.',
      intakeChannel: 'letter',
      receivedOn: '2026-04-23',
    });
    // Fri 24 (1), Tue 28 (2).
    expect(letter.complaint.acknowledgementDue).toBe('2026-04-28');
    const email = await reportComplaint(withRules, {
      reporterId: 'mo',
      categoryKey: 'dienstverlening',
      description: 'E-mail.',
      intakeChannel: 'email',
      receivedOn: '2026-04-24',
    });
    // Tue 28 (1), Wed 29 (2), Thu 30 (3).
    expect(email.complaint.acknowledgementDue).toBe('2026-04-30');
  });

  it('refuses a receipt in the future, after registration or more than a year ago', async () => {
    expect(await refused({ receivedOn: '2026-04-29' })).toEqual({ receivedOn: 'in_future' });
    expect(await refused({ receivedOn: '2026-04-28', receivedTime: '10:01' })).toEqual({
      receivedTime: 'in_future',
    });
    expect(await refused({ receivedOn: '2025-04-27' })).toEqual({ receivedOn: 'in_past' });
    expect(await refused({ receivedOn: '2026-02-30' })).toEqual({ receivedOn: 'invalid' });
    expect(await refused({ receivedOn: '2026-04-20', receivedTime: '9:00' })).toEqual({
      receivedTime: 'invalid',
    });
    expect(await refused({ receivedTime: '09:00' })).toEqual({ receivedOn: 'required' });
    // Every date problem at once.
    expect(await refused({ receivedOn: '2026-04-29', occurredOn: '2026-05-01' })).toEqual({
      receivedOn: 'in_future',
      occurredOn: 'in_future',
    });
    // A year ago to the day is still accepted.
    const { complaint } = await report({ receivedOn: '2025-04-28', intakeChannel: 'letter' });
    // Tue 29 (1), Wed 30 (2), Thu 1 May (3), Fri 2 (4), Mon 5 Liberation Day 2025 (a lustrum
    // year, closed), Tue 6 (5): overdue at once; the reminder job takes it from there.
    expect(complaint.acknowledgementDue).toBe('2025-05-06');
  });

  it('refuses a bad e-mail address or phone number, and contact without its detail', async () => {
    expect(await refused({ complainantEmail: 'jansen.example.org' })).toEqual({
      complainantEmail: 'invalid',
    });
    expect(await refused({ complainantPhone: 'bel me' })).toEqual({
      complainantPhone: 'invalid',
    });
    expect(await refused({ preferredContact: 'email' })).toEqual({
      complainantEmail: 'required',
    });
    expect(await refused({ preferredContact: 'phone', complainantEmail: 'a@b.nl' })).toEqual({
      complainantPhone: 'required',
    });
  });

  it('the form names each problem at its field, in the reader’s language', async () => {
    const error = await report({ receivedOn: '2025-01-01' }).catch((e: unknown) => e);
    expect(formErrors(REPORT_FORM, 'en', error)).toEqual({
      fields: { receivedOn: 'This date is more than a year ago. Check the date of receipt.' },
      general: false,
    });
    expect(formErrors(REPORT_FORM, 'nl', error).fields.receivedOn).toBe(
      translate('nl', 'problem.receivedOn.in_past'),
    );
    // A problem without a sentence of the field's own takes the general one.
    const tooLong = await report({ complainantName: 'x'.repeat(201) }).catch((e: unknown) => e);
    expect(formErrors(REPORT_FORM, 'nl', tooLong).fields).toEqual({
      complainantName: translate('nl', 'problem.too_long'),
    });
  });

  it('the form’s strings become the use case’s input; files are Slack file ids', () => {
    const input = reportInput(
      {
        description: 'Brief',
        categoryKey: 'dienstverlening',
        intakeChannel: 'letter',
        receivedOn: '2026-04-23',
        receivedTime: '14:30',
        complainantEmail: '  jansen@example.org ',
        complainantPhone: '',
        preferredContact: 'email',
        complainantLocale: 'en',
        attachments: 'F1,F2,F1',
      },
      { reporterId: 'sara', intakeKey: 'k', sourceLink: null },
    );
    expect(input).toMatchObject({
      receivedOn: '2026-04-23',
      receivedTime: '14:30',
      complainantEmail: 'jansen@example.org',
      complainantPhone: null,
      complainantAddress: null,
      preferredContact: 'email',
      complainantLocale: 'en',
    });
    expect(attachmentFileIds({ attachments: 'F1,F2,F1' })).toEqual(['F1', 'F2']);
    expect(attachmentFileIds({})).toEqual([]);
  });
});
