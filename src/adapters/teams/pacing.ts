/**
 * Teams' per-conversation limits for bots are 7 messages per second and 60 per 30 seconds.
 * One message per conversation every 500 ms keeps both (2 a second, 60 in 30 s) with one
 * shared instant per conversation: the outbox's `delivery_pauses` row, which every replica
 * reads and takes in one statement (see DeliveryPacing). A message over the limit is deferred
 * through the outbox, never counted as a failed attempt.
 */
export const CONVERSATION_INTERVAL_MS = 500;
