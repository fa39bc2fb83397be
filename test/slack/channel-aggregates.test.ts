import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobDeps } from '../../src/adapters/scheduler/job-deps.js';
import { sendMonthlyOverview } from '../../src/app/jobs/send-monthly-overview.js';
import { sendYearlyDigest } from '../../src/app/jobs/send-yearly-digest.js';
import type { SlackCall } from '../fakes/slack-web-api.js';
import {
  channelMessagesSettled,
  FREE_TEXT_MARKER,
  seedFreeTextYear,
} from '../jobs/channel-seed.js';
import { type Harness, startHarness } from './harness.js';

const CHANNEL = 'C0KWALITEIT';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Slack: what the monthly and yearly jobs post in the quality channel are figures and the
 * digest's chart (issue 13): no register file, no complaint's text.
 */
describe('Slack: the quality channel gets figures and the chart only', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await seedFreeTextYear(h.service.database, ['dienstverlening', 'overig']);
    const jobDeps = createJobDeps(h.service.deps, h.service.database.db, h.service.org);
    await sendMonthlyOverview(jobDeps, '2025-04-01');
    await sendYearlyDigest(jobDeps, 2025, '2026-01-05');
    await channelMessagesSettled(h.service.database);
  });
  afterAll(async () => {
    await h.stop();
  });

  /** Every call that posted to the quality channel. */
  const toChannel = (): SlackCall[] =>
    h.fake.calls.filter(
      (c) => c.outcome === 'ok' && (c.args.channel === CHANNEL || c.args.channel_id === CHANNEL),
    );

  it('posts the monthly overview as a message with counts, no file', async () => {
    const monthly = await h.fake.waitFor(() =>
      toChannel().find((c) =>
        JSON.stringify(c.args).includes('Maandoverzicht klachten maart 2025'),
      ),
    );
    expect(monthly.method).toBe('chat.postMessage');
    expect(JSON.stringify(monthly.args)).toContain('Nieuw per rubriek');
    expect(monthly.args.file_id ?? monthly.args.files ?? null).toBeNull();
  });

  it('posts the yearly digest with its chart as the one file, a PNG', async () => {
    const uploads = toChannel().filter((c) => c.method === 'files.completeUploadExternal');
    expect(uploads).toHaveLength(1);
    const upload = uploads[0] as SlackCall;
    expect(String(upload.args.initial_comment)).toContain('Trendanalyse klachten 2025');
    const files = JSON.parse(String(upload.args.files)) as { id: string; title: string }[];
    expect(files.map((f) => f.title)).toEqual(['klachten-2025.png']);
    const bytes = h.fake.uploads.get(files[0]?.id ?? '');
    expect(bytes?.includes(PNG_SIGNATURE)).toBe(true);
    // Not a workbook (a ZIP) nor a CSV.
    expect(bytes?.includes(Buffer.from('PK\u0003\u0004', 'latin1'))).toBe(false);
  });

  it('carries no free text of any complaint or measure', () => {
    const posted = toChannel();
    expect(posted.length).toBeGreaterThanOrEqual(2);
    for (const call of posted) {
      expect([call.method, JSON.stringify(call.args).includes(FREE_TEXT_MARKER)]).toEqual([
        call.method,
        false,
      ]);
    }
    for (const call of posted.filter((c) => c.method === 'files.completeUploadExternal')) {
      for (const file of JSON.parse(String(call.args.files)) as { id: string }[]) {
        const bytes = h.fake.uploads.get(file.id) ?? Buffer.alloc(0);
        expect(bytes.includes(Buffer.from(FREE_TEXT_MARKER))).toBe(false);
      }
    }
  });
});
