// The port lives in src/app/ports.ts and its drizzle implementation in
// src/adapters/postgres/conversation-ref-store.ts; Teams files import the types from here.
export type { ConversationRefStore, StoredConversationRef } from '../../app/ports.js';
