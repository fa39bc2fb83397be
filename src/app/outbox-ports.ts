import type { ClaimedMessage, DeliveryOutcome, DeliveryPort, OutboxStore } from './ports.js';

/**
 * Pacing a delivery adapter asks for, shared by every replica (the outbox's database). The
 * dispatcher hands each adapter one bound to its surface and the current time.
 */
export interface DeliveryPacing {
  /**
   * Takes the send slot of `scope` (a conversation) unless one of `paused` (API methods the
   * platform asked us to wait for) or the scope itself is still blocked. 0: send now, the next
   * slot of `scope` is `intervalMs` later. Otherwise: come back in this many ms.
   */
  take(scope: string, intervalMs: number, paused: readonly string[]): Promise<number>;
  /** Nothing under `scope` goes out before `until` (a 429's Retry-After for an API method). */
  pause(scope: string, until: Date): Promise<void>;
}

/** A delivery adapter that paces itself through the dispatcher's shared pacing. */
export interface PacedDeliveryPort extends DeliveryPort {
  deliver(message: ClaimedMessage, pacing?: DeliveryPacing): Promise<DeliveryOutcome>;
}

/** The outbox store's pacing statements (one round trip each). */
export interface PacingStore {
  takeSlot(
    surface: string,
    scope: string,
    intervalMs: number,
    paused: readonly string[],
    now: Date,
  ): Promise<number>;
  pause(surface: string, scope: string, until: Date): Promise<void>;
}

/** A parked (failed) outbox message as the quality adviser sees it: never its content. */
export interface ParkedMessage {
  id: number;
  kind: string;
  reason: string;
  /** When it was queued. */
  since: Date;
}

/** Which parked messages to re-drive: one by id, or all (optionally queued since a date). */
export type RedriveSelection = { id: number } | { failed: true; since?: Date };

/** Reading and re-driving parked outbox messages. */
export interface ParkedOutbox {
  listParked(limit: number): Promise<ParkedMessage[]>;
  /**
   * Sets the selected failed rows back to pending, due now, attempts reset; returns their ids.
   * Idempotent: a row that is not failed (already re-driven, delivered) is left alone.
   */
  redrive(selection: RedriveSelection, now: Date): Promise<number[]>;
}

/** The outbox store the dispatcher uses: claims and settles, plus shared pacing. */
export type DispatchOutboxStore = OutboxStore & PacingStore;
