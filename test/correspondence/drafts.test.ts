import { describe, expect, it } from 'vitest';
import { type DraftFacts, draftText, writtenDate } from '../../src/app/correspondence-drafts.js';
import { WorkingDayCalendar } from '../../src/domain/calendar.js';
import type { Complaint } from '../../src/domain/complaint.js';
import { CORRESPONDENCE_LIMITS } from '../../src/domain/correspondence.js';
import { computeDeadlines, DEFAULT_DEADLINES } from '../../src/domain/deadlines.js';
import type { CommitteeRoute } from '../../src/domain/procedure.js';
import { makeComplaint } from '../fixtures/domain.js';

/**
 * The texts of letters and e-mails to the complainant (issue 11): every deadline as a written
 * date of the organisation's calendar (across Christmas), the objection route with the
 * committee from the organisation file, English, and a long motivation fitted to the limit.
 */
const calendar = new WorkingDayCalendar();
/** A letter that arrived on Tuesday 22 December 2026: Christmas lies within every period. */
const RECEIVED = new Date('2026-12-22T10:00:00Z');
const COMMITTEE: CommitteeRoute = {
  name: 'Klachtencommissie NVOS-Orthobanda',
  address: 'Postbus 22142\n1302 CC Almere',
  url: 'https://www.nvos-orthobanda.nl',
  type: 'committee',
  binding: false,
  termMonths: 12,
};

function letterComplaint(overrides: Partial<Complaint> = {}): Complaint {
  const base = makeComplaint({ receivedAt: RECEIVED, registeredAt: RECEIVED });
  return {
    ...base,
    reference: 'KL-2026-0042',
    intakeChannel: 'letter',
    ...computeDeadlines(calendar, DEFAULT_DEADLINES, RECEIVED),
    complainant: {
      ...base.complainant,
      type: 'client',
      name: 'J. de Vries',
      address: 'Dorpsstraat 1\n1234 AB Ergens',
      email: null,
      locale: null,
    },
    ...overrides,
  };
}

function facts(overrides: Partial<DraftFacts> = {}): DraftFacts {
  return {
    complaint: letterComplaint(),
    kind: 'acknowledgement',
    locale: 'nl',
    channel: 'letter',
    receivedOn: calendar.localDate(RECEIVED),
    handlerName: 'Piet Projectleider',
    letterhead: {
      name: 'Orthopedie Voorbeeld BV',
      address: 'Kerkstraat 1\n1000 AA Amsterdam',
      email: 'klachten@voorbeeld.nl',
      phone: '020 123 4567',
      url: null,
    },
    committee: null,
    reactionDays: 10,
    reactionDue: '2027-01-06',
    ...overrides,
  };
}

describe('draft texts', () => {
  it('writes dates as people do, in both languages', () => {
    expect(writtenDate('nl', '2026-12-15')).toBe('15 december 2026');
    expect(writtenDate('en', '2026-12-15')).toBe('15 December 2026');
  });

  it('the acknowledgement gives every deadline as a date, counted past Christmas', () => {
    const { subject, body } = draftText(facts());
    expect(subject).toBe('Ontvangstbevestiging van uw klacht KL-2026-0042');
    expect(body.startsWith('Geachte heer/mevrouw J. de Vries,\n\n')).toBe(true);
    expect(body).toContain('Op 22 december 2026 hebben wij uw klacht ontvangen');
    // 5, 10 and 34 working days; 25 and 26 December and 1 January do not count.
    expect(body).toContain('- uiterlijk 30 december 2026: een inhoudelijke reactie');
    expect(body).toContain('- uiterlijk 7 januari 2027: ons oordeel over uw klacht');
    expect(body).toContain('- uiterlijk 10 februari 2027: de afhandeling van uw klacht');
    expect(body).toContain('Uw klacht wordt behandeld door Piet Projectleider.');
    expect(body).toContain('Kerkstraat 1, 1000 AA Amsterdam, klachten@voorbeeld.nl');
    expect(
      body.endsWith('Met vriendelijke groet,\n\nPiet Projectleider\nOrthopedie Voorbeeld BV'),
    ).toBe(true);
  });

  it('in English for a complainant who asked for it', () => {
    const complaint = letterComplaint();
    complaint.complainant = { ...complaint.complainant, locale: 'en' };
    const { subject, body } = draftText(facts({ complaint, locale: 'en', channel: 'email' }));
    expect(subject).toBe('Acknowledgement of your complaint KL-2026-0042');
    expect(body).toContain('Dear J. de Vries,');
    expect(body).toContain('On 22 December 2026 we received your complaint.');
    expect(body).toContain('- by 30 December 2026 at the latest');
    expect(body).toContain('- by 7 January 2027 at the latest');
    expect(body).toContain('personal link in this e-mail');
    expect(body).toContain('Kind regards,');
  });

  it('the outcome names the objection route and the committee with its term', () => {
    const complaint = letterComplaint({
      status: 'rejected',
      decision: 'unfounded',
      motivation: 'De afspraak is door u zelf afgezegd.',
    });
    const { subject, body } = draftText(
      facts({ complaint, kind: 'outcome', committee: COMMITTEE }),
    );
    expect(subject).toBe('Uitkomst van uw klacht KL-2026-0042');
    expect(body).toContain('uw klacht ongegrond is');
    expect(body).toContain('De afspraak is door u zelf afgezegd.');
    expect(body).toContain('Laat het ons dan uiterlijk 6 januari 2027 weten (10 werkdagen)');
    expect(body).toContain('voorleggen aan Klachtencommissie NVOS-Orthobanda.');
    expect(body).toContain('Dat kan tot 12 maanden na onze eindreactie.');
    expect(body).toContain('Adres: Postbus 22142, 1302 CC Almere');
    expect(body).toContain('Website: https://www.nvos-orthobanda.nl');
  });

  it('without a committee the outcome has no external route', () => {
    const complaint = letterComplaint({ status: 'resolved', resolution: 'Nieuwe afspraak.' });
    const { body } = draftText(facts({ complaint, kind: 'outcome' }));
    expect(body).toContain('Dit is wat wij hebben gedaan:\n\nNieuwe afspraak.');
    expect(body).not.toContain('voorleggen aan');
  });

  it('the final outcome quotes the answer and names the committee', () => {
    const complaint = letterComplaint({
      status: 'closed',
      finalOutcome: 'Wij vergoeden de kosten.',
    });
    const { subject, body } = draftText(
      facts({ complaint, kind: 'final_outcome', committee: COMMITTEE, locale: 'en' }),
    );
    expect(subject).toBe('Final response to your complaint KL-2026-0042');
    expect(body).toContain('Wij vergoeden de kosten.');
    expect(body).toContain('you can submit your complaint to Klachtencommissie NVOS-Orthobanda');
    expect(body).toContain('up to 12 months after our final response');
  });

  it('an extension gives the new date, the earlier one and the reason', () => {
    const complaint = letterComplaint({
      resolutionDue: '2027-03-01',
      extensionReason: 'De leverancier onderzoekt het hulpmiddel.',
    });
    const { body } = draftText(facts({ complaint, kind: 'extension', previousDue: '2027-02-10' }));
    expect(body).toContain('De leverancier onderzoekt het hulpmiddel.');
    expect(body).toContain('uiterlijk 1 maart 2027');
    expect(body).toContain('Eerder noemden wij 10 februari 2027');
  });

  it('a long motivation is shortened visibly so the letter fits the edit limit', () => {
    const complaint = letterComplaint({
      status: 'rejected',
      motivation: 'Lange motivering. '.repeat(170).trim(),
    });
    const { body } = draftText(facts({ complaint, kind: 'outcome', committee: COMMITTEE }));
    expect(body.length).toBeLessThanOrEqual(CORRESPONDENCE_LIMITS.body);
    expect(body).toContain('…');
    expect(body).toContain('Met vriendelijke groet');
  });
});
