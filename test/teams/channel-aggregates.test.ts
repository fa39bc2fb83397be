import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobDeps } from '../../src/adapters/scheduler/job-deps.js';
import { sendMonthlyOverview } from '../../src/app/jobs/send-monthly-overview.js';
import { sendYearlyDigest } from '../../src/app/jobs/send-yearly-digest.js';
import { messageActivity, TEAMS_USERS } from '../fakes/teams-activities.js';
import type { ConnectorCall } from '../fakes/teams-connector.js';
import {
  channelMessagesSettled,
  FREE_TEXT_MARKER,
  seedFreeTextYear,
} from '../jobs/channel-seed.js';
import { QUALITY_CHANNEL, startTeamsHarness, type TeamsHarness, textsOf } from './harness.js';

interface Attachment {
  contentType?: string;
  contentUrl?: string;
  content?: { body?: { type?: string; url?: string }[] };
}

/** Every element of a card, nested containers included. */
function elementsOf(node: unknown): { type?: string; url?: string }[] {
  if (!node || typeof node !== 'object') return [];
  const out: { type?: string; url?: string }[] = [];
  const record = node as Record<string, unknown>;
  if (typeof record.type === 'string') out.push(record as { type?: string; url?: string });
  for (const value of Object.values(record)) {
    if (Array.isArray(value)) for (const item of value) out.push(...elementsOf(item));
    else if (value && typeof value === 'object') out.push(...elementsOf(value));
  }
  return out;
}

/**
 * Teams: what the monthly and yearly jobs post in the quality channel are figures and the
 * digest's chart (issue 13): an Adaptive Card each, the chart its only image, no file, no
 * complaint's text.
 */
describe('Teams: the quality channel gets figures and the chart only', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness();
    // One turn gives the bot a conversation reference (and so the service URL) to post with.
    await h.post(messageActivity(TEAMS_USERS.mo, 'help', { serviceUrl: h.connector.url }));
    await seedFreeTextYear(h.service.database, ['dienstverlening', 'product']);
    const jobDeps = createJobDeps(h.service.deps, h.service.database.db, h.service.org);
    await sendMonthlyOverview(jobDeps, '2025-04-01');
    await sendYearlyDigest(jobDeps, 2025, '2026-01-05');
    await channelMessagesSettled(h.service.database);
  });
  afterAll(async () => {
    await h.stop();
  });

  const toChannel = (): ConnectorCall[] =>
    h.connector.delivered().filter((c) => c.conversationId === QUALITY_CHANNEL);
  const attachmentsOf = (call: ConnectorCall) => (call.body.attachments ?? []) as Attachment[];
  const find = (title: string) =>
    toChannel().find((c) => textsOf(attachmentsOf(c)[0]?.content).some((t) => t.includes(title)));

  it('posts the monthly overview as a card of counts, with no image and no file', () => {
    const monthly = find('Maandoverzicht klachten maart 2025');
    expect(monthly).toBeDefined();
    const attachments = attachmentsOf(monthly as ConnectorCall);
    expect(attachments.map((a) => a.contentType)).toEqual([
      'application/vnd.microsoft.card.adaptive',
    ]);
    expect(elementsOf(attachments[0]?.content).filter((e) => e.type === 'Image')).toEqual([]);
    expect(textsOf(attachments[0]?.content).join('\n')).toContain('Nieuw per rubriek');
  });

  it('posts the yearly digest as a card whose one image is the chart PNG, no file', () => {
    const yearly = find('Trendanalyse klachten 2025');
    expect(yearly).toBeDefined();
    const attachments = attachmentsOf(yearly as ConnectorCall);
    expect(attachments.map((a) => a.contentType)).toEqual([
      'application/vnd.microsoft.card.adaptive',
    ]);
    const images = elementsOf(attachments[0]?.content).filter((e) => e.type === 'Image');
    expect(images).toHaveLength(1);
    expect(images[0]?.url).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    // No link or data of a workbook or CSV anywhere in the activity.
    const body = JSON.stringify((yearly as ConnectorCall).body);
    expect(body).not.toMatch(/spreadsheetml|text\/csv|\.xlsx|\.csv/);
  });

  it('carries no free text of any complaint or measure', () => {
    const posted = toChannel();
    expect(posted.length).toBeGreaterThanOrEqual(2);
    for (const call of posted) {
      expect(JSON.stringify(call.body).includes(FREE_TEXT_MARKER)).toBe(false);
    }
  });
});
