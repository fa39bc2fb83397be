import type { Command } from '../../domain/lifecycle.js';
import type { Locale } from '../../domain/people.js';
import type { ComplaintView } from '../view-complaint.js';
import { formatLocalDate, type MessageKey, type Translate, translator } from './catalogue.js';
import {
  type ActionModel,
  actionId,
  COMMANDS_WITH_FORM,
  type Fact,
  type MessageModel,
  type Section,
} from './model.js';

const PRIMARY: readonly Command[] = [
  'declare_founded',
  'accept',
  'provide_info',
  'record_resolution',
];
const DANGER: readonly Command[] = ['declare_unfounded', 'withdraw'];

export function composeActions(locale: Locale, commands: readonly Command[]): ActionModel[] {
  const t = translator(locale);
  return commands
    .filter((command) => command !== 'auto_close')
    .map((command) => ({
      command,
      id: actionId(command),
      label: t(`action.${command}` as MessageKey),
      style: PRIMARY.includes(command)
        ? 'primary'
        : DANGER.includes(command)
          ? 'danger'
          : 'default',
      opensForm: COMMANDS_WITH_FORM.includes(command),
    }));
}

export function personName(view: ComplaintView, id: string | null): string {
  return id ? (view.people[id]?.name ?? id) : '—';
}

export function categoryLabel(
  view: Pick<ComplaintView, 'complaint' | 'category'>,
  locale: Locale,
): string {
  return view.category?.label[locale] ?? view.complaint.categoryKey;
}

/** The facts of a complaint in one fixed order, for both surfaces. */
export function complaintFacts(view: ComplaintView, locale: Locale): Fact[] {
  const t = translator(locale);
  const c = view.complaint;
  const facts: Fact[] = [
    { label: t('field.status'), value: t(`status.${c.status}` as MessageKey) },
    { label: t('field.kind'), value: t(`kind.${c.kind}` as MessageKey) },
    { label: t('field.category'), value: categoryLabel(view, locale) },
    { label: t('field.reporter'), value: personName(view, c.reporterId) },
    { label: t('field.handler'), value: personName(view, c.handlerId) },
    {
      label: t('field.complainant'),
      value: [
        t(`complainant.${c.complainant.type}` as MessageKey),
        c.complainant.name,
        c.complainant.contact,
      ]
        .filter(Boolean)
        .join(' · '),
    },
    { label: t('field.intakeChannel'), value: t(`channel.${c.intakeChannel}` as MessageKey) },
  ];
  if (c.occurredOn)
    facts.push({ label: t('field.occurredOn'), value: formatLocalDate(locale, c.occurredOn) });
  if (c.relatedTo) facts.push({ label: t('field.relatedTo'), value: c.relatedTo });
  if (c.concernsEmployee)
    facts.push({ label: t('field.concernsEmployee'), value: personName(view, c.subjectPersonId) });
  if (c.mediatorId)
    facts.push({ label: t('field.mediator'), value: personName(view, c.mediatorId) });
  // The message a complaint was reported from (Slack permalink, Teams link to the message).
  if (c.sourceLink) facts.push({ label: t('field.sourceLink'), value: c.sourceLink });
  if (view.nextDeadline) {
    facts.push({
      label: t('field.nextDeadline'),
      value: `${t(`milestone.${view.nextDeadline.milestone}` as MessageKey)}: ${formatLocalDate(locale, view.nextDeadline.due)}`,
    });
  }
  return facts;
}

/** The free texts of a complaint as sections, in the order of the procedure. */
export function complaintSections(view: ComplaintView, locale: Locale): Section[] {
  const t = translator(locale);
  const c = view.complaint;
  const sections: Section[] = [{ heading: t('field.description'), text: c.description }];
  const add = (key: MessageKey, text: string | null) => {
    if (text) sections.push({ heading: t(key), text });
  };
  add('field.desiredOutcome', c.desiredOutcome);
  for (const request of view.infoRequests) {
    add('field.question', request.question);
    add('field.answer', request.answer);
  }
  add('field.motivation', c.motivation);
  add('field.resolution', c.resolution);
  if (c.cause)
    sections.push({ heading: t('field.cause'), text: t(`cause.${c.cause}` as MessageKey) });
  add('field.correctiveMeasure', c.correctiveMeasure);
  add('field.preventiveMeasure', c.preventiveMeasure);
  add('field.reason', c.objectionReason);
  add('field.outcome', c.finalOutcome);
  return sections;
}

function ref(view: ComplaintView) {
  const c = view.complaint;
  return { id: c.id, reference: c.reference, version: c.version };
}

/** "Klacht KL-2026-0042 · Dienstverlening": the heading of a complaint's card and view. */
export function complaintTitle(
  view: Pick<ComplaintView, 'complaint' | 'category'>,
  locale: Locale,
) {
  const t = translator(locale);
  const c = view.complaint;
  return t('title.handler_card', {
    kind: t(`kind.${c.kind}` as MessageKey),
    reference: c.reference,
    category: categoryLabel(view, locale),
  });
}

/** The live card of a complaint for someone who handles or oversees it. */
export function composeComplaintCard(view: ComplaintView, locale: Locale): MessageModel {
  const t = translator(locale);
  const c = view.complaint;
  const title = complaintTitle(view, locale);
  const overdue = view.overdue.map((d) => t(`milestone.${d.milestone}` as MessageKey)).join(', ');
  return {
    summary: title,
    title,
    intro: c.concernsEmployee ? t('text.confidential') : null,
    facts: complaintFacts(view, locale),
    sections: complaintSections(view, locale),
    actions: composeActions(locale, view.actions),
    footer: overdue ? t('text.overdue', { milestones: overdue }) : null,
    complaint: ref(view),
  };
}

/** The receipt with the concrete date of every deadline (DESIGN.md §4). */
export function composeAcknowledgement(view: ComplaintView, locale: Locale): MessageModel {
  const t = translator(locale);
  const c = view.complaint;
  const title = t('title.acknowledgement', { reference: c.reference });
  const deadline = (key: MessageKey, due: string) => ({
    label: t(key),
    value: formatLocalDate(locale, due),
  });
  return {
    summary: title,
    title,
    intro: t('text.acknowledgement', {
      kind: t(`kind.${c.kind}` as MessageKey).toLowerCase(),
      handler: personName(view, c.handlerId),
    }),
    facts: [
      deadline('milestone.feedback', c.feedbackDue),
      deadline('milestone.decision', c.decisionDue),
      deadline('milestone.resolution', c.resolutionDue),
    ],
    sections: [{ heading: t('field.description'), text: c.description }],
    actions: composeActions(
      locale,
      view.actions.filter((a) => a === 'withdraw'),
    ),
    footer: null,
    complaint: ref(view),
  };
}

/** Reference and category only: this goes to a channel (DESIGN.md §5). */
export function composeQualityNotice(
  reference: string,
  categoryLabelText: string,
  locale: Locale,
): MessageModel {
  const t = translator(locale);
  const title = t('title.quality_notice', { reference });
  return {
    summary: title,
    title,
    intro: t('text.quality_notice', { category: categoryLabelText }),
    facts: [],
    sections: [],
    actions: [],
    footer: null,
    complaint: null,
  };
}

export type { Translate };
