import type { AppDeps } from '../app/deps.js';
import type { MessageRetractor } from '../app/jobs/ports.js';
import type { ConversationRefStore, DeliveryPort, Logger } from '../app/ports.js';
import type { Env } from '../config/env.js';
import type { OrgConfig } from '../config/org-file.js';
import type { Route } from './http/server.js';

/** What a chat surface (Slack, Teams) gets from the composition root. */
export interface SurfaceContext {
  env: Env;
  org: OrgConfig;
  deps: AppDeps;
  logger: Logger;
  /** Teams conversation references (for proactive messages); surfaces get ports, not the database. */
  conversationRefs: ConversationRefStore;
  /** Asks the outbox dispatcher to run now (after a command committed messages). */
  wakeOutbox(): void;
}

/** A chat surface plugs its HTTP routes and its outbox delivery adapter into the service. */
export interface Surface {
  readonly name: string;
  readonly routes: Route[];
  readonly deliveryPort: DeliveryPort;
  /** Retracts the surface's messages about anonymised complaints (the retention job). */
  readonly retractor?: MessageRetractor;
  /** Background connections (e.g. Slack Socket Mode); called after the HTTP server listens. */
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

export type SurfaceFactory = (context: SurfaceContext) => Promise<Surface>;
