/**
 * Teams' per-conversation limits for bots (7 messages per second, 60 per 30 seconds): a
 * message over the limit waits its turn through the outbox instead of drawing a 429.
 */
export const PACING_WINDOWS = [
  { ms: 1_000, max: 7 },
  { ms: 30_000, max: 60 },
] as const;
const LONGEST_WINDOW_MS = 30_000;
/** A reservation whose message never came back (delivered elsewhere, parked) is dropped. */
const RESERVATION_TTL_MS = 10 * 60_000;

/**
 * Hands out send slots per conversation, first come first served. A message that cannot go now
 * gets the next free slot reserved and is told when to come back; then it goes without asking
 * again. Without reservations every waiting message came back at the same instant, one went
 * and the rest were turned away again: the bench saw four re-claims per message sent.
 */
export class ConversationPacer {
  /** Per conversation: instants of the slots given out (sent or reserved), ascending. */
  private readonly slots = new Map<string, number[]>();
  /** Per message key: its reserved slot. */
  private readonly reserved = new Map<string, { conversationId: string; at: number }>();
  private lastSweep = Number.NEGATIVE_INFINITY;

  /** 0: send now (the slot is taken). Otherwise: come back in this many ms, the slot is yours. */
  take(conversationId: string, messageKey: string, now: number): number {
    this.prune(now);
    const mine = this.reserved.get(messageKey);
    if (mine?.conversationId === conversationId) {
      if (mine.at > now) return mine.at - now;
      this.reserved.delete(messageKey);
      return 0;
    }
    const times = this.slots.get(conversationId) ?? [];
    // Never ahead of a slot already given out: reserved messages keep their order.
    let at = Math.max(now, times.at(-1) ?? now);
    for (let wait = waitAt(times, at); wait > 0; wait = waitAt(times, at)) at += wait;
    times.push(at);
    this.slots.set(conversationId, times);
    if (at === now) return 0;
    this.reserved.set(messageKey, { conversationId, at });
    return at - now;
  }

  /** Drops slots and reservations too old to matter: a full sweep at most every window. */
  private prune(now: number): void {
    if (now - this.lastSweep < LONGEST_WINDOW_MS) return;
    this.lastSweep = now;
    for (const [conversationId, times] of this.slots) {
      const kept = times.filter((t) => t > now - LONGEST_WINDOW_MS);
      if (kept.length === 0) this.slots.delete(conversationId);
      else if (kept.length !== times.length) this.slots.set(conversationId, kept);
    }
    for (const [key, slot] of this.reserved) {
      if (slot.at < now - RESERVATION_TTL_MS) this.reserved.delete(key);
    }
  }
}

/** How long after `at` a slot is free under every window, given the slots in `times`. */
function waitAt(times: readonly number[], at: number): number {
  let wait = 0;
  for (const window of PACING_WINDOWS) {
    const recent = times.filter((t) => t > at - window.ms && t <= at);
    if (recent.length >= window.max) {
      const oldest = recent[recent.length - window.max] ?? at;
      wait = Math.max(wait, oldest + window.ms - at);
    }
  }
  return wait;
}
