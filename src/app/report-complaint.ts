import { z } from 'zod';
import { optionalText, requiredText } from '../domain/commands.js';
import {
  COMPLAINANT_TYPES,
  type Complaint,
  FORMALITIES,
  INTAKE_CHANNELS,
  KINDS,
  TEXT_LIMITS,
  UNSET_PROCEDURE_FIELDS,
} from '../domain/complaint.js';
import { computeDeadlines } from '../domain/deadlines.js';
import { DomainError } from '../domain/errors.js';
import type { Locale, Person } from '../domain/people.js';
import { DEFAULT_PROCEDURE } from '../domain/procedure.js';
import { isPendingReference, pendingReference } from '../domain/reference.js';
import { routeComplaint } from '../domain/routing.js';
import { parseOrThrow } from '../domain/validation.js';
import type { AppDeps } from './deps.js';
import { translate } from './messages/catalogue.js';
import { notificationsForReport } from './notifications.js';
import { isStoreUnavailable, isUniqueViolation, withDatabaseErrors } from './store-errors.js';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

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
    intakeChannel: z.enum(INTAKE_CHANNELS).default('chat'),
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
  if (input.occurredOn !== null && input.occurredOn > today) {
    throw new DomainError(
      'input.invalid',
      'occurredOn lies in the future',
      {},
      {
        occurredOn: 'in_future',
      },
    );
  }
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
        const deadlines = computeDeadlines(deps.calendar, deps.deadlines, now);
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
              email: null,
              phone: null,
              address: null,
              preferredContact: null,
              locale: null,
            },
            intakeChannel: input.intakeChannel,
            receivedAt: now,
            acknowledgedAt: null,
            acknowledgementDue: null,
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
            },
            at: now,
          }),
          repo.enqueue(notificationsForReport(complaint), now),
        ]);
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
