import { z } from 'zod';
import {
  acknowledgementAtIntake,
  DEFAULT_RECEIPT_TIME,
  instantAt,
  isTimeOfDay,
  receiptProblem,
} from '../domain/acknowledgement.js';
import { type LocalDate, parseLocalDate } from '../domain/calendar.js';
import { optionalText, requiredText } from '../domain/commands.js';
import {
  COMPLAINANT_LOCALES,
  COMPLAINANT_TYPES,
  CONTACT_PREFERENCES,
  type Complaint,
  FORMALITIES,
  INTAKE_CHANNELS,
  KINDS,
  TEXT_LIMITS,
  UNSET_PROCEDURE_FIELDS,
} from '../domain/complaint.js';
import { computeDeadlines } from '../domain/deadlines.js';
import { DomainError, type FieldProblem } from '../domain/errors.js';
import type { Locale, Person } from '../domain/people.js';
import { DEFAULT_PROCEDURE } from '../domain/procedure.js';
import { isPendingReference, pendingReference } from '../domain/reference.js';
import { routeComplaint } from '../domain/routing.js';
import { parseOrThrow } from '../domain/validation.js';
import { DEFAULT_ACKNOWLEDGEMENT } from './complainant-settings.js';
import { correspondenceOnReport } from './correspondence.js';
import type { AppDeps } from './deps.js';
import { translate } from './messages/catalogue.js';
import { notificationsForReport } from './notifications.js';
import { isStoreUnavailable, isUniqueViolation, withDatabaseErrors } from './store-errors.js';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A real calendar day (`2026-02-30` is refused as invalid, not thrown). */
const calendarDay = localDate.refine(isCalendarDay, { params: { problem: 'invalid' } });

function isCalendarDay(text: string): boolean {
  try {
    parseLocalDate(text);
    return true;
  } catch {
    return false;
  }
}

const emailAddress = z.email();
/** Digits, spaces and the usual punctuation, with at least six digits. */
const PHONE = /^\+?[0-9 ()./-]+$/;
const isPhone = (text: string) => PHONE.test(text) && (text.match(/\d/g)?.length ?? 0) >= 6;

const nullable = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((value) => value ?? null);

/** Which contact detail each way of contact needs. */
const CONTACT_FIELD = {
  email: 'complainantEmail',
  phone: 'complainantPhone',
  letter: 'complainantAddress',
} as const;

export const reportInputSchema = z
  .object({
    reporterId: z.string().min(1),
    kind: z.enum(KINDS).default('complaint'),
    formality: z.enum(FORMALITIES).default('informal'),
    categoryKey: z.string().min(1),
    description: requiredText(TEXT_LIMITS.description),
    desiredOutcome: optionalText(TEXT_LIMITS.desiredOutcome),
    complainantType: z.enum(COMPLAINANT_TYPES).default('client'),
    complainantName: optionalText(TEXT_LIMITS.shortText),
    complainantContact: optionalText(TEXT_LIMITS.shortText),
    complainantEmail: optionalText(TEXT_LIMITS.shortText).refine(
      (v) => v === null || emailAddress.safeParse(v).success,
      { params: { problem: 'invalid' } },
    ),
    complainantPhone: optionalText(TEXT_LIMITS.shortText).refine((v) => v === null || isPhone(v), {
      params: { problem: 'invalid' },
    }),
    /** Postal address, lines separated by newlines. */
    complainantAddress: optionalText(TEXT_LIMITS.shortText),
    preferredContact: nullable(z.enum(CONTACT_PREFERENCES)),
    /** The language letters and e-mails to the complainant are written in; null: Dutch. */
    complainantLocale: nullable(z.enum(COMPLAINANT_LOCALES)),
    intakeChannel: z.enum(INTAKE_CHANNELS).default('chat'),
    /** The local day the complaint reached the organisation; null: now (typed in chat). */
    receivedOn: nullable(calendarDay),
    /** `HH:MM` local time of receipt; null: 09:00 (or now, when that is still to come). */
    receivedTime: nullable(z.string().refine(isTimeOfDay, { params: { problem: 'invalid' } })),
    occurredOn: localDate.nullish().transform((v) => v ?? null),
    relatedTo: optionalText(TEXT_LIMITS.shortText),
    sourceLink: z
      .string()
      .url()
      .max(2000)
      .nullish()
      .transform((v) => v ?? null),
    concernsEmployee: z.boolean().default(false),
    subjectPersonId: z
      .string()
      .min(1)
      .nullish()
      .transform((v) => v ?? null),
    /** Platform request id (e.g. Slack view id): a resubmit returns the same complaint. */
    intakeKey: z
      .string()
      .min(1)
      .max(200)
      .nullish()
      .transform((v) => v ?? null),
  })
  .refine((input) => !input.concernsEmployee || input.subjectPersonId !== null, {
    path: ['subjectPersonId'],
    message: 'a complaint about an employee names that employee',
    params: { problem: 'required' },
  })
  .superRefine((input, ctx) => {
    const required = (field: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [field], message, params: { problem: 'required' } });
    if (input.receivedTime !== null && input.receivedOn === null) {
      required('receivedOn', 'a time of receipt needs its day');
    }
    if (input.preferredContact !== null) {
      const field = CONTACT_FIELD[input.preferredContact];
      if (input[field] === null) required(field, `contact by ${input.preferredContact} needs it`);
    }
  });
export type ReportInput = z.input<typeof reportInputSchema>;

export interface ReportResult {
  complaint: Complaint;
  duplicate: boolean;
}

/**
 * Registers a complaint: routing, deadlines, audit and outbox in one transaction, then the
 * gapless reference in one statement of its own right after the commit.
 *
 * Why not inside the transaction: gapless numbering serialises registrations on the counter
 * row, and a lock held inside a transaction is held until the service's COMMIT arrives — under
 * load that is milliseconds of event-loop queueing per complaint, and registrations queued
 * behind it (the bench measured ~130 a second). A single statement holds the lock only while
 * PostgreSQL runs it. The complaint commits first with a placeholder; the number follows before
 * anyone is told. If the service dies in between, the start-up repair numbers it, and the
 * outbox holds its messages back until it has a number; nobody saw a confirmation without one.
 */
export async function reportComplaint(deps: AppDeps, raw: ReportInput): Promise<ReportResult> {
  const input = parseOrThrow(reportInputSchema, raw);
  const now = deps.clock.now();
  const today = deps.calendar.localDate(now);
  const receipt = receiptOf(deps, input, now);
  // Every date problem at once, each at its field; nothing is written.
  const dateProblems: Record<string, FieldProblem> = { ...receipt.problems };
  if (input.occurredOn !== null && input.occurredOn > today) dateProblems.occurredOn = 'in_future';
  if (Object.keys(dateProblems).length > 0) {
    throw new DomainError(
      'input.invalid',
      `Refused dates: ${Object.keys(dateProblems).join(', ')}`,
      {},
      dateProblems,
    );
  }
  const receivedAt = receipt.at;
  const registered = await withDatabaseErrors(async () => {
    try {
      return await deps.store.transaction(async (repo) => {
        // Independent reads go out together: the driver pipelines them in one round trip.
        const [existing, category, people] = await Promise.all([
          input.intakeKey ? repo.findComplaintByIntakeKey(input.intakeKey) : null,
          repo.findCategory(input.categoryKey),
          repo.listPeople(),
        ]);
        if (existing) return { complaint: existing, duplicate: true };
        if (!category?.active) {
          throw new DomainError(
            'category.not_found',
            'Unknown category',
            {},
            {
              categoryKey: 'unknown',
            },
          );
        }
        const reporter = findActive(people, input.reporterId, 'reporterId');
        if (input.subjectPersonId !== null) {
          const subject = findActive(people, input.subjectPersonId, 'subjectPersonId');
          if (subject.id === reporter.id) {
            throw new DomainError(
              'input.invalid',
              'Reporter reports about themselves',
              {},
              {
                subjectPersonId: 'invalid',
              },
            );
          }
        }
        const handlerId = routeComplaint(
          {
            categoryHandlerId: category.handlerId,
            concernsEmployee: input.concernsEmployee,
            subjectPersonId: input.subjectPersonId,
            reporterId: reporter.id,
            formal: input.formality === 'formal',
            formalToDirector: (deps.procedure ?? DEFAULT_PROCEDURE).formalToDirector,
          },
          people,
        );
        // Deadlines run from receipt; the acknowledgement follows the intake channel.
        const deadlines = computeDeadlines(deps.calendar, deps.deadlines, receivedAt);
        const acknowledgement = acknowledgementAtIntake(
          deps.calendar,
          deps.complainant?.acknowledgement ?? DEFAULT_ACKNOWLEDGEMENT,
          input.intakeChannel,
          receivedAt,
          now,
        );
        const complaint = await repo.insertComplaint(
          {
            kind: input.kind,
            formality: input.formality,
            categoryKey: category.key,
            description: input.description,
            desiredOutcome: input.desiredOutcome,
            complainant: {
              type: input.complainantType,
              name: input.complainantName,
              contact: input.complainantContact,
              email: input.complainantEmail,
              phone: input.complainantPhone,
              address: input.complainantAddress,
              preferredContact: input.preferredContact,
              locale: input.complainantLocale,
            },
            intakeChannel: input.intakeChannel,
            receivedAt,
            ...acknowledgement,
            occurredOn: input.occurredOn,
            relatedTo: input.relatedTo,
            sourceLink: input.sourceLink,
            concernsEmployee: input.concernsEmployee,
            subjectPersonId: input.subjectPersonId,
            reporterId: reporter.id,
            handlerId,
            mediatorId: null,
            referredToCommittee: false,
            status: 'registered',
            version: 1,
            ...deadlines,
            reactionDue: null,
            decision: null,
            motivation: null,
            resolution: null,
            cause: null,
            correctiveMeasure: null,
            preventiveMeasure: null,
            objectionReason: null,
            finalOutcome: null,
            closeReason: null,
            ...UNSET_PROCEDURE_FIELDS,
            registeredAt: now,
            firstFeedbackAt: null,
            decidedAt: null,
            resolvedAt: null,
            objectedAt: null,
            closedAt: null,
            withdrawnAt: null,
            lastProgressAt: now,
            anonymisedAt: null,
            intakeKey: input.intakeKey,
          },
          // The number is drawn right after the commit (see above).
          pendingReference(Number(today.slice(0, 4)), globalThis.crypto.randomUUID()),
        );
        await Promise.all([
          repo.appendAudit({
            complaintId: complaint.id,
            actorId: reporter.id,
            action: 'report',
            outcome: 'done',
            fromStatus: null,
            toStatus: 'registered',
            metadata: {
              kind: complaint.kind,
              formality: complaint.formality,
              categoryKey: complaint.categoryKey,
              concernsEmployee: complaint.concernsEmployee,
              handlerId,
              intakeChannel: complaint.intakeChannel,
              receivedAt: receivedAt.toISOString(),
            },
            at: now,
          }),
          repo.enqueue(notificationsForReport(complaint), now),
        ]);
        // Issue 11: the acknowledgement to the complainant, drafted for the one who registered.
        await correspondenceOnReport(repo, deps, complaint, reporter.id, now);
        return { complaint, duplicate: false };
      });
    } catch (error) {
      // Two identical submissions raced: the loser's whole transaction (and its reference
      // number) rolled back; answer with the winner's complaint.
      if (input.intakeKey && isUniqueViolation(error)) {
        const existing = await deps.store.repository.findComplaintByIntakeKey(input.intakeKey);
        if (existing) return { complaint: existing, duplicate: true };
      }
      throw error;
    }
  });
  const { complaint } = registered;
  if (!isPendingReference(complaint.reference)) return registered;
  try {
    const reference = await deps.store.repository.assignReference(complaint.id);
    return { ...registered, complaint: { ...complaint, reference } };
  } catch (error) {
    // The complaint is committed: the user must hear that it is saved. The start-up repair
    // numbers it within half a minute, and the acknowledgement with the number follows then.
    if (isStoreUnavailable(error)) return registered;
    throw error;
  }
}

/**
 * The moment the complaint reached the organisation: the day and time on the form, in the
 * organisation's time zone, or now. Never after registration and not more than a year before
 * it; a day without a time is taken at 09:00, or now when 09:00 is still to come today.
 */
function receiptOf(
  deps: AppDeps,
  input: { receivedOn: LocalDate | null; receivedTime: string | null },
  now: Date,
): { at: Date; problems: Record<string, FieldProblem> } {
  if (input.receivedOn === null) return { at: now, problems: {} };
  const at = instantAt(deps.calendar, input.receivedOn, input.receivedTime ?? DEFAULT_RECEIPT_TIME);
  const problem = receiptProblem(deps.calendar, input.receivedOn, at, now);
  switch (problem) {
    case null:
      return { at, problems: {} };
    case 'time_in_future':
      // Only the day given, and 09:00 is still to come: it came in this morning.
      if (input.receivedTime === null) return { at: now, problems: {} };
      return { at, problems: { receivedTime: 'in_future' } };
    case 'date_in_future':
      return { at, problems: { receivedOn: 'in_future' } };
    case 'too_old':
      return { at, problems: { receivedOn: 'in_past' } };
  }
}

function findActive(people: readonly Person[], id: string, field: string): Person {
  const person = people.find((p) => p.id === id && p.active);
  if (!person) {
    throw new DomainError(
      'person.not_found',
      'Unknown person',
      { personId: id },
      {
        [field]: 'unknown',
      },
    );
  }
  return person;
}

/** What the reporter is told on success; the number may still be pending (see above). */
export function reportedNotice(locale: Locale, reference: string): string {
  if (!isPendingReference(reference)) return translate(locale, 'done.reported', { reference });
  return translate(locale, 'done.reported_pending');
}
