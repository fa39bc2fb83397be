import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackUserRef } from '../fakes/slack-client.js';
import type { SlackCall } from '../fakes/slack-web-api.js';
import { insertComplaint } from '../jobs/support.js';
import { type Harness, startHarness, USERS } from '../slack/harness.js';

/**
 * `/klacht link intrekken KL-…` (issue 11): the handler revokes the complainant's personal
 * links; a person who may not see the complaint hears "not found" and nothing changes.
 */
describe('Slack: revoking the complainant’s links', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const responses = () => h.fake.calls.filter((c) => c.method.startsWith('/response/'));
  async function command(user: SlackUserRef, text: string): Promise<string> {
    const before = responses().length;
    expect((await h.slack.command(user, text)).status).toBe(200);
    const call: SlackCall = await h.fake.waitFor(() => responses()[before]);
    return JSON.stringify(call.args);
  }

  it('the handler revokes every valid link; someone unrelated is told it does not exist', async () => {
    const id = await insertComplaint(h.service.database, {
      intakeChannel: 'letter',
      reference: 'KL-2026-9901',
    });
    const repo = h.service.deps.store.repository;
    const now = new Date();
    const later = new Date(now.getTime() + 86_400_000);
    const links = await Promise.all(
      [1, 2].map(() =>
        repo.insertComplainantLink({ complaintId: id, createdAt: now, expiresAt: later }),
      ),
    );
    const complaint = await repo.findComplaint(id);
    const reference = complaint?.reference ?? '';

    const refused = await command(USERS.sam, `link intrekken ${reference}`);
    expect(refused).not.toContain('ingetrokken');
    for (const link of links)
      expect((await repo.findComplainantLink(link.id))?.revokedAt).toBeNull();

    const answer = await command(USERS.piet, `link intrekken ${reference}`);
    expect(answer).toContain(reference);
    expect(answer).toContain('ingetrokken (2)');
    for (const link of links) {
      expect((await repo.findComplainantLink(link.id))?.revokedAt).not.toBeNull();
    }
    const audit = await repo.listAudit(id);
    expect(audit.filter((a) => a.action === 'complainant_link_revoked')).toHaveLength(1);
  });
});
