import type { App } from '@slack/bolt';
import type { SlackRuntime } from '../runtime.js';
import { publishHome } from './open-lists.js';

/** App Home: my reports, assigned to me (overdue first), and the open ones for overseers. */
export function registerEvents(app: App, runtime: SlackRuntime): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await publishHome(runtime, client, event.user);
  });
}
