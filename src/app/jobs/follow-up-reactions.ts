import type { LocalDate } from '../../domain/calendar.js';
import { type Complaint, isTip } from '../../domain/complaint.js';
import { isDomainError } from '../../domain/errors.js';
import { SYSTEM_ACTOR } from '../../domain/people.js';
import { autoCloseComplaint } from '../complaint-commands.js';
import type { JobDeps } from './ports.js';
import { type BatchCount, emptyCount, forEachItem, sendOnce } from './send-once.js';

/** The reporter is reminded this many working days (or fewer) before the reaction deadline. */
export const REACTION_REMINDER_LEAD = 2;

/** Tips are never followed up: they take the light path (noted, then closed). */
const awaitingReaction = (c: Complaint) =>
  (c.status === 'resolved' || c.status === 'rejected') && c.reactionDue !== null && !isTip(c);

/**
 * Reminds the reporter once shortly before the reaction deadline, and closes the complaint
 * as `no_reaction` (through the lifecycle, as the system) once the deadline has passed.
 */
export async function followUpReactions(
  deps: JobDeps,
  complaints: readonly Complaint[],
  today: LocalDate,
): Promise<{ reminded: BatchCount; closed: BatchCount }> {
  const waiting = complaints.filter(awaitingReaction);
  const expired = waiting.filter((c) => (c.reactionDue as string) < today);
  const closing = waiting.filter(
    (c) =>
      !expired.includes(c) &&
      deps.calendar.workingDaysBetween(today, c.reactionDue as string) <= REACTION_REMINDER_LEAD,
  );
  const label = (c: Complaint) => ({ complaintRef: c.reference });
  const reminded = await forEachItem(deps, closing, label, emptyCount(), (c) =>
    sendOnce(
      deps,
      {
        kind: 'reaction_reminder',
        complaintId: c.id,
        measureId: null,
        recipientPersonId: c.reporterId,
        forDate: today,
        onceKey: `reaction_reminder:${c.id}:${c.reporterId}:${c.reactionDue}`,
        sentAt: deps.clock.now(),
      },
      {
        kind: 'reaction_reminder',
        complaintId: c.id,
        payload: { reference: c.reference, due: c.reactionDue },
      },
    ),
  );
  const closed = await forEachItem(deps, expired, label, emptyCount(), async (c) => {
    try {
      await autoCloseComplaint(deps, SYSTEM_ACTOR, c.id, {}, { expectedVersion: c.version });
      return true;
    } catch (error) {
      // The reporter reacted (or someone acted) since we read it: nothing to close.
      if (
        isDomainError(error) &&
        (error.code === 'complaint.stale' || error.code === 'complaint.concurrent_change')
      )
        return false;
      throw error;
    }
  });
  return { reminded, closed };
}
