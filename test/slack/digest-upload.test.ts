import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobDeps } from '../../src/adapters/scheduler/job-deps.js';
import { sendYearlyDigest } from '../../src/app/jobs/send-yearly-digest.js';
import { reportComplaint } from '../../src/app/report-complaint.js';
import { type Harness, startHarness } from './harness.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('Slack: the yearly digest is posted with its chart and register attached', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('uploads the chart to the quality channel with counts only; the register goes privately', async () => {
    const deps = h.service.deps;
    const { complaint } = await reportComplaint(deps, {
      reporterId: 'mo',
      categoryKey: 'dienstverlening',
      description: 'Geheime inhoud die nooit in het kanaal mag staan',
    });
    const year = complaint.registeredAt.getUTCFullYear();
    const jobDeps = createJobDeps(deps, h.service.database.db, h.service.org);
    await sendYearlyDigest(jobDeps, year, `${year + 1}-01-05`, { audience: 'quality', post: true });

    const uploads = () => h.fake.callsOf('files.completeUploadExternal');
    const complete = await h.fake.waitFor(() =>
      uploads().find((c) => c.args.channel_id === 'C0KWALITEIT'),
    );
    const files = JSON.parse(String(complete.args.files)) as { id: string; title: string }[];
    expect(files.map((f) => f.title)).toEqual([expect.stringMatching(/\.png$/)]);
    // The register files reach the quality adviser and the director in their DMs only.
    const privately = await h.fake.waitFor(() => {
      const dms = uploads().filter((c) => String(c.args.channel_id).startsWith('D'));
      return dms.length >= 2 ? dms : undefined;
    });
    for (const dm of privately) {
      const titles = (JSON.parse(String(dm.args.files)) as { title: string }[]).map((f) => f.title);
      expect(titles).toEqual(
        expect.arrayContaining([expect.stringMatching(/\.xlsx$/), expect.stringMatching(/\.csv$/)]),
      );
    }
    // The Web API client posts the bytes as a multipart field: the PNG sits inside it.
    const upload = h.fake.uploads.get(files[0]!.id);
    expect(upload?.includes(PNG_SIGNATURE)).toBe(true);
    expect(upload?.includes(Buffer.from('IEND'))).toBe(true);
    expect(String(complete.args.initial_comment)).toContain(String(year));
    expect(String(complete.args.initial_comment)).not.toContain('Geheime inhoud');
  });
});
