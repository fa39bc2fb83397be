import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackSignature } from '../fakes/slack-client.js';
import { type Harness, OLD_SECRET, startHarness, USERS } from './harness.js';

describe('Slack endpoint: signatures, body limits and retries', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  const now = () => Math.floor(Date.now() / 1000);

  it('answers url_verification with the challenge', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 'x' });
    const res = await h.slack.send(body, 'application/json');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ challenge: 'c-123' });
  });

  it('rejects a forged signature and changes nothing', async () => {
    const opened = h.fake.callsOf('views.open').length;
    const res = await h.slack.command(USERS.mo, '', { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    const garbage = await h.slack.command(USERS.mo, '', { signature: 'v0=00' });
    expect(garbage.status).toBe(401);
    const missing = await fetch(`${h.service.url}/slack/events`, { method: 'POST', body: 'a=b' });
    expect(missing.status).toBe(401);
    expect(h.fake.callsOf('views.open')).toHaveLength(opened);
  });

  it('rejects a stale and a future timestamp (symmetric five-minute window)', async () => {
    const stale = await h.slack.command(USERS.mo, 'help', { timestamp: now() - 6 * 60 });
    expect(stale.status).toBe(401);
    const future = await h.slack.command(USERS.mo, 'help', { timestamp: now() + 6 * 60 });
    expect(future.status).toBe(401);
    const nearFuture = await h.slack.command(USERS.mo, 'help', { timestamp: now() + 60 });
    expect(nearFuture.status).toBe(200);
  });

  it('accepts the previous signing secret during a rotation', async () => {
    const res = await h.slack.command(USERS.mo, 'help', { secret: OLD_SECRET });
    expect(res.status).toBe(200);
    expect(res.json?.text).toContain('/klacht');
  });

  it('refuses an oversized body with 413 before verifying anything', async () => {
    const big = `payload=${'x'.repeat(1024 * 1024 + 10)}`;
    const ts = now();
    const res = await h.slack.send(big, 'application/x-www-form-urlencoded', {
      timestamp: ts,
      signature: slackSignature('x', ts, big),
    });
    expect(res.status).toBe(413);
  });

  it('answers a 5 MB body with a real 413 (not a reset), declared or streamed, every time', async () => {
    const url = `${h.service.url}/slack/events`;
    const body = `payload=${'x'.repeat(5 * 1024 * 1024)}`;
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    for (let i = 0; i < 3; i++) {
      // fetch throws on a reset connection, so only a real answer passes.
      const declared = await fetch(url, { method: 'POST', headers, body });
      expect(declared.status).toBe(413);
      expect(await declared.json()).toEqual({ error: 'payload_too_large' });
      const streamed = await fetch(url, {
        method: 'POST',
        headers,
        body: new Blob([body]).stream(),
        duplex: 'half',
      } as RequestInit);
      expect(streamed.status).toBe(413);
    }
    const after = await h.slack.command(USERS.mo, 'help');
    expect(after.status).toBe(200);
  });

  it('acknowledges a retried event without running it twice', async () => {
    const before = h.fake.callsOf('views.publish').length;
    const event = { type: 'app_home_opened', user: USERS.mo.id, channel: 'DHOME', tab: 'home' };
    expect((await h.slack.event(event, 'EvRetry1')).status).toBe(200);
    await h.fake.waitFor(() => h.fake.callsOf('views.publish').length > before);
    const retry = await h.slack.event(event, 'EvRetry1', { headers: { 'x-slack-retry-num': '1' } });
    expect(retry.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.callsOf('views.publish')).toHaveLength(before + 1);
  });
});
