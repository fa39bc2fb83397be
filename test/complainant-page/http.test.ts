/**
 * The complainant's page over HTTP (issue 11): the page in plain language, its reactions
 * through the lifecycle as the complainant, and the refusals that change nothing — a forged,
 * expired, foreign or revoked token, a missing CSRF token, a foreign origin, the rate limit.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../src/adapters/http/signed-token.js';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import {
  complainantAnswers,
  complainantReacts,
  openComplainantPage,
  revokeComplainantLinks,
} from '../../src/app/complainant-portal.js';
import { composeOutboxMessage } from '../../src/app/messages/outbox-messages.js';
import type { ClaimedMessage } from '../../src/app/ports.js';
import { DATABASE_KINDS } from '../support/databases.js';
import {
  actAs,
  auditOf,
  Client,
  hiddenValue,
  LINK_SECRET,
  linkFor,
  MOTIVATION,
  outboxTo,
  type PageHarness,
  registerClientComplaint,
  rejectedComplaint,
  snapshot,
  startPage,
} from './support.js';

let h: PageHarness;

describe.each(DATABASE_KINDS)('the complainant’s page on %s', (kind) => {
  beforeAll(async () => {
    h = await startPage({ kind });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  /** Opens the page as the complainant would: the GET sets the CSRF cookie. */
  async function open(token: string) {
    const client = new Client(h.baseUrl);
    const page = await client.get(`/klager?t=${encodeURIComponent(token)}`);
    return { client, page };
  }

  function reactionForm(token: string, csrf: string, fields: Record<string, string>) {
    return new URLSearchParams({ t: token, csrf, ...fields });
  }

  describe('the page', () => {
    it('shows the status, the dates and the outcome in plain language, with strict headers', async () => {
      const complaint = await rejectedComplaint(h.deps);
      const { token } = await linkFor(h.deps, complaint.id);
      const { page } = await open(token);
      expect(page.res.status).toBe(200);
      expect(page.text).toMatch(/^<!doctype html><html lang="nl">/);
      expect(page.text).toContain('<main id="main"');
      expect(page.text).toContain(`Uw klacht ${complaint.reference}`);
      expect(page.text).toContain('Wij vinden uw klacht niet terecht (ongegrond)');
      expect(page.text).toContain(MOTIVATION);
      expect(page.text).toContain('Reageer uiterlijk op');
      expect(page.text).toContain('Niet akkoord (bezwaar maken)');
      expect(page.text).toContain('<label for="reason">');
      expect(page.text).not.toContain('<script');
      const headers = page.res.headers;
      expect(headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      expect(headers.get('content-security-policy')).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
      expect(headers.get('content-security-policy')).not.toMatch(/script-src|unsafe-inline/);
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('cache-control')).toBe('no-store');
      const cookie = headers.getSetCookie().find((c) => c.startsWith('kb_csrf='));
      expect(cookie).toMatch(/; Path=\/klager; HttpOnly; SameSite=Strict/);
    });

    it('speaks English to an English complainant and escapes every text', async () => {
      const complaint = await registerClientComplaint(h.deps, {
        complainantLocale: 'en',
        complainantName: '<b>Jones</b> & "Sons"',
      });
      await actAs(h.deps, 'piet', complaint.id, 'declare_unfounded', {
        motivation: 'We checked <script>alert(1)</script> the logs.',
      });
      const { token } = await linkFor(h.deps, complaint.id);
      const { page } = await open(token);
      expect(page.text).toContain('<html lang="en">');
      expect(page.text).toContain('Dear &lt;b&gt;Jones&lt;/b&gt; &amp; &quot;Sons&quot;,');
      expect(page.text).toContain('We checked &lt;script&gt;alert(1)&lt;/script&gt; the logs.');
      expect(page.text).toContain('I disagree (object)');
    });

    it('never shows the organisation’s own analysis: causes, measures, private notes', async () => {
      const complaint = await registerClientComplaint(h.deps);
      await actAs(h.deps, 'piet', complaint.id, 'declare_founded', { motivation: 'Te laat.' });
      await actAs(h.deps, 'piet', complaint.id, 'record_resolution', {
        resolution: 'Nieuwe afspraak gemaakt en excuses aangeboden.',
        cause: 'structural',
        rootCause: 'GEHEIM-OORZAAK planning',
        correctiveMeasure: 'GEHEIM-CORRECTIEF rooster',
        preventiveMeasure: 'GEHEIM-PREVENTIEF training',
      });
      const { token } = await linkFor(h.deps, complaint.id);
      const { page } = await open(token);
      expect(page.res.status).toBe(200);
      expect(page.text).toContain('Nieuwe afspraak gemaakt en excuses aangeboden.');
      expect(page.text).toContain('Wij vinden uw klacht gegrond.');
      expect(page.text).not.toMatch(/GEHEIM|structur/i);
    });

    it('is refused once the complaint is anonymised', async () => {
      const complaint = await rejectedComplaint(h.deps);
      const { link } = await linkFor(h.deps, complaint.id);
      expect(await openComplainantPage(h.deps, link.id)).not.toBeNull();
      await h.db.handle.db.execute(
        sql`update complaints set anonymised_at = now() where id = ${complaint.id}`,
      );
      expect(await openComplainantPage(h.deps, link.id)).toBeNull();
    });
  });

  describe('reactions through the lifecycle as the complainant', () => {
    it('objects with a reason: objected, audited as the complainant, the handler told', async () => {
      const complaint = await rejectedComplaint(h.deps);
      const { token } = await linkFor(h.deps, complaint.id);
      const { client, page } = await open(token);
      const version = hiddenValue(page.text, 'v')!;
      const posted = await client.post(
        '/klager/reactie',
        reactionForm(token, client.csrf, {
          v: version,
          reaction: 'object',
          reason: 'Ik was de hele dag thuis.',
        }),
      );
      expect(posted.res.status).toBe(303);
      expect(posted.res.headers.get('location')).toBe(
        `/klager?t=${encodeURIComponent(token)}&ok=object`,
      );
      const after = await h.deps.store.repository.findComplaint(complaint.id);
      expect(after?.status).toBe('objected');
      expect(after?.objectionReason).toBe('Ik was de hele dag thuis.');
      expect((await auditOf(h.db, complaint.id)).at(-1)).toEqual({
        action: 'object',
        actor_id: 'complainant',
        outcome: 'done',
      });
      expect(await outboxTo(h.db, complaint.id, 'complainant_reacted')).toEqual([
        { person: 'piet' },
      ]);
      expect((await outboxTo(h.db, complaint.id, 'objection')).length).toBeGreaterThan(0);
      // The confirmation after the redirect.
      const confirmation = await client.get(posted.res.headers.get('location')!);
      expect(confirmation.text).toContain('Wij hebben uw bezwaar ontvangen');
      expect(confirmation.text).toContain('role="status"');
      expect(confirmation.text).not.toContain('Niet akkoord (bezwaar maken)');
    });

    it('the handler’s message names the objection and its reason', async () => {
      const complaint = await rejectedComplaint(h.deps);
      const { link } = await linkFor(h.deps, complaint.id);
      await complainantReacts(h.deps, link.id, { reaction: 'object', reason: 'Niet eens.' });
      const rows = rowsOf<{
        id: number;
        idempotency_key: string;
        payload: ClaimedMessage['payload'];
      }>(
        await h.db.handle.db.execute(sql`select id, idempotency_key, payload from outbox
        where complaint_id = ${complaint.id} and kind = 'complainant_reacted'`),
      );
      const row = rows[0]!;
      const rendered = await composeOutboxMessage(
        h.deps,
        {
          id: Number(row.id),
          idempotencyKey: row.idempotency_key,
          kind: 'complainant_reacted',
          recipient: { personId: 'piet' },
          complaintId: complaint.id,
          payload: row.payload,
          attempts: 1,
          deliveredVia: [],
        },
        'nl',
      );
      expect(rendered?.recipient?.id).toBe('piet');
      expect(rendered?.model.title).toBe(`De klager reageerde op ${complaint.reference}`);
      expect(rendered?.model.intro).toMatch(/bezwaar gemaakt/);
      expect(rendered?.model.sections).toEqual([
        { heading: 'Bezwaar van de klager', text: 'Niet eens.' },
      ]);
    });

    it('accepts: the complaint closes as accepted', async () => {
      const complaint = await rejectedComplaint(h.deps);
      const { token } = await linkFor(h.deps, complaint.id);
      const { client, page } = await open(token);
      const posted = await client.post(
        '/klager/reactie',
        reactionForm(token, client.csrf, { v: hiddenValue(page.text, 'v')!, reaction: 'accept' }),
      );
      expect(posted.res.status).toBe(303);
      const after = await h.deps.store.repository.findComplaint(complaint.id);
      expect(after).toMatchObject({ status: 'closed', closeReason: 'accepted' });
      expect((await auditOf(h.db, complaint.id)).at(-1)?.actor_id).toBe('complainant');
      const confirmation = await client.get(posted.res.headers.get('location')!);
      expect(confirmation.text).toContain('U was akkoord met de uitkomst.');
    });

    it('an objection without a reason is refused next to the field, and nothing changes', async () => {
      const complaint = await rejectedComplaint(h.deps);
      const { token } = await linkFor(h.deps, complaint.id);
      const { client, page } = await open(token);
      const before = await snapshot(h.db, complaint.id);
      const posted = await client.post(
        '/klager/reactie',
        reactionForm(token, client.csrf, {
          v: hiddenValue(page.text, 'v')!,
          reaction: 'object',
          reason: '   ',
        }),
      );
      expect(posted.res.status).toBe(400);
      expect(posted.text).toContain('aria-describedby="reason-hint reason-error"');
      expect(posted.text).toContain('aria-invalid="true"');
      expect(posted.text).toContain('<p class="error" id="reason-error">Schrijf op waarom');
      expect(posted.text).toContain('<a href="#reason">');
      expect(await snapshot(h.db, complaint.id)).toEqual(before);
    });

    it('a reaction from an outdated page is refused as stale', async () => {
      const complaint = await rejectedComplaint(h.deps);
      const { link, token } = await linkFor(h.deps, complaint.id);
      const { client, page } = await open(token);
      const old = hiddenValue(page.text, 'v')!;
      // Another tab objected meanwhile.
      await complainantReacts(h.deps, link.id, {
        reaction: 'object',
        reason: 'In het andere tabblad.',
      });
      const before = await snapshot(h.db, complaint.id);
      const posted = await client.post(
        '/klager/reactie',
        reactionForm(token, client.csrf, { v: old, reaction: 'accept' }),
      );
      expect(posted.res.status).toBe(409);
      expect(posted.text).toContain('Deze pagina was niet meer actueel');
      expect(await snapshot(h.db, complaint.id)).toEqual(before);
    });

    it('answers an information request: the answer is the complainant’s, the handler told', async () => {
      const complaint = await registerClientComplaint(h.deps);
      await actAs(h.deps, 'piet', complaint.id, 'request_info', {
        question: 'Op welke dagen was u thuis?',
      });
      const { token } = await linkFor(h.deps, complaint.id);
      const { client, page } = await open(token);
      expect(page.text).toContain('Op welke dagen was u thuis?');
      expect(page.text).toContain('enctype="multipart/form-data"');
      const form = new FormData();
      form.set('t', token);
      form.set('csrf', client.csrf);
      form.set('v', hiddenValue(page.text, 'v')!);
      form.set('answer', 'Maandag en dinsdag.');
      const posted = await client.post('/klager/antwoord', form);
      expect(posted.res.status).toBe(303);
      const after = await h.deps.store.repository.findComplaint(complaint.id);
      expect(after?.status).toBe('registered');
      const [request] = await h.deps.store.repository.listInfoRequests(complaint.id);
      expect(request?.answer).toBe('Maandag en dinsdag.');
      expect((await auditOf(h.db, complaint.id)).at(-1)).toMatchObject({
        action: 'provide_info',
        actor_id: 'complainant',
      });
      expect(await outboxTo(h.db, complaint.id, 'complainant_reacted')).toEqual([
        { person: 'piet' },
      ]);
      expect(await outboxTo(h.db, complaint.id, 'info_provided')).toEqual([]);
    });

    it('an oversized file refuses the whole answer while it streams, and nothing is written', async () => {
      const complaint = await registerClientComplaint(h.deps);
      await actAs(h.deps, 'piet', complaint.id, 'request_info', { question: 'Foto?' });
      const { token } = await linkFor(h.deps, complaint.id);
      const { client, page } = await open(token);
      const before = await snapshot(h.db, complaint.id);
      const form = new FormData();
      form.set('t', token);
      form.set('csrf', client.csrf);
      form.set('v', hiddenValue(page.text, 'v')!);
      form.set('answer', 'Zie de foto.');
      const big = new Uint8Array(10 * 1024 * 1024 + 1);
      form.set('file', new Blob([big], { type: 'image/png' }), 'foto.png');
      const posted = await client.post('/klager/antwoord', form);
      expect(posted.res.status).toBe(413);
      expect(posted.text).toContain('het bestand is groter dan 10 MB');
      expect(posted.text).toContain('Zie de foto.');
      expect(await snapshot(h.db, complaint.id)).toEqual(before);
    });

    it('a refused file refuses the whole answer: nothing is written', async () => {
      const complaint = await registerClientComplaint(h.deps);
      await actAs(h.deps, 'piet', complaint.id, 'request_info', { question: 'Bewijs?' });
      const { token } = await linkFor(h.deps, complaint.id);
      const { client, page } = await open(token);
      const before = await snapshot(h.db, complaint.id);
      const form = new FormData();
      form.set('t', token);
      form.set('csrf', client.csrf);
      form.set('v', hiddenValue(page.text, 'v')!);
      form.set('answer', 'Zie bijlage.');
      form.set('file', new Blob(['MZ\x90\x00'], { type: 'application/x-msdownload' }), 'setup.exe');
      const posted = await client.post('/klager/antwoord', form);
      expect(posted.res.status).not.toBe(303);
      expect(posted.text).toContain('Zie bijlage.');
      expect(await snapshot(h.db, complaint.id)).toEqual(before);
    });

    it('an answer with an allowed file stores both, the file as the complainant’s', async (_ctx) => {
      const complaint = await registerClientComplaint(h.deps);
      await actAs(h.deps, 'piet', complaint.id, 'request_info', { question: 'De factuur?' });
      const { token } = await linkFor(h.deps, complaint.id);
      const { client, page } = await open(token);
      const form = new FormData();
      form.set('t', token);
      form.set('csrf', client.csrf);
      form.set('v', hiddenValue(page.text, 'v')!);
      form.set('answer', 'Hierbij de factuur.');
      const pdf = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';
      form.set('file', new Blob([pdf], { type: 'application/pdf' }), 'factuur <maart>.pdf');
      const posted = await client.post('/klager/antwoord', form);
      expect(posted.res.status).toBe(303);
      expect((await snapshot(h.db, complaint.id)).attachments).toEqual([
        { file_name: expect.stringContaining('factuur'), added_by: 'complainant' },
      ]);
      const [request] = await h.deps.store.repository.listInfoRequests(complaint.id);
      expect(request?.answer).toBe('Hierbij de factuur.');
    });

    it('a body beyond any acceptable form is drained and answered 413, nothing written', async () => {
      const complaint = await registerClientComplaint(h.deps);
      await actAs(h.deps, 'piet', complaint.id, 'request_info', { question: 'Bestanden?' });
      const { token } = await linkFor(h.deps, complaint.id);
      const { client } = await open(token);
      const before = await snapshot(h.db, complaint.id);
      const form = new FormData();
      form.set('t', token);
      form.set('csrf', client.csrf);
      form.set('answer', 'Te veel.');
      form.set('file', new Blob([new Uint8Array(13 * 1024 * 1024)]), 'groot.pdf');
      const posted = await client.post('/klager/antwoord', form);
      expect(posted.res.status).toBe(413);
      expect(posted.text).toContain('Het bestand is te groot');
      expect(await snapshot(h.db, complaint.id)).toEqual(before);
    });

    it('the use cases refuse a reaction the complaint does not await', async () => {
      const complaint = await registerClientComplaint(h.deps);
      const { link } = await linkFor(h.deps, complaint.id);
      await expect(
        complainantReacts(h.deps, link.id, { reaction: 'accept' }),
      ).rejects.toMatchObject({
        code: 'complaint.invalid_transition',
      });
      await expect(
        complainantAnswers(h.deps, link.id, { answer: 'x', files: [] }),
      ).rejects.toMatchObject({ code: 'complaint.invalid_transition' });
    });
  });

  describe('refusals change nothing', () => {
    async function expectUnchanged(
      complaintId: string,
      request: () => Promise<{ res: Response; text: string }>,
      status: number,
      text: RegExp,
    ) {
      const before = await snapshot(h.db, complaintId);
      const { res, text: body } = await request();
      expect(res.status).toBe(status);
      expect(body).toMatch(text);
      expect(await snapshot(h.db, complaintId)).toEqual(before);
      return body;
    }

    it('a forged, tampered, foreign or expired token gets the contact page', async () => {
      const complaint = await rejectedComplaint(h.deps);
      const { link, token } = await linkFor(h.deps, complaint.id);
      const other = await rejectedComplaint(h.deps);
      const { link: otherLink } = await linkFor(h.deps, other.id);
      const [body, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
      const tampered = `${Buffer.from(JSON.stringify({ ...claims, sub: otherLink.id })).toString('base64url')}.${signature}`;
      const exp = Math.floor(link.expiresAt.getTime() / 1000);
      const tokens: [string, number][] = [
        ['not-a-token', 404],
        [`${body}.AAAA${signature!.slice(4)}`, 404],
        [tampered, 404],
        [signToken('another-secret', { purpose: 'complainant', sub: link.id, exp }), 404],
        [signToken(LINK_SECRET, { purpose: 'download', sub: link.id, exp, pid: 'piet' }), 404],
        [signToken(LINK_SECRET, { purpose: 'complainant', sub: link.id, exp: 1_000 }), 410],
      ];
      // A real page first, for a valid CSRF cookie.
      const { client } = await open(token);
      for (const [bad, status] of tokens) {
        const got = await expectUnchanged(
          complaint.id,
          () => client.get(`/klager?t=${encodeURIComponent(bad)}`),
          status,
          /Deze link werkt niet/,
        );
        expect(got).toContain('030 123 45 67');
        expect(got).toContain('klachten@demo.example');
        expect(got).not.toContain(complaint.reference);
        await expectUnchanged(
          complaint.id,
          () =>
            client.post(
              '/klager/reactie',
              reactionForm(bad, client.csrf, { reaction: 'object', reason: 'Vals.' }),
            ),
          status,
          /Deze link werkt niet/,
        );
        await expectUnchanged(
          other.id,
          () =>
            client.post('/klager/reactie', reactionForm(bad, client.csrf, { reaction: 'accept' })),
          status,
          /Deze link werkt niet/,
        );
      }
      expect((await h.deps.store.repository.findComplaint(complaint.id))?.status).toBe('rejected');
      expect((await h.deps.store.repository.findComplaint(other.id))?.status).toBe('rejected');
    });

    it('a link past its days is expired even with a token that is not', async () => {
      const complaint = await rejectedComplaint(h.deps);
      const { link } = await linkFor(h.deps, complaint.id);
      const token = signToken(LINK_SECRET, {
        purpose: 'complainant',
        sub: link.id,
        exp: Math.floor(link.expiresAt.getTime() / 1000) + 365 * 86_400,
      });
      const { client } = await open(token);
      h.deps.clock.advance(31 * 86_400_000);
      try {
        await expectUnchanged(
          complaint.id,
          () => client.get(`/klager?t=${encodeURIComponent(token)}`),
          410,
          /Deze link is verlopen of ingetrokken/,
        );
      } finally {
        h.deps.clock.set('2026-04-20T08:00:00Z');
      }
    });

    it('a revoked link: staff revoke it (audited), then it changes nothing', async () => {
      const complaint = await rejectedComplaint(h.deps);
      const { token } = await linkFor(h.deps, complaint.id);
      const { client, page } = await open(token);
      const mo = (await h.deps.store.repository.findPerson('mo'))!;
      await expect(
        revokeComplainantLinks(h.deps, { kind: 'person', person: mo }, complaint.id),
      ).rejects.toMatchObject({ code: 'complaint.not_permitted' });
      const piet = (await h.deps.store.repository.findPerson('piet'))!;
      expect(
        await revokeComplainantLinks(h.deps, { kind: 'person', person: piet }, complaint.id),
      ).toBe(1);
      expect((await auditOf(h.db, complaint.id)).at(-1)).toEqual({
        action: 'complainant_link_revoked',
        actor_id: 'piet',
        outcome: 'done',
      });
      await expectUnchanged(
        complaint.id,
        () => client.get(`/klager?t=${encodeURIComponent(token)}`),
        410,
        /Deze link werkt niet/,
      );
      await expectUnchanged(
        complaint.id,
        () =>
          client.post(
            '/klager/reactie',
            reactionForm(token, client.csrf, {
              v: hiddenValue(page.text, 'v')!,
              reaction: 'object',
              reason: 'Toch nog.',
            }),
          ),
        410,
        /Deze link werkt niet/,
      );
    });

    it('without the CSRF token, with a wrong one or from another origin: 403', async () => {
      const complaint = await rejectedComplaint(h.deps);
      const { token } = await linkFor(h.deps, complaint.id);
      const { client, page } = await open(token);
      const v = hiddenValue(page.text, 'v')!;
      const fields = { v, reaction: 'accept' };
      const stranger = new Client(h.baseUrl);
      await expectUnchanged(
        complaint.id,
        () => stranger.post('/klager/reactie', reactionForm(token, client.csrf, fields)),
        403,
        /Uw formulier is niet verwerkt/,
      );
      await expectUnchanged(
        complaint.id,
        () => client.post('/klager/reactie', new URLSearchParams({ t: token, ...fields })),
        403,
        /Uw formulier is niet verwerkt/,
      );
      await expectUnchanged(
        complaint.id,
        () => client.post('/klager/reactie', reactionForm(token, 'A'.repeat(43), fields)),
        403,
        /Uw formulier is niet verwerkt/,
      );
      await expectUnchanged(
        complaint.id,
        () =>
          client.post('/klager/reactie', reactionForm(token, client.csrf, fields), {
            origin: 'https://evil.example',
          }),
        403,
        /Uw formulier is niet verwerkt/,
      );
      await expectUnchanged(
        complaint.id,
        () =>
          client.post('/klager/reactie', reactionForm(token, client.csrf, fields), {
            referer: 'https://evil.example/page',
          }),
        403,
        /Uw formulier is niet verwerkt/,
      );
      // The same request from our own origin goes through.
      const ok = await client.post('/klager/reactie', reactionForm(token, client.csrf, fields), {
        origin: h.baseUrl,
      });
      expect(ok.res.status).toBe(303);
    });
  });

  describe('rate limits', () => {
    it('per client IP: 429 with a page, nothing changed', async () => {
      const limited = await startPage({
        db: h.db,
        rateLimits: { perIp: { limit: 3, windowMs: 60_000 } },
      });
      try {
        const complaint = await rejectedComplaint(limited.deps);
        const { token } = await linkFor(limited.deps, complaint.id);
        const client = new Client(limited.baseUrl);
        for (let i = 0; i < 3; i++) {
          expect((await client.get(`/klager?t=${encodeURIComponent(token)}`)).res.status).toBe(200);
        }
        const before = await snapshot(h.db, complaint.id);
        const refused = await client.post(
          '/klager/reactie',
          reactionForm(token, client.csrf, { reaction: 'accept' }),
        );
        expect(refused.res.status).toBe(429);
        expect(refused.res.headers.get('retry-after')).toBe('600');
        expect(refused.text).toContain('Er kwamen te veel verzoeken tegelijk binnen');
        expect(await snapshot(h.db, complaint.id)).toEqual(before);
        // The window passes: the page opens again.
        limited.deps.clock.advance(60_000);
        expect((await client.get(`/klager?t=${encodeURIComponent(token)}`)).res.status).toBe(200);
      } finally {
        await limited.close();
      }
    });

    it('per link: its forms are limited whatever the address', async () => {
      const limited = await startPage({
        db: h.db,
        rateLimits: { perLink: { limit: 2, windowMs: 60_000 } },
      });
      try {
        const complaint = await rejectedComplaint(limited.deps);
        const { token } = await linkFor(limited.deps, complaint.id);
        const client = new Client(limited.baseUrl);
        await client.get(`/klager?t=${encodeURIComponent(token)}`);
        const empty = () =>
          client.post(
            '/klager/reactie',
            reactionForm(token, client.csrf, { reaction: 'object', reason: '' }),
          );
        expect((await empty()).res.status).toBe(400);
        expect((await empty()).res.status).toBe(400);
        expect((await empty()).res.status).toBe(429);
      } finally {
        await limited.close();
      }
    });
  });
});
