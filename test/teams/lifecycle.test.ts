// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests type `${...}` on purpose (it must stay literal)
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const { mo, piet, dirk, hanna } = TEAMS_USERS;

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

async function execute(
  user: TeamsUser,
  verb: string,
  data: Record<string, unknown>,
  id?: string,
): Promise<Card> {
  const res = await h.post(executeActivity(user, verb, data, { ...opts(), ...(id ? { id } : {}) }));
  expect(res.status).toBe(200);
  const body = res.body as { statusCode: number; value: Card };
  expect(body.statusCode).toBe(200);
  return body.value;
}

/** Reports a complaint through the `klacht` form and returns its reference. */
async function report(user: TeamsUser, fields: Record<string, string>): Promise<string> {
  const form = await say(user, 'klacht');
  const submit = actionOf(form, 'kb_report');
  const done = await execute(user, 'kb_report', { ...submit.data, ...fields });
  const text = textsOf(done).join(' ');
  const reference = /KL-\d{4}-\d{4}/.exec(text)?.[0];
  expect(reference, text).toBeTruthy();
  return reference as string;
}

/** The newest card the bot posted (or updated) in a person's 1:1 chat for a complaint. */
async function latestCard(user: TeamsUser, reference: string, kind: string): Promise<Card> {
  const call = await waitFor(() => {
    const found = h.connector
      .delivered()
      .filter((c) => textsOf(c.body).some((t) => t.includes(reference)))
      .filter((c) => {
        const card = cardOf(c);
        const refresh = card.refresh as
          | { userIds?: string[]; action: { data: { kind?: string } } }
          | undefined;
        if (refresh?.action.data.kind !== kind) return false;
        const users = refresh.userIds ?? [];
        return users.some((u) => u === user.mri || u === `8:orgid:${user.aadObjectId}`);
      });
    return found.at(-1);
  }, `${kind} card for ${user.id} about ${reference}`);
  return cardOf(call);
}

/** The user-specific view: what Teams fetches through `refresh` for an allowed user. */
async function open(user: TeamsUser, base: Card): Promise<Card> {
  const refresh = actionOf(base, 'kb_refresh');
  return execute(user, 'kb_refresh', refresh.data);
}

/** Waits until the outbox has nothing pending (earlier tests' messages are out). */
async function outboxIdle(): Promise<void> {
  await waitFor(async () => {
    const result = await h.service.database.db.execute(
      sql`select count(*)::int as n from outbox where status = 'pending'`,
    );
    const rows = Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows;
    return Number((rows[0] as { n: number }).n) === 0;
  }, 'an idle outbox');
}

async function status(reference: string): Promise<string> {
  const complaint = await h.service.deps.store.repository.findComplaint(reference);
  return complaint?.status ?? 'missing';
}

describe('Teams: the whole procedure through Adaptive Cards', () => {
  it('reports, decides, resolves, objects, mediates and closes', async () => {
    await say(piet, 'help');
    const reference = await report(mo, {
      description: 'De monteur kwam twee keer niet opdagen.',
      categoryKey: 'dienstverlening',
      complainantType: 'client',
      complainantName: 'Bakkerij Jansen',
      occurredOn: '2026-01-05',
    });
    expect(await status(reference)).toBe('registered');

    // The handler's base card: reference, category, status only; details via refresh.
    const base = await latestCard(piet, reference, 'handler_card');
    expect(textsOf(base).join(' ')).not.toContain('monteur');
    const full = await open(piet, base);
    expect(textsOf(full).join(' ')).toContain('De monteur kwam twee keer niet opdagen.');
    expect(verbsOf(full)).toEqual(
      expect.arrayContaining(['kb_request_info', 'kb_declare_founded']),
    );

    // Ask for information (a button with a form), the reporter answers.
    const askForm = await execute(piet, 'kb_request_info', actionOf(full, 'kb_request_info').data);
    const ask = actionOf(askForm, 'kb_request_info');
    await execute(piet, 'kb_request_info', { ...ask.data, question: 'Op welke dagen?' });
    expect(await status(reference)).toBe('awaiting_info');
    const moCard = await open(mo, await latestCard(mo, reference, 'info_request'));
    const answerForm = await execute(
      mo,
      'kb_provide_info',
      actionOf(moCard, 'kb_provide_info').data,
    );
    await execute(mo, 'kb_provide_info', {
      ...actionOf(answerForm, 'kb_provide_info').data,
      answer: 'Maandag en woensdag.',
    });
    expect(await status(reference)).toBe('registered');

    // Founded (runs at once), then the resolution with an organisation-wide measure.
    let card = await open(piet, await latestCard(piet, reference, 'handler_card'));
    card = await execute(piet, 'kb_declare_founded', actionOf(card, 'kb_declare_founded').data);
    expect(await status(reference)).toBe('in_treatment');
    const resolutionForm = await execute(
      piet,
      'kb_record_resolution',
      actionOf(card, 'kb_record_resolution').data,
    );
    await execute(piet, 'kb_record_resolution', {
      ...actionOf(resolutionForm, 'kb_record_resolution').data,
      resolution: 'Nieuwe afspraak ingepland en excuses aangeboden.',
      cause: 'structural',
      correctiveMeasure: 'Monteur opnieuw ingepland.',
      improvement: 'Planning controleert dagelijks de bezetting.',
      improvementOwner: 'kim',
      improvementDueOn: '2026-12-01',
    });
    expect(await status(reference)).toBe('resolved');
    const complaint = await h.service.deps.store.repository.findComplaint(reference);
    const measures = await h.service.deps.store.repository.listMeasures(complaint!.id);
    expect(measures.some((m) => m.scope === 'organisation' && m.ownerId === 'kim')).toBe(true);

    // The reporter objects; the director appoints a mediator and records the final outcome.
    const outcome = await open(mo, await latestCard(mo, reference, 'outcome'));
    const objectForm = await execute(mo, 'kb_object', actionOf(outcome, 'kb_object').data);
    await execute(mo, 'kb_object', {
      ...actionOf(objectForm, 'kb_object').data,
      reason: 'Het duurde veel te lang.',
    });
    expect(await status(reference)).toBe('objected');
    // Dirk never talked to the bot: the 1:1 chat is created (POST /v3/conversations).
    const dirkBase = await latestCard(dirk, reference, 'objection');
    expect(h.connector.calls.some((c) => c.path === '/v3/conversations')).toBe(true);
    let dirkCard = await open(dirk, dirkBase);
    const mediatorForm = await execute(
      dirk,
      'kb_appoint_mediator',
      actionOf(dirkCard, 'kb_appoint_mediator').data,
    );
    dirkCard = await execute(dirk, 'kb_appoint_mediator', {
      ...actionOf(mediatorForm, 'kb_appoint_mediator').data,
      mediatorId: 'hanna',
    });
    expect((await h.service.deps.store.repository.findComplaint(reference))?.mediatorId).toBe(
      'hanna',
    );
    const finalForm = await execute(
      dirk,
      'kb_record_final_outcome',
      actionOf(dirkCard, 'kb_record_final_outcome').data,
    );
    await execute(dirk, 'kb_record_final_outcome', {
      ...actionOf(finalForm, 'kb_record_final_outcome').data,
      outcome: 'Gedeeltelijke vergoeding van de voorrijkosten.',
    });
    expect(await status(reference)).toBe('closed');
    const closed = await open(mo, await latestCard(mo, reference, 'closed'));
    expect(textsOf(closed).join(' ')).toContain('Gedeeltelijke vergoeding van de voorrijkosten.');
  });

  it('short paths: unfounded and accepted; withdrawn by the reporter', async () => {
    const reference = await report(mo, {
      description: 'De factuur klopte niet.',
      categoryKey: 'facturatie',
    });
    let card = await open(hanna, await latestCard(hanna, reference, 'handler_card'));
    const form = await execute(
      hanna,
      'kb_declare_unfounded',
      actionOf(card, 'kb_declare_unfounded').data,
    );
    // Without a motivation the form comes back with the problem at the field.
    const again = await execute(hanna, 'kb_declare_unfounded', {
      ...actionOf(form, 'kb_declare_unfounded').data,
      motivation: '   ',
    });
    expect(textsOf(again)).toContain('Vul dit veld in.');
    expect(await status(reference)).toBe('registered');
    await execute(hanna, 'kb_declare_unfounded', {
      ...actionOf(again, 'kb_declare_unfounded').data,
      motivation: 'De factuur was conform de offerte.',
    });
    expect(await status(reference)).toBe('rejected');
    card = await open(mo, await latestCard(mo, reference, 'outcome'));
    await execute(mo, 'kb_accept', actionOf(card, 'kb_accept').data);
    expect(await status(reference)).toBe('closed');

    const second = await report(mo, { description: 'Laat maar.', categoryKey: 'overig' });
    const ack = await open(mo, await latestCard(mo, second, 'acknowledgement'));
    await execute(mo, 'kb_withdraw', actionOf(ack, 'kb_withdraw').data);
    expect(await status(second)).toBe('withdrawn');
  });

  it('refuses an unauthorised Action.Execute: nothing changes, the base card comes back', async () => {
    const reference = await report(mo, {
      description: 'Vertrouwelijke details over de klant.',
      categoryKey: 'product',
    });
    const full = await open(piet, await latestCard(piet, reference, 'handler_card'));
    const data = actionOf(full, 'kb_declare_founded').data;
    const before = await h.service.deps.store.repository.findComplaint(reference);
    const refused = await execute(hanna, 'kb_declare_founded', data);
    const texts = textsOf(refused).join(' ');
    expect(texts).toContain('U mag deze actie niet uitvoeren bij deze klacht.');
    expect(texts).toContain(reference);
    expect(texts).not.toContain('Vertrouwelijke details');
    expect(verbsOf(refused)).not.toContain('kb_declare_founded');
    const after = await h.service.deps.store.repository.findComplaint(reference);
    expect(after?.version).toBe(before?.version);
    expect(after?.status).toBe('registered');
    const audit = await h.service.deps.store.repository.listAudit(before!.id);
    expect(audit.some((a) => a.outcome === 'refused' && a.actorId === 'hanna')).toBe(true);
    // Nor may she open the full view.
    const view = await execute(hanna, 'kb_refresh', data);
    expect(textsOf(view).join(' ')).not.toContain('Vertrouwelijke details');
  });

  it('keeps ${...} typed by a user literal in every card', async () => {
    const evil = '${title} ${$root.title} ${1+1} @{x} {reference}';
    const reference = await report(mo, { description: evil, categoryKey: 'product' });
    const full = await open(piet, await latestCard(piet, reference, 'handler_card'));
    expect(textsOf(full)).toContain(evil);
    const ack = await open(mo, await latestCard(mo, reference, 'acknowledgement'));
    expect(textsOf(ack)).toContain(evil);
  });

  it('processes a duplicate invoke (same activity id) once', async () => {
    const reference = await report(mo, { description: 'Dubbelklik.', categoryKey: 'product' });
    const full = await open(piet, await latestCard(piet, reference, 'handler_card'));
    const data = actionOf(full, 'kb_declare_founded').data;
    const first = await execute(piet, 'kb_declare_founded', data, 'invoke-dup-1');
    const second = await execute(piet, 'kb_declare_founded', data, 'invoke-dup-1');
    expect(textsOf(first).join(' ')).toContain('Vastgelegd');
    expect(textsOf(second).join(' ')).not.toContain('Deze kaart is verouderd');
    const complaint = await h.service.deps.store.repository.findComplaint(reference);
    const audit = await h.service.deps.store.repository.listAudit(complaint!.id);
    expect(audit.filter((a) => a.action === 'declare_founded')).toHaveLength(1);
    expect(complaint?.version).toBe(2);
  });

  it("updates the handler's live card in place after a transition", async () => {
    const reference = await report(mo, { description: 'Live kaart.', categoryKey: 'product' });
    const posted = await waitFor(
      () =>
        h.connector
          .delivered()
          .find(
            (c) =>
              c.method === 'POST' &&
              textsOf(c.body).some((t) => t.includes(reference)) &&
              c.conversationId === 'a:personal-piet',
          ),
      'the live card',
    );
    const full = await open(piet, cardOf(posted));
    await execute(piet, 'kb_declare_founded', actionOf(full, 'kb_declare_founded').data);
    const put = await waitFor(
      () =>
        h.connector
          .delivered()
          .find((c) => c.method === 'PUT' && textsOf(c.body).some((t) => t.includes(reference))),
      'the update of the live card',
    );
    const postedId = (await h.service.deps.store.repository.findComplaint(reference))!.id;
    const ref = await h.service.deps.store.repository.findMessageRef(
      postedId,
      'piet',
      'teams',
      'card',
    );
    expect(put.activityId).toBe(ref?.messageId);
    expect(textsOf(cardOf(put))).toContain('In behandeling');
  });

  it('retries a 429 from the connector and delivers once', async () => {
    const form = await say(mo, 'klacht');
    await outboxIdle();
    h.connector.failNextSends(1, 429, { 'Retry-After': '1' });
    const done = await execute(mo, 'kb_report', {
      ...actionOf(form, 'kb_report').data,
      description: 'Even geduld.',
      categoryKey: 'product',
    });
    const reference = /KL-\d{4}-\d{4}/.exec(textsOf(done).join(' '))?.[0] as string;
    const throttled = await waitFor(
      () => h.connector.calls.find((c) => c.status === 429),
      'the throttled send',
    );
    expect(textsOf(throttled.body).join(' ')).toContain(reference);
    const kinds = ['acknowledgement', 'handler_card'];
    for (const kind of kinds) {
      const user = kind === 'acknowledgement' ? mo : piet;
      await latestCard(user, reference, kind);
    }
    const sends = () =>
      h.connector
        .delivered()
        .filter((c) => c.method === 'POST' && textsOf(c.body).some((t) => t.includes(reference)));
    await waitFor(() => sends().length >= 3, 'acknowledgement, handler card and channel notice');
    const perConversation = new Map<string, number>();
    for (const call of sends()) {
      const key = `${call.conversationId}`;
      perConversation.set(key, (perConversation.get(key) ?? 0) + 1);
    }
    expect([...perConversation.values()].every((n) => n === 1)).toBe(true);
    expect(h.connector.calls.filter((c) => c.status === 429)).toHaveLength(1);
  });

  it('shows field errors in the report form and keeps the text', async () => {
    const form = await say(mo, 'klacht');
    const again = await execute(mo, 'kb_report', {
      ...actionOf(form, 'kb_report').data,
      description: 'Tekst die blijft staan.',
      categoryKey: '',
    });
    const texts = textsOf(again);
    expect(texts).toContain('Tekst die blijft staan.');
    expect(texts).toContain('Vul dit veld in.');
  });

  it('answers help and mijn klachten, and uses the message locale', async () => {
    const help = await say(mo, 'help');
    expect(textsOf(help).join(' ')).toContain('mijn klachten');
    const list = await say(mo, 'mijn klachten');
    expect(textsOf(list).join(' ')).toMatch(/KL-\d{4}-\d{4}/);
    const before = h.connector.calls.length;
    await h.post(messageActivity(mo, 'help', { ...opts(), locale: 'en-US' }));
    const reply = await waitFor(
      () => h.connector.calls.slice(before).find((c) => c.body.type === 'message'),
      'english help',
    );
    expect(textsOf(cardOf(reply)).join(' ')).toContain('helps you follow');
  });
});
