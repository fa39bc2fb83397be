import type { Locale, Person } from '../domain/people.js';
import { mayRedriveOutbox } from '../domain/permissions.js';
import type { AppDeps } from './deps.js';
import { translate } from './messages/catalogue.js';
import type { ParkedOutbox, RedriveSelection } from './outbox-ports.js';
import type { Clock, Logger, Repository } from './ports.js';

/** Slack action id and Teams verb of the re-drive button: not `kb_`, which complaint commands use. */
export const REDRIVE_ACTION_ID = 'outbox_retry_failed';
/** The job message kind of the quality adviser's daily list of parked messages. */
export const PARKED_MESSAGES_KIND = 'parked_messages';

export interface RedriveDeps {
  outbox: ParkedOutbox;
  clock: Clock;
  logger: Logger;
  /** For the audit trail of a re-drive from chat; the command line logs only. */
  repository?: Repository;
}

export type RedriveResult = { ok: true; ids: number[] } | { ok: false; reason: 'not_permitted' };

/**
 * Puts parked (failed) outbox messages back in the queue, due now with their attempts reset,
 * once the cause is fixed (token replaced, bot re-invited). From chat only the quality adviser
 * may (`actor`); the command line (`actor` null) is the operator's. Idempotent: a second
 * re-drive finds nothing failed and changes nothing. Logged and, from chat, audited.
 */
export async function redriveOutbox(
  deps: RedriveDeps,
  selection: RedriveSelection,
  actor: Person | null,
): Promise<RedriveResult> {
  const now = deps.clock.now();
  const audit = (outcome: 'done' | 'refused', count: number) =>
    actor && deps.repository
      ? deps.repository.appendAudit({
          complaintId: null,
          actorId: actor.id,
          action: 'outbox.redrive',
          outcome,
          fromStatus: null,
          toStatus: null,
          metadata: { count },
          at: now,
        })
      : Promise.resolve();
  if (actor && !mayRedriveOutbox(actor)) {
    await audit('refused', 0);
    return { ok: false, reason: 'not_permitted' };
  }
  const ids = await deps.outbox.redrive(selection, now);
  await audit('done', ids.length);
  deps.logger.info(
    { count: ids.length, ids: ids.join(','), by: actor?.id ?? 'command line' },
    'parked outbox messages re-driven',
  );
  return { ok: true, ids };
}

/**
 * The re-drive button, for either surface: every failed message, by whoever clicked (only the
 * quality adviser may). The answer is a sentence for the clicker; true when messages are due.
 */
export async function redriveFromChat(
  deps: AppDeps,
  actor: Person,
  locale: Locale,
): Promise<{ text: string; requeued: boolean }> {
  const outbox = deps.parkedOutbox;
  if (!outbox) throw new Error('no parked outbox configured (AppDeps.parkedOutbox)');
  const result = await redriveOutbox(
    { outbox, clock: deps.clock, logger: deps.logger, repository: deps.store.repository },
    { failed: true },
    actor,
  );
  if (!result.ok) return { text: translate(locale, 'parked.not_permitted'), requeued: false };
  if (result.ids.length === 0) return { text: translate(locale, 'parked.none'), requeued: false };
  return {
    text: translate(locale, 'parked.redriven', { count: result.ids.length }),
    requeued: true,
  };
}
