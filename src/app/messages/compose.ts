import type { LocalDate } from '../../domain/calendar.js';
import { type ExternalParty, isTip } from '../../domain/complaint.js';
import type { Command } from '../../domain/lifecycle.js';
import type { Locale } from '../../domain/people.js';
import type { ComplaintView } from '../view-complaint.js';
import {
  formatLocalDate,
  hasKey,
  type MessageKey,
  type Translate,
  translator,
} from './catalogue.js';
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

/** A milestone's name; one a newer deadline module knows before the catalogue does, plainly. */
export function milestoneLabel(t: Translate, milestone: string): string {
  const key = `milestone.${milestone}`;
  if (hasKey(key)) return t(key);
  return milestone === 'objection' ? t('field.objectionDue') : milestone;
}

const yesNo = (t: Translate, value: boolean) => t(value ? 'yesno.true' : 'yesno.false');

/** "Bouwbedrijf De Vries · Jan de Vries · 06-12345678": an outside party in one line. */
export function partyLine(party: ExternalParty): string {
  return [party.organisation, party.name, party.contact].filter(Boolean).join(' · ');
}

/**
 * The facts of a complaint in one fixed order, for both surfaces. `fixDoneOn`: the local date
 * the agreed fix was reported done, when the caller knows it (the detail's timeline); the
 * card then says only that it was.
 */
export function complaintFacts(
  view: ComplaintView,
  locale: Locale,
  fixDoneOn: LocalDate | null = null,
): Fact[] {
  const t = translator(locale);
  const c = view.complaint;
  const date = (value: string) => formatLocalDate(locale, value);
  const facts: Fact[] = [
    { label: t('field.status'), value: t(`status.${c.status}` as MessageKey) },
    { label: t('field.kind'), value: t(`kind.${c.kind}` as MessageKey) },
    { label: t('field.formality'), value: t(`formality.${c.formality}` as MessageKey) },
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
  const add = (key: MessageKey, value: string | null | undefined) => {
    if (value) facts.push({ label: t(key), value });
  };
  add('field.occurredOn', c.occurredOn && date(c.occurredOn));
  add('field.relatedTo', c.relatedTo);
  if (c.concernsEmployee) add('field.concernsEmployee', personName(view, c.subjectPersonId));
  if (c.mediatorId) add('field.mediator', personName(view, c.mediatorId));
  // The message a complaint was reported from (Slack permalink, Teams link to the message).
  add('field.sourceLink', c.sourceLink);
  add('field.admissibility', c.admissibility && t(`admissibility.${c.admissibility}`));
  add('field.causeCategory', c.causeCategory && t(`causeCategory.${c.causeCategory}`));
  add('field.termOn', c.agreedTermOn && date(c.agreedTermOn));
  if (c.complainantAgreed !== null) add('field.complainantAgreed', yesNo(t, c.complainantAgreed));
  add('field.party', c.remediationParty && partyLine(c.remediationParty));
  if (c.fixDoneAt) add('field.fixDone', fixDoneOn ? date(fixDoneOn) : yesNo(t, true));
  add('field.originalResolutionDue', c.originalResolutionDue && date(c.originalResolutionDue));
  if (c.originalResolutionDue) add('field.extendedResolutionDue', date(c.resolutionDue));
  add('field.objectionDue', c.objectionDue && date(c.objectionDue));
  if (c.referredToCommittee) add('field.referredToCommittee', yesNo(t, true));
  add('field.verdict', c.committeeVerdict && t(`verdict.${c.committeeVerdict}`));
  add('field.verdictOn', c.committeeVerdictOn && date(c.committeeVerdictOn));
  if (c.committeeBinding !== null) add('field.binding', yesNo(t, c.committeeBinding));
  add('field.closeReason', c.closeReason && t(`closeReason.${c.closeReason}`));
  if (view.nextDeadline) {
    facts.push({
      label: t('field.nextDeadline'),
      value: `${milestoneLabel(t, view.nextDeadline.milestone)}: ${date(view.nextDeadline.due)}`,
    });
  }
  return facts;
}

/**
 * The free texts of a complaint as sections, in the order of the procedure. Never the
 * director's private notes: those are in the director's detail view only (detail.ts).
 */
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
  add('field.admissibilityMotivation', c.admissibilityMotivation);
  add('field.motivation', c.motivation);
  add('field.extensionReason', c.extensionReason);
  add('field.solution', c.agreedSolution);
  add('field.resolution', c.resolution);
  if (c.cause)
    sections.push({ heading: t('field.cause'), text: t(`cause.${c.cause}` as MessageKey) });
  add('field.rootCause', c.rootCause);
  add('field.correctiveMeasure', c.correctiveMeasure);
  add('field.preventiveMeasure', c.preventiveMeasure);
  add('field.reason', c.objectionReason);
  add('field.outcome', c.finalOutcome);
  add('field.followUp', c.committeeFollowUp);
  return sections;
}

/**
 * What the reporter of a complaint about an employee's behaviour may read (seed 002): that it
 * is handled and when it is closed, their own texts and the questions put to them. No status
 * that tells the decision, no motivation, resolution, measures, verdict or any other outcome.
 */
export function confidentialForReporter(
  model: MessageModel,
  complaint: Pick<ComplaintView['complaint'], 'status'>,
  locale: Locale,
): MessageModel {
  const t = translator(locale);
  const labels = new Set(
    (
      [
        'field.kind',
        'field.category',
        'field.reporter',
        'field.handler',
        'field.complainant',
        'field.intakeChannel',
        'field.occurredOn',
        'field.relatedTo',
        'field.concernsEmployee',
        'field.mediator',
        'field.sourceLink',
        'field.registeredAt',
        'field.nextDeadline',
        'milestone.feedback',
        'milestone.decision',
        'milestone.resolution',
        'milestone.reaction',
        'field.originalResolutionDue',
        'field.extendedResolutionDue',
      ] as const
    ).map((key) => t(key)),
  );
  const headings = new Set(
    (
      [
        'field.description',
        'field.desiredOutcome',
        'field.question',
        'field.answer',
        'field.reason',
      ] as const
    ).map((key) => t(key)),
  );
  const status = t(
    complaint.status === 'withdrawn'
      ? 'status.withdrawn'
      : complaint.status === 'closed'
        ? 'status.confidential.closed'
        : 'status.confidential.open',
  );
  const facts = model.facts.some((f) => f.label === t('field.status'))
    ? [{ label: t('field.status'), value: status }]
    : [];
  return {
    ...model,
    facts: [...facts, ...model.facts.filter((f) => labels.has(f.label))],
    sections: model.sections.filter((s) => headings.has(s.heading)),
  };
}

/** Is this person the reporter of a complaint about an employee (who hears no content)? */
export function isConfidentialReporter(
  complaint: Pick<ComplaintView['complaint'], 'concernsEmployee' | 'reporterId'>,
  personId: string | null | undefined,
): boolean {
  return complaint.concernsEmployee && personId === complaint.reporterId;
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
  const overdue = view.overdue.map((d) => milestoneLabel(t, d.milestone)).join(', ');
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

/**
 * The receipt with the concrete date of every deadline (DESIGN.md §4). A tip is thanked and
 * said to go to the category's owner, with no deadlines: none apply to it.
 */
export function composeAcknowledgement(view: ComplaintView, locale: Locale): MessageModel {
  const t = translator(locale);
  const c = view.complaint;
  const tip = isTip(c);
  const title = t(tip ? 'title.acknowledgement.tip' : 'title.acknowledgement', {
    reference: c.reference,
  });
  const deadline = (key: MessageKey, due: string) => ({
    label: t(key),
    value: formatLocalDate(locale, due),
  });
  const params = {
    kind: t(`kind.${c.kind}` as MessageKey).toLowerCase(),
    handler: personName(view, c.handlerId),
    category: categoryLabel(view, locale),
  };
  return {
    summary: title,
    title,
    intro: t(tip ? 'text.acknowledgement.tip' : 'text.acknowledgement', params),
    facts: tip
      ? [{ label: t('field.category'), value: params.category }]
      : [
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
