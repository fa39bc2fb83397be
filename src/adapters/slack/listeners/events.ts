import type { App } from '@slack/bolt';
import {
  listAssignedToMe,
  listMyReports,
  listOpenComplaints,
} from '../../../app/list-complaints.js';
import { hasRole } from '../../../domain/people.js';
import { homeView } from '../block-kit/lists.js';
import { identify, type SlackRuntime } from '../runtime.js';

const OVERSEERS = ['director', 'quality_adviser', 'secretariat'] as const;

/** App Home: my reports, assigned to me (overdue first), and the open ones for overseers. */
export function registerEvents(app: App, runtime: SlackRuntime): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const actor = await identify(runtime, event.user);
    const person = actor.person;
    const [mine, assigned, open] = await Promise.all([
      listMyReports(runtime.deps, person),
      listAssignedToMe(runtime.deps, person),
      OVERSEERS.some((role) => hasRole(person, role))
        ? listOpenComplaints(runtime.deps, person)
        : Promise.resolve(null),
    ]);
    await client.views.publish({
      user_id: event.user,
      view: homeView(runtime.org, actor.locale, { mine, assigned, open }),
    });
  });
}
