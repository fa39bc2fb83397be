import type { Complaint } from '../../domain/complaint.js';
import { type Digest, MASKED } from '../../domain/digest.js';
import type { Locale, Person } from '../../domain/people.js';
import type { AppDeps } from '../deps.js';
import { composeRegisterFilesMessage, REGISTER_FILES_KIND } from '../export-register.js';
import { complianceLabel, type DigestFigure, digestGroups } from '../jobs/register-sheets.js';
import {
  ACKNOWLEDGEMENT_MILESTONE,
  ACKNOWLEDGEMENT_REMINDER,
} from '../jobs/remind-acknowledgements.js';
import { JOB_MESSAGE_KINDS as JOB_KINDS } from '../notifications.js';
import type { ClaimedMessage } from '../ports.js';
import { PARKED_MESSAGES_KIND } from '../redrive-outbox.js';
import { canView, loadComplaintView } from '../view-complaint.js';
import {
  formatLocalDate,
  type MessageKey,
  type Translate,
  translate,
  translator,
} from './catalogue.js';
import { composeActions, composeComplaintCard } from './compose.js';
import type { Fact, MessageModel, Section } from './model.js';
import { composeProcedureJobMessage, measurePartyLine } from './procedure-job-messages.js';

/** A file a surface attaches to the message (Slack: files upload; Teams: image in the card). */
export interface MessageAttachment {
  fileName: string;
  mediaType:
    | 'image/png'
    | 'text/csv'
    | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  data: Uint8Array;
}

export interface RenderedJobMessage {
  recipient: Person | null;
  locale: Locale;
  model: MessageModel;
  liveCard: false;
  attachments: MessageAttachment[];
}

export const JOB_MESSAGE_KINDS: ReadonlySet<string> = new Set(JOB_KINDS);

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);
/** A count for a channel: a number, or "<3" (a report stored masked); nothing else, no text. */
const count = (v: unknown) => (typeof v === 'number' || v === MASKED ? String(v) : '0');

function bare(title: string, intro: string | null, facts: Fact[] = [], sections: Section[] = []) {
  const model: MessageModel = {
    summary: title,
    title,
    intro,
    facts,
    sections,
    actions: [],
    footer: null,
    complaint: null,
  };
  return model;
}

/**
 * The messages of the jobs. Person messages are rendered from the complaint's current state as
 * the recipient may see it (null when they no longer may, or nothing is left to do); channel
 * messages carry figures only, the digest its chart too: no file, no free text.
 */
export async function composeJobMessage(
  deps: AppDeps,
  message: ClaimedMessage,
  defaultLocale: Locale,
): Promise<RenderedJobMessage | null> {
  const repo = deps.store.repository;
  if ('channel' in message.recipient) {
    const t = translator(defaultLocale);
    const report = deps.reports
      ? await deps.reports.findReport(str(message.payload.reportId))
      : null;
    if (!report) return null;
    const channel = (model: MessageModel, attachments: MessageAttachment[] = []) => ({
      recipient: null,
      locale: defaultLocale,
      model,
      liveCard: false as const,
      attachments,
    });
    if (message.kind === 'monthly_overview') {
      const categories = await repo.listCategories();
      const labels = Object.fromEntries(categories.map((c) => [c.key, c.label[defaultLocale]]));
      return channel(monthlyModel(t, defaultLocale, labels, report.summary));
    }
    const digest = report.summary as unknown as Digest & { labels: Record<string, string> };
    // Figures and the chart only (issue 13): a register the report may still hold (one stored
    // before the register went privately) never goes to a channel.
    const files: MessageAttachment[] = report.chartPng
      ? [
          {
            fileName: `klachten-${report.period}.png`,
            mediaType: 'image/png',
            data: report.chartPng,
          },
        ]
      : [];
    return channel(digestModel(t, defaultLocale, digest), files);
  }
  if (message.kind === REGISTER_FILES_KIND) {
    return composeRegisterFilesMessage(deps, message, defaultLocale);
  }
  const recipient = await repo.findPerson(message.recipient.personId);
  if (message.kind === PARKED_MESSAGES_KIND && recipient?.active) {
    const locale = recipient.locale ?? defaultLocale;
    const model = parkedModel(translator(locale), locale, message.payload);
    return { recipient, locale, model, liveCard: false, attachments: [] };
  }
  const complaint = message.complaintId ? await repo.findComplaint(message.complaintId) : null;
  if (!recipient?.active || !complaint) return null;
  const locale = recipient.locale ?? defaultLocale;
  const t = translator(locale);
  const person = (model: MessageModel) => ({
    recipient,
    locale,
    model,
    liveCard: false as const,
    attachments: [],
  });
  if (message.kind === 'measure_due') {
    const reason = message.payload.reason === 'review' ? 'review' : 'overdue';
    const due = formatLocalDate(locale, str(message.payload.due));
    const measure = (await repo.listMeasures(complaint.id)).find(
      (m) => m.id === str(message.payload.measureId),
    );
    const party = measurePartyLine(locale, measure?.externalParty ?? null);
    const model = bare(
      t('title.measure_due', { reference: complaint.reference }),
      [t(`text.measure_due.${reason}`, { due }), party].filter(Boolean).join('\n\n'),
    );
    model.complaint = {
      id: complaint.id,
      reference: complaint.reference,
      version: complaint.version,
    };
    return person(model);
  }
  if (!(await canView(deps, recipient, complaint))) return null;
  const view = await loadComplaintView(deps, recipient, complaint);
  const card = composeComplaintCard(view, locale);
  const handler = view.people[complaint.handlerId]?.name ?? '';
  const p = message.payload;
  const titled = (key: MessageKey, params: Record<string, string | number>, intro: string) => {
    const title = t(key, { reference: complaint.reference, ...params });
    return { ...card, summary: title, title, intro };
  };
  switch (message.kind) {
    case 'reminder':
      // Progress since the reminder was queued: nothing to remind of any more.
      if (complaint.status !== 'registered' && complaint.status !== 'in_treatment') return null;
      return person(
        titled(
          'title.reminder',
          { days: num(p.idleWorkingDays) },
          t('text.reminder', { number: num(p.number) }),
        ),
      );
    case ACKNOWLEDGEMENT_REMINDER: {
      // Acknowledged (or closed) since the reminder was queued: nothing to remind of any more.
      if (complaint.acknowledgedAt !== null || complaint.acknowledgementDue === null) return null;
      if (complaint.status === 'closed' || complaint.status === 'withdrawn') return null;
      const intro = await acknowledgementIntro(deps, complaint, locale);
      return person({ ...titled('title.acknowledgement_due', {}, intro), actions: [] });
    }
    case 'escalation': {
      // A late acknowledgement sent since the escalation was queued: nothing to escalate.
      if (p.milestone === ACKNOWLEDGEMENT_MILESTONE && complaint.acknowledgedAt !== null) {
        return null;
      }
      const milestone = t(`milestone.${str(p.milestone)}` as MessageKey);
      const intro = t('text.escalation', { due: formatLocalDate(locale, str(p.due)), handler });
      return person({ ...titled('title.escalation', { milestone }, intro), actions: [] });
    }
    case 'reaction_reminder': {
      if (complaint.status !== 'resolved' && complaint.status !== 'rejected') return null;
      const intro = t('text.reaction_reminder', { due: formatLocalDate(locale, str(p.due)) });
      const actions = composeActions(
        locale,
        view.actions.filter((a) => a === 'accept' || a === 'object'),
      );
      return person({ ...titled('title.reaction_reminder', {}, intro), actions });
    }
    default: {
      const model = composeProcedureJobMessage({ message, view, locale, card });
      return model ? person(model) : null;
    }
  }
}

/**
 * The reminder's text: the day of receipt and the due day, and where the acknowledgement
 * stands: a draft waiting in chat, a letter made but not yet recorded as posted, or no draft.
 */
async function acknowledgementIntro(
  deps: AppDeps,
  complaint: Complaint,
  locale: Locale,
): Promise<string> {
  const t = translator(locale);
  const letters = (await deps.store.repository.listCorrespondence(complaint.id)).filter(
    (c) => c.kind === 'acknowledgement' && c.status !== 'cancelled',
  );
  const state = letters.some((c) => c.status === 'sent' && c.channel === 'letter')
    ? 'text.acknowledgement_due.letter_sent'
    : letters.some((c) => c.status === 'draft')
      ? 'text.acknowledgement_due.draft'
      : 'text.acknowledgement_due.no_draft';
  return [
    t('text.acknowledgement_due', {
      received: formatLocalDate(locale, deps.calendar.localDate(complaint.receivedAt)),
      due: formatLocalDate(locale, complaint.acknowledgementDue ?? ''),
    }),
    t(state),
  ].join('\n\n');
}

/** The parked messages listed by id, kind, reason and since when: no content. */
function parkedModel(t: Translate, locale: Locale, payload: ClaimedMessage['payload']) {
  let lines: { id: number; kind: string; reason: string; since: string }[] = [];
  try {
    lines = JSON.parse(str(payload.lines));
  } catch {
    lines = [];
  }
  const since = (iso: string) => formatLocalDate(locale, iso.slice(0, 10));
  const text = lines.map((l) =>
    t('parked.line', { id: l.id, kind: l.kind, reason: l.reason, since: since(l.since) }),
  );
  if (payload.more === true) text.push(t('parked.more'));
  return bare(
    t('title.parked_messages', {
      count: payload.more === true ? `${lines.length}+` : lines.length,
    }),
    t('text.parked_messages'),
    [],
    [{ heading: t('parked.heading'), text: text.join('\n') }],
  );
}

/** `2027-03` as people say it: "maart 2027" / "March 2027". */
export function monthName(locale: Locale, month: string): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return MONTH_NAME[locale].format(new Date(Date.UTC(y, m - 1, 1)));
}
const monthFormat = (tag: string) =>
  new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' });
const MONTH_NAME: Record<Locale, Intl.DateTimeFormat> = {
  nl: monthFormat('nl-NL'),
  en: monthFormat('en-GB'),
};

/**
 * Counts for the quality channel, shown as they are (DESIGN.md §5: masking protects people,
 * not numbers). Complaints about an employee are in none of them (never broken down, not per
 * month either: the yearly digest has their year's total); the intro says so. Tips are counted
 * apart. Category names are the organisation file's labels, never free text.
 */
function monthlyModel(
  t: Translate,
  locale: Locale,
  labels: Record<string, string>,
  s: Record<string, unknown>,
): MessageModel {
  const month = monthName(locale, str(s.month));
  const overdue = (s.overdue ?? {}) as Record<string, unknown>;
  const byCategory = (s.newByCategory ?? []) as { categoryKey: string; count: unknown }[];
  // In the order of the organisation file, as everywhere else.
  const order = Object.keys(labels);
  const position = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  const overdueFacts: Fact[] = [
    ...(['feedback', 'decision', 'resolution', 'reaction'] as const).map((m) => ({
      label: t('monthly.overdue', { milestone: t(`milestone.${m}`) }),
      value: count(overdue[m]),
    })),
    ...(['objection', 'agreed_term'] as const).map((m) => ({
      label: t('monthly.overdue', { milestone: complianceLabel(t, m) }),
      value: count(overdue[m]),
    })),
  ];
  return bare(
    t('title.monthly_overview', { month }),
    translate(locale, 'channel.monthly.intro'),
    [
      { label: t('monthly.new', { month }), value: count(s.newInMonth) },
      { label: t('monthly.tips', { month }), value: count(s.newTipsInMonth) },
      { label: t('monthly.closed', { month }), value: count(s.closedInMonth) },
      { label: t('monthly.open'), value: count(s.open) },
      ...overdueFacts,
    ],
    byCategory.length
      ? [
          {
            heading: t('monthly.by_category'),
            text: [...byCategory]
              .sort((a, b) => position(a.categoryKey) - position(b.categoryKey))
              .map((c) => `${labels[c.categoryKey] ?? c.categoryKey}: ${count(c.count)}`)
              .join('\n'),
          },
        ]
      : [],
  );
}

/** A figure as the chat shows it: the analysis sheet's number, in the reader's notation. */
export function formatFigure(t: Translate, locale: Locale, figure: DigestFigure): string {
  const { value } = figure;
  if (value === null) return t('digest.not_applicable');
  if (typeof value === 'string') return value;
  const n = NUMBER[locale].format(value);
  if (figure.unit === 'percent') return `${n}%`;
  if (figure.unit === 'change' && value > 0) return `+${n}`;
  return n;
}
const numberFormat = (tag: string) =>
  new Intl.NumberFormat(tag, { maximumFractionDigits: 1, useGrouping: false });
const NUMBER: Record<Locale, Intl.NumberFormat> = {
  nl: numberFormat('nl-NL'),
  en: numberFormat('en-GB'),
};

/**
 * The yearly digest in the quality channel: figures only, from the same groups as the
 * register's analysis sheet (the same numbers, one decimal). Per category one line each, by
 * the organisation file's label. Complaints about an employee: one figure, the year's total
 * ("<3" below three); every other figure leaves them out.
 */
function digestModel(
  t: Translate,
  locale: Locale,
  d: Digest & { labels: Record<string, string> },
): MessageModel {
  const label = (key: string) => d.labels?.[key] ?? key;
  const show = (figure: DigestFigure) => formatFigure(t, locale, figure);
  const [totals, ...groups] = digestGroups(t, d, label);
  const facts: Fact[] = (totals?.figures ?? []).map((f) => ({ label: f.label, value: show(f) }));
  // Reports stored before issue 13 have no such total: their figures held those complaints.
  // Added here unless the analysis groups have it already.
  const employeeLabel = translate(locale, 'channel.digest.concerning_employee');
  if (d.totals.concerningEmployee !== undefined && !facts.some((f) => f.label === employeeLabel)) {
    facts.push({ label: employeeLabel, value: count(d.totals.concerningEmployee) });
  }
  const sections: Section[] = groups.map((group) => {
    const heading = group.heading ?? '';
    if (group.key === 'categories') {
      // A category's four figures, read as one line.
      const lines = d.categories.map((c) => {
        const of = group.figures.filter((f) => f.category === c.categoryKey).map(show);
        const [complaints = '', feedback = '', founded = '', change = ''] = of;
        return t('digest.category_line.tips', {
          category: label(c.categoryKey),
          complaints,
          change,
          feedback,
          founded,
        });
      });
      return { heading, text: lines.join('\n') };
    }
    if (group.key === 'rising' && group.figures[0]) {
      return { heading, text: show(group.figures[0]) };
    }
    return { heading, text: group.figures.map((f) => `${f.label}: ${show(f)}`).join('\n') };
  });
  return bare(
    t('title.yearly_digest', { year: d.year }),
    translate(locale, 'channel.digest.intro'),
    facts,
    sections,
  );
}
