import type { Locale } from '../../domain/people.js';
import { en, nl } from '../messages/texts/retention.js';
import type { MessageRef } from '../ports.js';
import type { JobDeps, JobSummary, MessageRetractor } from './ports.js';
import { emptyCount, forEachItem } from './send-once.js';

/** The instant `years` calendar years before `now`: closed before it means past retention. */
export function retentionCutoff(now: Date, years: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

/** How long incoming request and event keys are kept for deduplication. */
export const REQUEST_KEY_DAYS = 7;

/**
 * How long a delivered outbox message keeps its payload (the event's facts: ids, dates, who
 * acted). Long enough to look into a delivery problem; after it only the row's kind,
 * recipient and dates remain (the digest reads the acknowledgement's delivery date).
 */
export const DELIVERED_PAYLOAD_DAYS = 30;

/** The most bot messages one run retracts; the rest follow the next night. */
export const RETRACT_BATCH = 500;

const DAY_MS = 86_400_000;

/**
 * The nightly retention job (DESIGN §7, issue 13), over every place personal data lives:
 * - complaints closed longer than `retentionYears` ago lose their personal data (texts, names,
 *   contacts: e-mail, phone and postal address too), with the texts of their information
 *   requests, measures and the director's private notes, their files (attachments, content
 *   and names), the subject and text of their letters and e-mails to the complainant, and the
 *   complainant's personal links; counts, categories, dates and outcomes stay for the
 *   statistics, each letter's kind, channel and dates for the register. One
 *   transaction and one audit event per complaint; a complaint under objection is never
 *   touched;
 * - the messages the bot posted about an anonymised complaint (receipts, live cards, …) are
 *   replaced by a notice without content, on Slack and Teams; one that fails stays recorded
 *   and is tried again the next night;
 * - stored register files (XLSX, CSV) that may hold such content are purged, the report's
 *   counts kept;
 * - request keys older than REQUEST_KEY_DAYS are forgotten, delivered outbox payloads older
 *   than DELIVERED_PAYLOAD_DAYS emptied.
 * Idempotent: a second run finds nothing left to do and writes no audit event.
 */
export async function applyRetention(deps: JobDeps): Promise<JobSummary> {
  const now = deps.clock.now();
  const cutoff = retentionCutoff(now, deps.retentionYears);
  const ids = await deps.jobs.retentionCandidates(cutoff);
  const count = await forEachItem(
    deps,
    ids,
    (id) => ({ complaintId: id }),
    emptyCount(),
    (id) =>
      deps.jobs.transaction(async (tx) => {
        const before = await tx.repo.findComplaint(id);
        if (!before || !(await tx.anonymise(id, cutoff, now))) return false;
        await tx.repo.appendAudit({
          complaintId: id,
          actorId: null,
          action: 'anonymise',
          outcome: 'done',
          fromStatus: before.status,
          toStatus: before.status,
          metadata: { retentionYears: deps.retentionYears },
          at: now,
        });
        return true;
      }),
  );
  const messages = await retractMessages(deps);
  const registerFiles = await deps.jobs.purgeRegisterFiles(cutoff);
  // Slack retries for minutes and Teams re-sends within 15 s: a week of keys is plenty.
  const forgotten = await deps.jobs.forgetProcessedRequests(
    new Date(now.getTime() - REQUEST_KEY_DAYS * DAY_MS),
  );
  const payloads = await deps.jobs.blankDeliveredPayloads(
    new Date(now.getTime() - DELIVERED_PAYLOAD_DAYS * DAY_MS),
  );
  const purged = {
    retractedMessages: messages.retracted,
    goneMessages: messages.gone,
    purgedRegisterFiles: registerFiles,
    forgottenRequestKeys: forgotten,
    blankedOutboxPayloads: payloads,
  };
  if (Object.values(purged).some((n) => n > 0)) {
    // The stores without a complaint of their own: one event for the run, counts only.
    await deps.store.repository.appendAudit({
      complaintId: null,
      actorId: null,
      action: 'retention.purge',
      outcome: 'done',
      fromStatus: null,
      toStatus: null,
      metadata: { ...purged },
      at: now,
    });
  }
  return {
    cutoff: cutoff.toISOString(),
    anonymised: count.sent,
    failed: count.failed + messages.failed,
    ...purged,
    unretractedMessages: messages.failed + messages.noSurface,
  };
}

interface RetractCount {
  retracted: number;
  gone: number;
  failed: number;
  /** Recorded on a surface this process has no retractor for (it stays recorded). */
  noSurface: number;
}

/**
 * Replaces every recorded bot message about an anonymised complaint with the retention
 * notice, in the recipient's language. A retracted (or vanished) message is forgotten; one
 * that fails stays recorded for the next run, and the rest of the batch goes on.
 */
async function retractMessages(deps: JobDeps): Promise<RetractCount> {
  const count: RetractCount = { retracted: 0, gone: 0, failed: 0, noSurface: 0 };
  const retractors = new Map<string, MessageRetractor>(
    (deps.retractors ?? []).map((r) => [r.surface, r]),
  );
  if (retractors.size === 0) return count;
  const refs = await deps.jobs.retractableMessages(RETRACT_BATCH);
  const locales = new Map<string, Locale>();
  for (const ref of refs) {
    const retractor = retractors.get(ref.surface);
    if (!retractor) {
      count.noSurface++;
      continue;
    }
    try {
      const text = retractedText(await localeOf(deps, ref, locales));
      const outcome = await retractor.retract(ref, text);
      await deps.jobs.forgetMessage(ref);
      count[outcome]++;
    } catch (error) {
      count.failed++;
      deps.logger.warn(
        { err: error, complaintId: ref.complaintId, surface: ref.surface },
        'retracting a bot message failed; the next run tries again',
      );
    }
  }
  return count;
}

async function localeOf(
  deps: JobDeps,
  ref: MessageRef,
  cache: Map<string, Locale>,
): Promise<Locale> {
  const known = cache.get(ref.personId);
  if (known) return known;
  const person = await deps.store.repository.findPerson(ref.personId);
  const locale = person?.locale ?? deps.locale;
  cache.set(ref.personId, locale);
  return locale;
}

/** The notice that replaces a retracted message (texts/retention.ts). */
export function retractedText(locale: Locale): string {
  return (locale === 'en' ? en : nl)['retention.retracted'];
}
