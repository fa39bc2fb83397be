import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/adapters/http/server.js';
import { signToken } from '../../src/adapters/http/signed-token.js';
import { createLetterRenderer, letterRoutes } from '../../src/adapters/letters/index.js';
import { createSlackDelivery } from '../../src/adapters/slack/delivery.js';
import { LETTER_POSTED_ACTION } from '../../src/app/complainant-mail.js';
import type { AppDeps } from '../../src/app/deps.js';
import type { ClaimedMessage } from '../../src/app/ports.js';
import type { Correspondence } from '../../src/domain/correspondence.js';
import { input } from '../fakes/slack-client.js';
import { insertComplaint } from '../jobs/support.js';
import { type Harness, openedViewAfter, startHarness, USERS } from '../slack/harness.js';
import { silentLogger } from '../support/databases.js';
import { complainantSettings, pdfText } from './support.js';

/**
 * Without SMTP a letter goes as PDF privately to the secretariat (here: to the sender, the
 * harness has no secretariat), uploaded into the DM with "Verstuurd per post"; the button
 * opens a date picker (today) and records the day it was posted (issue 11).
 */
describe('Slack: a letter to post', () => {
  let h: Harness;
  let deps: AppDeps;
  beforeAll(async () => {
    h = await startHarness();
    deps = {
      ...h.service.deps,
      complainant: complainantSettings({ mail: 'off' }),
      letters: createLetterRenderer(),
    };
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function sentLetter(): Promise<{ reference: string; letter: Correspondence }> {
    const id = await insertComplaint(h.service.database, {
      intakeChannel: 'letter',
      complainantName: 'Dhr. K. de Vries',
      complainantEmail: null,
      complainantAddress: 'Dorpsstraat 3\n9999 ZZ Ergens',
      complainantPreferredContact: 'letter',
    });
    const repo = deps.store.repository;
    const now = new Date();
    const draft = await repo.insertCorrespondence({
      complaintId: id,
      kind: 'acknowledgement',
      channel: 'letter',
      locale: 'nl',
      subject: 'Ontvangstbevestiging van uw klacht',
      body: 'Geachte heer De Vries,\n\nWij hebben uw brief ontvangen.',
      status: 'draft',
      draftedBy: 'piet',
      createdAt: now,
    });
    const letter: Correspondence = { ...draft, status: 'sent', sentBy: 'piet', sentAt: now };
    expect(await repo.updateCorrespondence(letter, 'draft')).toBe(true);
    const complaint = await repo.findComplaint(id);
    return { reference: complaint?.reference ?? '', letter };
  }

  it('uploads the PDF into the DM with the button; the button records the posted date', async () => {
    const { reference, letter } = await sentLetter();
    const client = new webApi.WebClient('xoxb-test', {
      slackApiUrl: `${h.fake.url}/api/`,
      retryConfig: { retries: 0 },
    });
    const port = createSlackDelivery({ client, deps, org: h.service.org, logger: silentLogger });
    const message: ClaimedMessage = {
      id: 424_242,
      idempotencyKey: `correspondence:${letter.id}:letter:piet`,
      kind: 'complainant_letter',
      recipient: { personId: 'piet' },
      complaintId: letter.complaintId,
      payload: { correspondenceId: letter.id },
      attempts: 1,
      deliveredVia: [],
    };
    expect(await port.canDeliver(message)).toBe(true);
    expect(await port.deliver(message)).toEqual({ kind: 'delivered' });

    // One upload into Piet's DM: the PDF, with the message and its button as blocks.
    const completed = h.fake.callsOf('files.completeUploadExternal').at(-1);
    expect(completed).toBeDefined();
    const args = completed?.args ?? {};
    const blocks = (typeof args.blocks === 'string' ? JSON.parse(args.blocks) : args.blocks) as {
      type: string;
      elements?: { action_id?: string; value?: string }[];
    }[];
    const button = blocks
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === LETTER_POSTED_ACTION);
    expect(button?.value).toBe(letter.id);
    expect(JSON.stringify(blocks)).toContain(reference);
    expect(JSON.stringify(blocks)).toContain('Dorpsstraat 3');
    const files = JSON.parse(String(args.files)) as { id: string; title?: string }[];
    expect(files).toHaveLength(1);
    // The fake keeps the multipart body: the PDF runs from its header to its end marker.
    const body = h.fake.uploads.get(files[0]?.id ?? '') ?? Buffer.alloc(0);
    const start = body.indexOf('%PDF-');
    const end = body.lastIndexOf('%%EOF');
    expect(start).toBeGreaterThanOrEqual(0);
    const pdf = body.subarray(start, end + '%%EOF'.length);
    const text = (await pdfText(new Uint8Array(pdf))).join('\n');
    expect(text).toContain(`Ons kenmerk: ${reference}`);
    expect(text).toContain('Dhr. K. de Vries');
    expect(text).toContain('9999 ZZ Ergens');

    // "Verstuurd per post": a date picker, today by default; submitting records it.
    const opened = h.fake.callsOf('views.open').length;
    expect(
      (await h.slack.click(USERS.piet, { action_id: LETTER_POSTED_ACTION, value: button?.value }))
        .status,
    ).toBe(200);
    const view = await openedViewAfter(h.fake, opened);
    const today = deps.calendar.localDate(new Date());
    expect(JSON.stringify(view.blocks)).toContain(today);
    const res = await h.slack.submit(USERS.piet, view, { posted_on: input.date(today) });
    expect(res.status).toBe(200);
    const posted = await deps.store.repository.findCorrespondence(letter.id);
    expect(posted?.status).toBe('posted');
    expect(posted?.postedOn).toBe(today);
    expect(posted?.postedBy).toBe('piet');
    const audit = await deps.store.repository.listAudit(letter.complaintId);
    expect(audit.filter((a) => a.action === 'letter_posted')).toHaveLength(1);
    // A posted acknowledgement acknowledges the complaint.
    const complaint = await deps.store.repository.findComplaint(letter.complaintId);
    expect(complaint?.acknowledgedAt).not.toBeNull();
  });

  it('a date in the future is refused in the form, nothing recorded', async () => {
    const { letter } = await sentLetter();
    const opened = h.fake.callsOf('views.open').length;
    await h.slack.click(USERS.piet, { action_id: LETTER_POSTED_ACTION, value: letter.id });
    const view = await openedViewAfter(h.fake, opened);
    const res = await h.slack.submit(USERS.piet, view, { posted_on: input.date('2099-01-01') });
    const body = res.json as { response_action?: string; errors?: Record<string, string> } | null;
    expect(body?.response_action).toBe('errors');
    expect(body?.errors?.posted_on).toBeTruthy();
    const after = await deps.store.repository.findCorrespondence(letter.id);
    expect(after?.status).toBe('sent');
  });

  it('serves the PDF at /brief to whom the link was made for; anything else gets the refusal page', async () => {
    const { reference, letter } = await sentLetter();
    const settings = complainantSettings({ mail: 'off' });
    const server = createHttpServer({
      routes: letterRoutes({ deps, settings, logger: silentLogger }),
      readiness: [],
      logger: silentLogger,
    });
    const address = await server.listen(0, '127.0.0.1');
    try {
      const now = Math.floor(Date.now() / 1000);
      const link = (claims: { sub?: string; pid?: string; exp?: number; secret?: string }) =>
        `http://127.0.0.1:${address.port}/brief?t=${signToken(
          claims.secret ?? settings.linkSecret,
          {
            purpose: 'download',
            sub: claims.sub ?? `letter:${letter.id}`,
            pid: claims.pid ?? 'piet',
            exp: claims.exp ?? now + 600,
          },
        )}`;
      const ok = await fetch(link({}));
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toBe('application/pdf');
      expect(ok.headers.get('cache-control')).toBe('no-store');
      const text = (await pdfText(new Uint8Array(await ok.arrayBuffer()))).join('\n');
      expect(text).toContain(`Ons kenmerk: ${reference}`);
      for (const refused of [
        link({ secret: 'another-secret-another-secret-0123' }),
        link({ exp: now - 1 }),
        link({ pid: 'sam' }),
        link({ sub: letter.id }),
        `http://127.0.0.1:${address.port}/brief?t=garbage`,
      ]) {
        const res = await fetch(refused);
        expect(res.status).toBe(403);
        expect(await res.text()).not.toContain('%PDF');
      }
    } finally {
      await server.close(100);
    }
  });
});
