/**
 * Teams' per-conversation limits for bots (7 messages per second, 60 per 30 seconds): a
 * message over the limit waits its turn through the outbox instead of drawing a 429.
 */
const WINDOWS = [
  { ms: 1_000, max: 7 },
  { ms: 30_000, max: 60 },
] as const;

export class ConversationPacer {
  private readonly sent = new Map<string, number[]>();

  /** Milliseconds to wait before the next message to this conversation; 0 = send now. */
  delayFor(conversationId: string, now: number): number {
    const times = (this.sent.get(conversationId) ?? []).filter((t) => now - t < 30_000);
    this.sent.set(conversationId, times);
    let wait = 0;
    for (const window of WINDOWS) {
      const recent = times.filter((t) => now - t < window.ms);
      if (recent.length >= window.max) {
        const oldest = recent[recent.length - window.max] ?? now;
        wait = Math.max(wait, oldest + window.ms - now);
      }
    }
    return wait;
  }

  record(conversationId: string, now: number): void {
    const times = this.sent.get(conversationId) ?? [];
    times.push(now);
    this.sent.set(conversationId, times);
  }
}
