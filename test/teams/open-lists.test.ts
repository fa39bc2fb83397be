// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the description types `${...}` on purpose (it must stay literal)
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src/app/messages/catalogue.js';
import { reportComplaint } from '../../src/app/report-complaint.js';
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
  verbsOf,
  waitFor,
} from './harness.js';

const { mo, dirk, kim, hanna } = TEAMS_USERS;

let h: TeamsHarness;
const opts = () => ({ serviceUrl: h.connector.url });

beforeAll(async () => {
  h = await startTeamsHarness();
});
afterAll(async () => {
  await h?.stop();
});

async function say(user: TeamsUser, text: string): Promise<Card> {
  const id = randomUUID();
  const res = await h.post(messageActivity(user, text, { ...opts(), id }));
  expect(res.status).toBe(200);
  const reply = await waitFor(
    () => h.connector.calls.find((c) => c.activityId === id && c.body.type === 'message'),
    `reply to ${text}`,
  );
  return cardOf(reply);
}

async function execute(user: TeamsUser, verb: string, data: Record<string, unknown>) {
  const res = await h.post(executeActivity(user, verb, data, opts()));
  expect(res.status).toBe(200);
  const body = res.body as { statusCode: number; value: Card };
  expect(body.statusCode).toBe(200);
  return body.value;
}

async function file(reporterId: string, description: string, categoryKey = 'dienstverlening') {
  const { complaint } = await reportComplaint(h.service.deps, {
    reporterId,
    categoryKey,
    description,
    intakeKey: `test:${randomUUID()}`,
  });
  return complaint;
}

const openVerbs = (card: Card) =>
  ((card.actions as { verb: string; data: { complaintId?: string } }[]) ?? [])
    .filter((a) => a.verb === 'kb_open')
    .map((a) => a.data.complaintId ?? '');

describe('Teams: open a complaint by reference', () => {
  it('shows the whole complaint with deadlines, history and actions; refused == unknown', async () => {
    const description = `${'Lekkage & ${schade} <b>bij</b> de klant. '.repeat(80)}`.slice(0, 3000);
    expect(description.length).toBe(3000);
    const complaint = await file('mo', description);

    const card = await say(mo, `open ${complaint.reference}`);
    const texts = textsOf(card);
    expect(texts).toContain(description);
    const all = texts.join('\n');
    expect(all).toContain('Inhoudelijke terugkoppeling');
    expect(all).toContain('Afhandeling');
    expect(all).toContain('Verloop');
    expect(all).toMatch(/\d{4} — Mo Medewerker: gemeld/);
    expect(verbsOf(card)).toContain('kb_withdraw');

    const same = await say(mo, `klacht ${complaint.reference.toLowerCase()}`);
    expect(textsOf(same)).toContain(description);

    const refused = await say(hanna, `open ${complaint.reference}`);
    const unknown = await say(hanna, 'open KL-2099-9999');
    expect(refused).toEqual(unknown);
    expect(textsOf(refused)).toContain(translate('nl', 'error.complaint.not_found'));
    expect(textsOf(refused).join(' ')).not.toContain('Lekkage');

    // The detail's buttons are the usual card actions: withdrawing from it works.
    const withdraw = actionOf(card, 'kb_withdraw');
    await execute(mo, 'kb_withdraw', withdraw.data);
    await waitFor(
      async () =>
        (await h.service.deps.store.repository.findComplaint(complaint.id))?.status === 'withdrawn',
      'the withdrawal',
    );
  });
});

describe('Teams: lists with paging', () => {
  it('my complaints: four per page with Open buttons, "Meer" continues', async () => {
    for (let i = 1; i <= 7; i++) await file('hanna', `Teams melding ${i}`, 'product');
    const first = await say(hanna, 'mijn klachten');
    const page1 = openVerbs(first);
    expect(page1).toHaveLength(4);
    const more = actionOf(first, 'kb_list_more');
    expect(more.data).toMatchObject({ list: 'mine', offset: 4 });

    const second = await execute(hanna, 'kb_list_more', more.data);
    const page2 = openVerbs(second);
    expect(page2).toHaveLength(3);
    expect(new Set([...page1, ...page2]).size).toBe(7);
    expect(verbsOf(second)).not.toContain('kb_list_more');

    const detail = await execute(hanna, 'kb_open', actionOf(second, 'kb_open').data);
    expect(textsOf(detail).join(' ')).toMatch(/Teams melding \d/);
  });

  it('assigned (overdue first), open, overdue and per category; overviews only for overseers', async () => {
    const late = await file('mo', 'Te laat in Teams.', 'facturatie');
    await h.service.database.db.execute(
      sql`update complaints set feedback_due = '2020-01-06', decision_due = '2020-01-10' where id = ${late.id}`,
    );
    const assigned = await say(hanna, 'toegewezen');
    expect(openVerbs(assigned)[0]).toBe(late.id);
    expect(textsOf(assigned).join(' ')).toContain('⚠');

    expect(openVerbs(await say(dirk, 'te laat'))).toEqual([late.id]);
    expect(openVerbs(await say(dirk, 'overdue'))).toEqual([late.id]);
    const open = await say(kim, 'open klachten');
    expect(openVerbs(open)[0]).toBe(late.id);
    expect(verbsOf(open)).toContain('kb_list_more');
    const category = await say(dirk, 'rubriek Facturatie');
    expect(openVerbs(category)).toEqual([late.id]);
    expect(textsOf(category).join(' ')).toContain('Facturatie');
    const unknownCategory = await say(dirk, 'rubriek bestaat-niet');
    expect(textsOf(unknownCategory)).toContain(translate('nl', 'error.category.not_found'));

    const refused = await say(mo, 'open klachten');
    expect(openVerbs(refused)).toEqual([]);
    expect(textsOf(refused)).toContain(translate('nl', 'list.restricted'));
  });

  it('help names the new words', async () => {
    const help = await say(mo, 'help');
    const text = textsOf(help).join(' ');
    expect(text).toContain('toegewezen');
    expect(text).toContain('open KL-2026-0042');
  });
});
