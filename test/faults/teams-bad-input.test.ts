// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the tests type `${...}` on purpose (it must stay literal)
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Complaint } from '../../src/domain/complaint.js';
import {
  executeActivity,
  messageActivity,
  TEAMS_USERS,
  type TeamsUser,
} from '../fakes/teams-activities.js';
import {
  actionOf,
  type Card,
  cardOf,
  startTeamsHarness,
  type TeamsHarness,
  textsOf,
  waitFor,
} from '../teams/harness.js';
import { sleep, writes } from './support.js';

const { mo, piet, hanna } = TEAMS_USERS;

/** Bad input at the Teams edge (Bot Framework activities): answered clearly, nothing written. */
describe('faults: bad input over Teams', () => {
  let h: TeamsHarness;
  let before: Record<string, number>;
  const opts = () => ({ serviceUrl: h.connector.url });

  beforeAll(async () => {
    h = await startTeamsHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });
  beforeEach(async () => {
    before = await writes(h.service.database);
  });
  const nothingWritten = async () => expect(await writes(h.service.database)).toEqual(before);
  const load = async (ref: string) =>
    (await h.service.deps.store.repository.findComplaint(ref)) as Complaint;

  async function rawPost(body: string | Buffer, contentType = 'application/json') {
    const res = await fetch(`${h.service.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    return res.status; // a reset connection throws: only a real answer counts
  }

  async function execute(
    user: TeamsUser,
    verb: string,
    data: Record<string, unknown>,
    id?: string,
  ) {
    const res = await h.post(
      executeActivity(user, verb, data, { ...opts(), ...(id ? { id } : {}) }),
    );
    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; value: Card };
    expect(body.statusCode).toBe(200);
    return body.value;
  }

  async function report(user: TeamsUser, fields: Record<string, string>) {
    const id = randomUUID();
    expect((await h.post(messageActivity(user, 'klacht', { ...opts(), id }))).status).toBe(200);
    const reply = await waitFor(
      () => h.connector.calls.find((c) => c.activityId === id && c.body.type === 'message'),
      'the report form',
    );
    const submit = actionOf(cardOf(reply), 'kb_report');
    const done = await execute(user, 'kb_report', { ...submit.data, ...fields });
    const reference = /KL-\d{4}-\d{4}/.exec(textsOf(done).join(' '))?.[0];
    expect(reference, textsOf(done).join(' ')).toBeTruthy();
    return reference as string;
  }

  it('malformed JSON → 400, a JSON array → 400, another content type → 415', async () => {
    expect(await rawPost('{"type":"message",')).toBe(400);
    expect(await rawPost('[1,2]')).toBe(400);
    expect(await rawPost(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))).toBe(400);
    expect(await rawPost('type=message', 'application/x-www-form-urlencoded')).toBe(415);
    await nothingWritten();
  });

  it('a body over the limit (512 KiB) → 413', async () => {
    const big = JSON.stringify({ type: 'message', text: 'x'.repeat(600 * 1024) });
    expect(await rawPost(big)).toBe(413);
    await nothingWritten();
  });

  it('a 5 MB body → a real 413 (not a reset), declared or streamed, every time', async () => {
    const big = JSON.stringify({ type: 'message', text: 'x'.repeat(5 * 1024 * 1024) });
    for (let i = 0; i < 3; i++) {
      expect(await rawPost(big)).toBe(413);
      const streamed = await fetch(`${h.service.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new Blob([big]).stream(),
        duplex: 'half',
      } as RequestInit);
      expect(streamed.status).toBe(413);
    }
    await nothingWritten();
  });

  describe('card actions', () => {
    let mine: string;
    let mineId: string;
    let othersId: string;

    beforeAll(async () => {
      mine = await report(mo, { description: 'Teams-knoppen.', categoryKey: 'dienstverlening' });
      mineId = (await load(mine)).id;
      othersId = (
        await load(await report(mo, { description: 'Van Hanna.', categoryKey: 'overig' }))
      ).id;
      await sleep(200);
    });

    it('an unknown verb → a card saying nothing changed, nothing written', async () => {
      const card = await execute(piet, 'kb_self_destruct', {
        complaintId: mineId,
        version: 1,
        kind: 'handler_card',
      });
      expect(textsOf(card).join(' ')).toContain('niets veranderd');
      const auto = await execute(piet, 'kb_auto_close', { complaintId: mineId, version: 1 });
      expect(textsOf(auto).join(' ')).toMatch(/niets veranderd|niet uitvoeren/);
      await nothingWritten();
    });

    it('Action.Execute without complaint data is answered with a card, nothing written', async () => {
      const res = await h.post(executeActivity(piet, 'kb_declare_founded', {}, opts()));
      expect(res.status).toBe(200);
      const body = res.body as { statusCode: number; value: Card };
      expect(body.statusCode).toBe(200);
      expect(textsOf(body.value).join(' ')).toMatch(/niets (veranderd|opgeslagen)/);
      await nothingWritten();
    });

    it('tampered data: another complaint id or a wrong version → refused, nothing written', async () => {
      const other = await execute(piet, 'kb_declare_founded', {
        complaintId: othersId,
        version: 1,
        kind: 'handler_card',
      });
      expect(textsOf(other).join(' ')).not.toContain('Van Hanna.'); // no peek at its details
      const missing = await execute(piet, 'kb_declare_founded', {
        complaintId: '00000000-0000-4000-8000-000000000000',
        version: 1,
      });
      expect(missing).toBeTruthy();
      const stale = await execute(piet, 'kb_declare_founded', {
        complaintId: mineId,
        version: 9,
        kind: 'handler_card',
      });
      expect(textsOf(stale).join(' ').length).toBeGreaterThan(0);
      const wrongType = await execute(piet, 'kb_declare_founded', {
        complaintId: { $ne: null },
        version: 'one',
      });
      expect(wrongType).toBeTruthy();
      await nothingWritten();
      expect((await load(mine)).status).toBe('registered');
      expect((await h.service.deps.store.repository.findComplaint(othersId))?.status).toBe(
        'registered',
      );
      // Hanna (the handler) cannot be impersonated by a third person either.
      expect(hanna.id).toBe('hanna');
    });

    it('a duplicate invoke (same activity id) acts once', async () => {
      const id = randomUUID();
      const data = { complaintId: mineId, version: 1, kind: 'handler_card' };
      const [a, b] = await Promise.all([
        execute(piet, 'kb_declare_founded', data, id),
        execute(piet, 'kb_declare_founded', data, id),
      ]);
      expect(a && b).toBeTruthy();
      await execute(piet, 'kb_declare_founded', data, id); // a later retry too
      const complaint = await load(mine);
      expect(complaint.status).toBe('in_treatment');
      expect(complaint.version).toBe(2);
      const audit = await h.service.deps.store.repository.listAudit(complaint.id);
      expect(
        audit.filter((e) => e.action === 'declare_founded' && e.outcome === 'done'),
      ).toHaveLength(1);
    });
  });

  it('Adaptive Card template syntax in every free-text field stays literal', async () => {
    const fields = {
      description: '${description} ${$root.secret} {{name}} ${if(true, "a", "b")}',
      desiredOutcome: '${desiredOutcome}',
      complainantName: '${complainantName}',
      complainantContact: '${$host.user}',
      relatedTo: '${$data}',
    };
    const reference = await report(mo, { ...fields, categoryKey: 'dienstverlening' });
    const stored = await load(reference);
    expect(stored.description).toBe(fields.description);
    expect(stored.desiredOutcome).toBe(fields.desiredOutcome);
    expect(stored.complainant.name).toBe(fields.complainantName);
    expect(stored.complainant.contact).toBe(fields.complainantContact);
    expect(stored.relatedTo).toBe(fields.relatedTo);
    // The handler's detailed view renders them as typed.
    const base = await waitFor(
      () =>
        h.connector
          .delivered()
          .filter((c) => c.conversationId === `a:personal-${piet.id}`)
          .filter((c) => textsOf(c.body).some((t) => t.includes(reference)))
          .at(-1),
      'the handler card',
    );
    const full = await execute(piet, 'kb_refresh', actionOf(cardOf(base), 'kb_refresh').data);
    const text = textsOf(full).join('\n');
    expect(text).toContain(fields.description);
    expect(text).toContain('${complainantName}');
  });

  it('Markdown in user text is never live: it sits in TextRuns, not in TextBlocks or facts', async () => {
    const link = '[Open zaak 42](https://evil.example/zaak/42)';
    const fields = {
      description: `${link} **Goedgekeurd** door de directeur\n- Status: Gesloten`,
      complainantName: '[Klik hier](https://evil.example/naam)',
      relatedTo: '_Order_ **42**',
    };
    const reference = await report(mo, { ...fields, categoryKey: 'dienstverlening' });
    const base = await waitFor(
      () =>
        h.connector
          .delivered()
          .filter((c) => c.conversationId === `a:personal-${piet.id}`)
          .filter((c) => textsOf(c.body).some((t) => t.includes(reference)))
          .at(-1),
      'the handler card',
    );
    const full = await execute(piet, 'kb_refresh', actionOf(cardOf(base), 'kb_refresh').data);
    // Where each string of the card sits: the element type that holds it.
    const places: { type: string; text: string }[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (typeof o.text === 'string') places.push({ type: String(o.type), text: o.text });
      if (o.type === 'FactSet') {
        for (const f of (o.facts ?? []) as { value: string }[]) {
          places.push({ type: 'Fact', text: f.value });
        }
      }
      for (const value of Object.values(o)) walk(value);
    };
    walk(full);
    for (const needle of [link, fields.complainantName, fields.relatedTo, '**Goedgekeurd**']) {
      const holders = places.filter((p) => p.text.includes(needle));
      expect(holders.length, needle).toBeGreaterThan(0);
      expect(
        holders.map((p) => p.type),
        needle,
      ).toEqual(holders.map(() => 'TextRun'));
    }
    expect(places.filter((p) => p.type !== 'TextRun' && p.text.includes('evil.example'))).toEqual(
      [],
    );
  });
});
