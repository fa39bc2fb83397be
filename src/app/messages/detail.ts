import type { Locale } from '../../domain/people.js';
import type { ComplaintDetail, TimelineEntry } from '../view-complaint.js';
import {
  formatLocalDate,
  hasKey,
  type MessageKey,
  type Translate,
  translator,
} from './catalogue.js';
import { complaintFacts, complaintSections, complaintTitle, composeActions } from './compose.js';
import type { Fact, MessageModel, Section } from './model.js';

/** A complaint opened by reference: the message model plus its history in words. */
export interface ComplaintDetailModel extends MessageModel {
  timeline: { heading: string; entries: string[] };
}

/** Every deadline of the complaint as a date, marked done or passed. */
function deadlineFacts(detail: ComplaintDetail, t: Translate, locale: Locale): Fact[] {
  const c = detail.complaint;
  const overdue = new Set(detail.overdue.map((d) => d.milestone));
  const rows: {
    milestone: 'feedback' | 'decision' | 'resolution' | 'reaction';
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
  ];
  return rows
    .filter((row) => row.due !== null)
    .map((row) => {
      const date = formatLocalDate(locale, row.due as string);
      const value = row.done
        ? t('deadline.done', { date })
        : overdue.has(row.milestone)
          ? t('deadline.overdue', { date })
          : date;
      return { label: t(`milestone.${row.milestone}` as MessageKey), value };
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
): ComplaintDetailModel {
  const t = translator(locale);
  const c = detail.complaint;
  const title = complaintTitle(detail, locale);
  const nextLabel = t('field.nextDeadline');
  const facts = [
    ...complaintFacts(detail, locale).filter((f) => f.label !== nextLabel),
    {
      label: t('field.registeredAt'),
      value: formatLocalDate(locale, detail.registeredOn),
    },
    ...deadlineFacts(detail, t, locale),
  ];
  const overdue = detail.overdue.map((d) => t(`milestone.${d.milestone}` as MessageKey)).join(', ');
  return {
    summary: title,
    title,
    intro: c.concernsEmployee ? t('text.confidential') : null,
    facts,
    sections: [...complaintSections(detail, locale), ...measureSections(detail, t)],
    actions: composeActions(locale, detail.actions),
    footer: overdue ? t('text.overdue', { milestones: overdue }) : null,
    complaint: { id: c.id, reference: c.reference, version: c.version },
    timeline: {
      heading: t('field.timeline'),
      entries: detail.timeline.map((entry) => timelineLine(detail, entry, locale)),
    },
  };
}
