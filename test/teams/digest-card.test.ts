import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobDeps } from '../../src/adapters/scheduler/job-deps.js';
import { sendYearlyDigest } from '../../src/app/jobs/send-yearly-digest.js';
import { reportComplaint } from '../../src/app/report-complaint.js';
import { messageActivity, TEAMS_USERS } from '../fakes/teams-activities.js';
import { QUALITY_CHANNEL, startTeamsHarness, type TeamsHarness, waitFor } from './harness.js';

interface CardElement {
  type?: string;
  url?: string;
}

describe('Teams: the yearly digest card carries its chart', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('posts the digest to the quality channel with the PNG chart as an image', async () => {
    // One turn gives the bot a conversation reference (and so the service URL) to post with.
    await h.post(messageActivity(TEAMS_USERS.mo, 'help', { serviceUrl: h.connector.url }));
    const { service } = h;
    const { complaint } = await reportComplaint(service.deps, {
      reporterId: 'mo',
      categoryKey: 'product',
      description: 'Vertrouwelijke tekst die niet in het kanaal hoort',
    });
    const year = complaint.registeredAt.getUTCFullYear();
    const jobDeps = createJobDeps(service.deps, service.database.db, service.org);
    await sendYearlyDigest(jobDeps, year, `${year + 1}-01-05`, { post: true });

    const post = await waitFor(
      () =>
        h.connector
          .delivered()
          .find(
            (c) =>
              c.conversationId === QUALITY_CHANNEL &&
              JSON.stringify(c.body).includes('"type":"Image"'),
          ),
      'the digest in the quality channel',
    );
    const attachments = post.body.attachments as { content: { body: CardElement[] } }[];
    const image = attachments[0]?.content.body.find((e) => e.type === 'Image');
    expect(image?.url).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(JSON.stringify(post.body)).not.toContain('Vertrouwelijke tekst');
  });
});
