import { formatSize } from '../../domain/attachment.js';
import { isTip } from '../../domain/complaint.js';
import type { Locale } from '../../domain/people.js';
import type { ComplaintDetail, TimelineEntry } from '../view-complaint.js';
import {
  formatLocalDate,
  hasKey,
  type MessageKey,
  type Translate,
  translator,
} from './catalogue.js';
import {
  complaintFacts,
  complaintSections,
  complaintTitle,
  composeActions,
  confidentialForReporter,
  isConfidentialReporter,
  milestoneLabel,
} from './compose.js';
import type { Fact, MessageModel, Section } from './model.js';

/** A private download link of an attachment, for the viewer only. */
export interface DownloadLink {
  /** "Download scan.pdf": the file name is user text, so renderers escape the label. */
  label: string;
  url: string;
}

/** A complaint opened by reference: the message model plus its history in words. */
export interface ComplaintDetailModel extends MessageModel {
  timeline: { heading: string; entries: string[] };
  /**
   * The attachments' private links (the list itself is a section): a renderer shows them as
   * links or buttons (Slack mrkdwn `<url|label>`, Teams Action.OpenUrl), with `hint` below.
   */
  downloads?: { links: DownloadLink[]; hint: string | null };
}

/** Download links expire after this many minutes (src/adapters/http/downloads.ts). */
export const DOWNLOAD_LINK_MINUTES = 15;

/** The files on the complaint, one line each: name, size, who added it and when. */
function attachmentSection(detail: ComplaintDetail, t: Translate, locale: Locale): Section[] {
  if (detail.attachments.length === 0) return [];
  const lines = detail.attachments.map((a) =>
    t('attachment.line', {
      file: a.fileName,
      size: formatSize(a.sizeBytes, locale),
      who:
        a.addedBy === 'complainant'
          ? t('attachment.by_complainant')
          : (detail.people[a.addedBy]?.name ?? a.addedBy),
      date: formatLocalDate(locale, a.addedOn),
    }),
  );
  return [
    {
      heading: t('attachment.heading', { count: detail.attachments.length }),
      text: lines.join('\n'),
    },
  ];
}

function downloadLinks(detail: ComplaintDetail, t: Translate): ComplaintDetailModel['downloads'] {
  const links = detail.attachments.flatMap((a) =>
    a.downloadUrl
      ? [{ label: t('attachment.download', { file: a.fileName }), url: a.downloadUrl }]
      : [],
  );
  return {
    links,
    hint: links.length > 0 ? t('attachment.links_valid', { minutes: DOWNLOAD_LINK_MINUTES }) : null,
  };
}

/**
 * Every deadline of the complaint as a date, marked done or passed. A tip has none: each reads
 * "n.v.t." (not applicable), never missed.
 */
function deadlineFacts(detail: ComplaintDetail, t: Translate, locale: Locale): Fact[] {
  const c = detail.complaint;
  const overdue = new Set<string>(detail.overdue.map((d) => d.milestone));
  const decidedOn = c.closedAt !== null || c.withdrawnAt !== null;
  const rows: {
    milestone: 'feedback' | 'decision' | 'resolution' | 'reaction' | 'objection';
    due: string | null;
    done: boolean;
  }[] = [
    { milestone: 'feedback', due: c.feedbackDue, done: c.firstFeedbackAt !== null },
    { milestone: 'decision', due: c.decisionDue, done: c.decidedAt !== null },
    {
      milestone: 'resolution',
      due: c.decision === 'unfounded' ? null : c.resolutionDue,
      done: c.resolvedAt !== null,
    },
    {
      milestone: 'reaction',
      due: c.reactionDue,
      done: c.closedAt !== null || c.objectedAt !== null || c.withdrawnAt !== null,
    },
    { milestone: 'objection', due: c.objectionDue, done: decidedOn },
  ];
  if (isTip(c)) {
    return rows
      .filter((row) => row.milestone !== 'reaction' && row.milestone !== 'objection')
      .map((row) => ({
        label: milestoneLabel(t, row.milestone),
        value: t('deadline.not_applicable'),
      }));
  }
  return rows
    .filter((row) => row.due !== null)
    .map((row) => {
      const date = formatLocalDate(locale, row.due as string);
      const value = row.done
        ? t('deadline.done', { date })
        : overdue.has(row.milestone)
          ? t('deadline.overdue', { date })
          : date;
      return { label: milestoneLabel(t, row.milestone), value };
    });
}

/**
 * The director's private notes on a behaviour complaint (seed 002). The view loads them only
 * for who may read them; they appear here and nowhere else: no card, message or payload.
 */
function privateNoteSections(detail: ComplaintDetail, t: Translate, locale: Locale): Section[] {
  // One audit entry per note, in the same order: its local date is the note's.
  const entries = detail.timeline.filter((entry) => entry.action === 'record_private_note');
  const paired = entries.length === detail.privateNotes.length;
  return detail.privateNotes.map((note, index) => {
    const on = paired ? entries[index]?.on : undefined;
    return {
      heading: t('field.privateNote.entry', {
        date: formatLocalDate(locale, on ?? note.at.toISOString().slice(0, 10)),
      }),
      text: note.note,
    };
  });
}

/** "maandag 2 maart 2026 — Piet Projectleider: gegrond verklaard". */
export function timelineLine(
  detail: Pick<ComplaintDetail, 'people'>,
  entry: TimelineEntry,
  locale: Locale,
): string {
  const t = translator(locale);
  const target = entry.metadata.toHandlerId ?? entry.metadata.mediatorId;
  const key = `timeline.${entry.action}`;
  const event = hasKey(key)
    ? t(key, { name: typeof target === 'string' ? (detail.people[target]?.name ?? target) : '' })
    : t('timeline.other', { action: entry.action });
  return t('timeline.entry', {
    date: formatLocalDate(locale, entry.on),
    actor: entry.actorId
      ? (detail.people[entry.actorId]?.name ?? entry.actorId)
      : t('timeline.system'),
    event,
  });
}

function measureSections(detail: ComplaintDetail, t: Translate): Section[] {
  return detail.measures.map((m) => ({
    heading: t('field.measure', {
      type: t(`type.${m.type}` as MessageKey).toLowerCase(),
      scope: t(`scope.${m.scope}` as MessageKey).toLowerCase(),
    }),
    text: m.description,
  }));
}

/**
 * The whole complaint as the viewer may see it: facts, every deadline as a date, the full
 * texts, the measures, the history and the actions the viewer may take now.
 */
export function composeComplaintDetail(
  detail: ComplaintDetail,
  locale: Locale,
  viewerId: string = detail.viewerId,
): ComplaintDetailModel {
  const t = translator(locale);
  const c = detail.complaint;
  const title = complaintTitle(detail, locale);
  // The deadline rows below list these with their state.
  const shownBelow = new Set([t('field.nextDeadline'), t('field.objectionDue')]);
  const fixDoneOn =
    detail.timeline.filter((entry) => entry.action === 'report_fix_done').at(-1)?.on ?? null;
  const facts = [
    ...complaintFacts(detail, locale, fixDoneOn).filter((f) => !shownBelow.has(f.label)),
    {
      label: t('field.registeredAt'),
      value: formatLocalDate(locale, detail.registeredOn),
    },
    ...deadlineFacts(detail, t, locale),
  ];
  const overdue = detail.overdue.map((d) => milestoneLabel(t, d.milestone)).join(', ');
  const model: ComplaintDetailModel = {
    summary: title,
    title,
    intro: c.concernsEmployee ? t('text.confidential') : null,
    facts,
    sections: [
      ...complaintSections(detail, locale),
      ...measureSections(detail, t),
      ...attachmentSection(detail, t, locale),
      ...privateNoteSections(detail, t, locale),
    ],
    actions: composeActions(locale, detail.actions),
    footer: overdue ? t('text.overdue', { milestones: overdue }) : null,
    complaint: { id: c.id, reference: c.reference, version: c.version },
    timeline: {
      heading: t('field.timeline'),
      entries: detail.timeline.map((entry) => timelineLine(detail, entry, locale)),
    },
    downloads: downloadLinks(detail, t),
  };
  if (!isConfidentialReporter(c, viewerId)) return model;
  // The reporter of a complaint about an employee: that it is handled and when it is closed.
  const steps = detail.timeline.filter((entry) => REPORTER_STEPS.has(entry.action));
  return {
    ...confidentialForReporter(model, c, locale),
    footer: null,
    // The files are content: the reporter of a complaint about an employee hears none.
    downloads: { links: [], hint: null },
    timeline: {
      heading: model.timeline.heading,
      entries: steps.map((entry) => timelineLine(detail, entry, locale)),
    },
  };
}

/** The steps the reporter of a complaint about an employee sees in its history. */
const REPORTER_STEPS: ReadonlySet<string> = new Set([
  'request_info',
  'provide_info',
  'accept',
  'object',
  'record_acceptance',
  'record_objection',
  'withdraw',
  'auto_close',
  'appoint_mediator',
  'refer_to_committee',
]);
