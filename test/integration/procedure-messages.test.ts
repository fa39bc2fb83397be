import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import type { AppDeps } from '../../src/app/deps.js';
import { composeComplaintDetail } from '../../src/app/messages/detail.js';
import type { MessageModel } from '../../src/app/messages/model.js';
import {
  composeOutboxMessage,
  type RenderedOutboxMessage,
} from '../../src/app/messages/outbox-messages.js';
import type { ClaimedMessage } from '../../src/app/ports.js';
import { type ReportInput, reportComplaint } from '../../src/app/report-complaint.js';
import { runCommand } from '../../src/app/run-command.js';
import { viewComplaintDetail } from '../../src/app/view-complaint.js';
import { DEMO_ORG_YAML } from '../../src/config/demo-org.js';
import { parseOrgConfig } from '../../src/config/org-file.js';
import type { Command } from '../../src/domain/lifecycle.js';
import type { Person } from '../../src/domain/people.js';
import {
  buildDeps,
  createTestDatabase,
  DATABASE_KINDS,
  type TestDatabase,
} from '../support/databases.js';

/**
 * The messages of the procedure's second edition (issue 12), composed from real outbox rows
 * after real commands: what the reporter, the handler and the objection deciders read.
 */
const ORG = parseOrgConfig(
  `${DEMO_ORG_YAML}committee: { name: Geschillencommissie Zorg, url: 'https://example.org/gc', type: committee, binding: true }\n`,
  'test',
);

/** Everything a person reads in a message: title, texts, facts, sections and buttons. */
function textOf(model: MessageModel): string {
  return [
    model.summary,
    model.title,
    model.intro ?? '',
    model.footer ?? '',
    ...model.facts.map((f) => `${f.label}: ${f.value}`),
    ...model.sections.map((s) => `${s.heading}: ${s.text}`),
    ...model.actions.map((a) => `[${a.id}] ${a.label}`),
  ].join('\n');
}

describe.each(DATABASE_KINDS)('messages of the procedure steps on %s', (kind) => {
  let database: TestDatabase;
  let deps: AppDeps;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    deps = await buildDeps(database.handle, { org: ORG });
  });
  afterAll(async () => {
    await database?.drop();
  });

  const repo = () => deps.store.repository;
  const person = async (id: string) => (await repo().findPerson(id)) as Person;

  async function report(input: Partial<ReportInput> = {}): Promise<string> {
    const { complaint } = await reportComplaint(deps, {
      reporterId: 'mo',
      categoryKey: 'dienstverlening',
      description: 'De monteur kwam drie keer niet.',
      ...input,
    });
    return (await repo().findComplaint(complaint.id))?.reference as string;
  }

  async function command(personId: string, reference: string, name: Command, payload = {}) {
    return runCommand(deps, {
      complaint: reference,
      actor: { kind: 'person', person: await person(personId) },
      command: name,
      payload,
    });
  }

  /** The outbox rows of a complaint, as the dispatcher would claim them. */
  async function outbox(reference: string): Promise<ClaimedMessage[]> {
    const complaint = await repo().findComplaint(reference);
    const rows = rowsOf<{
      id: number;
      idempotency_key: string;
      kind: string;
      recipient_person_id: string | null;
      recipient_channel: string | null;
      payload: ClaimedMessage['payload'];
    }>(
      await database.handle.db.execute(
        sql`select id, idempotency_key, kind, recipient_person_id, recipient_channel, payload
            from outbox where complaint_id = ${complaint?.id} order by id`,
      ),
    );
    return rows.map((row) => ({
      id: Number(row.id),
      idempotencyKey: row.idempotency_key,
      kind: row.kind,
      recipient: row.recipient_person_id
        ? { personId: row.recipient_person_id }
        : { channel: row.recipient_channel as 'quality' },
      complaintId: complaint?.id ?? null,
      payload: row.payload,
      attempts: 1,
      deliveredVia: [],
    }));
  }

  /** The latest message of a kind to a person, composed now. */
  async function latest(
    reference: string,
    messageKind: string,
    personId: string,
  ): Promise<RenderedOutboxMessage> {
    const message = (await outbox(reference))
      .filter((m) => m.kind === messageKind && 'personId' in m.recipient)
      .filter((m) => (m.recipient as { personId: string }).personId === personId)
      .at(-1);
    if (!message) throw new Error(`no ${messageKind} to ${personId} for ${reference}`);
    const rendered = await composeOutboxMessage(deps, message, 'nl');
    if (!rendered) throw new Error(`${messageKind} to ${personId} composed to nothing`);
    return rendered;
  }

  async function kindsTo(reference: string, personId: string) {
    return (await outbox(reference))
      .filter((m) => 'personId' in m.recipient && m.recipient.personId === personId)
      .map((m) => m.kind);
  }

  const date = (iso: string) =>
    new Intl.DateTimeFormat('nl-NL', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${iso}T00:00:00Z`));

  it('tells the reporter a complaint is not admissible, with the motivation', async () => {
    const reference = await report();
    await command('piet', reference, 'declare_inadmissible', {
      motivation: 'Dit valt buiten onze dienstverlening.',
    });
    const message = await latest(reference, 'inadmissible', 'mo');
    expect(message.model.title).toBe(`Uw melding ${reference} is niet ontvankelijk verklaard`);
    expect(message.model.intro).toContain('Piet Projectleider');
    expect(message.model.sections).toEqual([
      {
        heading: 'Motivering (niet ontvankelijk)',
        text: 'Dit valt buiten onze dienstverlening.',
      },
    ]);
    expect(message.model.actions).toEqual([]);
    // The payload carries facts, not the motivation.
    const payloads = JSON.stringify((await outbox(reference)).map((m) => m.payload));
    expect(payloads).not.toContain('buiten onze');
    expect(payloads).toContain('"closeReason":"inadmissible"');
    // The card and the detail show the admissibility and why it was closed.
    const card = await latest(reference, 'handler_card', 'piet');
    expect(textOf(card.model)).toContain('Ontvankelijkheid: Niet ontvankelijk');
    expect(textOf(card.model)).toContain('Reden van afsluiting: Niet ontvankelijk');
    expect(card.event).toBe('Niet ontvankelijk verklaard door Piet Projectleider');
  });

  it('thanks for a tip without deadlines, passes it to the category owner and thanks again once noted', async () => {
    const reference = await report({ kind: 'feedback', description: 'Tip: bel vooraf.' });
    const ack = await latest(reference, 'acknowledgement', 'mo');
    expect(ack.model.title).toBe(`Dank u wel voor uw tip ${reference}`);
    expect(ack.model.intro).toContain('Piet Projectleider');
    expect(ack.model.intro).toContain('Dienstverlening');
    expect(textOf(ack.model)).not.toMatch(/Besluit|Afhandeling|termijn/);
    const card = await latest(reference, 'handler_card', 'piet');
    const labels = card.model.actions.map((a) => a.label);
    expect(labels).toContain('Tip genoteerd');
    expect(labels).not.toContain('Gegrond');

    await command('piet', reference, 'note_feedback');
    const noted = await latest(reference, 'tip_noted', 'mo');
    expect(noted.model.title).toBe(`Uw tip ${reference} is genoteerd`);
    expect(noted.model.intro).toContain('doorgegeven aan Piet Projectleider en genoteerd');
    const detail = composeComplaintDetail(
      await viewComplaintDetail(deps, await person('piet'), reference),
      'nl',
      'piet',
    );
    // No deadline applies to a tip: "n.v.t.", never missed.
    expect(detail.facts).toContainEqual({ label: 'Besluit (gegrond/ongegrond)', value: 'n.v.t.' });
    expect(textOf(detail)).not.toContain('verstreken');
    expect(textOf(detail)).toContain('Reden van afsluiting: Tip genoteerd');
  });

  it('asks the satisfaction question only after the agreed fix is done', async () => {
    const reference = await report();
    await command('piet', reference, 'declare_founded');
    await command('piet', reference, 'agree_solution', {
      solution: 'De monteur komt op een vaste dag.',
      termOn: '2026-05-04',
      complainantAgreed: true,
      party: { name: 'Jan Smit', organisation: 'Smit Installatie', contact: '06-1234' },
    });
    const agreed = await latest(reference, 'solution_agreed', 'mo');
    expect(agreed.model.title).toBe(`Afgesproken oplossing voor uw melding ${reference}`);
    expect(agreed.model.intro).toContain(`uiterlijk ${date('2026-05-04')} uitgevoerd`);
    expect(agreed.model.intro).toContain('Uitgevoerd door Smit Installatie · Jan Smit · 06-1234.');
    expect(agreed.model.intro).toContain('De klager is akkoord met deze oplossing.');
    expect(agreed.model.sections).toEqual([
      { heading: 'Afgesproken oplossing', text: 'De monteur komt op een vaste dag.' },
    ]);

    await command('piet', reference, 'record_resolution', {
      resolution: 'Vaste monteursdag ingevoerd.',
      cause: 'structural',
      rootCause: 'Planning zonder vaste dagen.',
      causeCategory: 'process',
      correctiveMeasure: 'Afspraak ingepland.',
    });
    const outcome = await latest(reference, 'outcome', 'mo');
    expect(outcome.model.actions).toEqual([]);
    expect(outcome.model.intro).toContain('Uw melding is behandeld.');
    expect(outcome.model.intro).not.toContain('Bent u akkoord');
    expect(outcome.model.intro).not.toContain('Reageer uiterlijk');
    expect(outcome.model.intro).toContain(
      `Zodra de afgesproken oplossing is uitgevoerd (uiterlijk ${date('2026-05-04')})`,
    );
    expect(await kindsTo(reference, 'mo')).not.toContain('satisfaction_question');

    await command('piet', reference, 'report_fix_done', {});
    const question = await latest(reference, 'satisfaction_question', 'mo');
    expect(question.model.title).toBe(`Is uw melding ${reference} naar tevredenheid opgelost?`);
    expect(question.model.actions.map((a) => a.id)).toEqual(['kb_accept', 'kb_object']);
    const complaint = await repo().findComplaint(reference);
    expect(question.model.intro).toContain(
      `Reageer uiterlijk ${date(complaint?.reactionDue as string)}`,
    );
    expect(textOf(question.model)).toContain('Vaste monteursdag ingevoerd.');
    // The earlier outcome, delivered late, still does not ask: the question has its own message.
    expect((await latest(reference, 'outcome', 'mo')).model.actions).toEqual([]);

    // The card shows the new facts to the handler.
    const card = textOf((await latest(reference, 'handler_card', 'piet')).model);
    expect(card).toContain(`Uitvoeren vóór: ${date('2026-05-04')}`);
    expect(card).toContain('Klager is akkoord: Ja');
    expect(card).toContain('Externe partij: Smit Installatie · Jan Smit · 06-1234');
    expect(card).toContain('Afgesproken oplossing uitgevoerd: Ja');
    expect(card).toContain('Soort oorzaak: Proces');
    expect(card).toContain('Grondoorzaak: Planning zonder vaste dagen.');
    expect(card).toContain('Vorm: Informeel');
    const detail = composeComplaintDetail(
      await viewComplaintDetail(deps, await person('piet'), reference),
      'nl',
    );
    expect(detail.facts).toContainEqual({
      label: 'Afgesproken oplossing uitgevoerd',
      value: date('2026-04-20'),
    });
  });

  it('does not ask again when the fix was done before the resolution', async () => {
    const reference = await report();
    await command('piet', reference, 'declare_founded');
    await command('piet', reference, 'agree_solution', {
      solution: 'Nieuwe afspraak.',
      termOn: '2026-05-04',
      complainantAgreed: false,
    });
    await command('piet', reference, 'report_fix_done', {});
    expect(await kindsTo(reference, 'mo')).not.toContain('satisfaction_question');
    await command('piet', reference, 'record_resolution', {
      resolution: 'Afspraak nagekomen.',
      cause: 'incidental',
      correctiveMeasure: 'Geen.',
    });
    const outcome = await latest(reference, 'outcome', 'mo');
    expect(outcome.model.actions.map((a) => a.id)).toEqual(['kb_accept', 'kb_object']);
    expect(outcome.model.intro).toContain('Bent u akkoord met de oplossing?');
  });

  it('tells the reporter the new date and the reason of an extension', async () => {
    const reference = await report();
    await command('piet', reference, 'declare_founded');
    const before = (await repo().findComplaint(reference))?.resolutionDue as string;
    await command('piet', reference, 'extend_deadline', {
      newDueOn: '2026-07-31',
      reason: 'Er is onderzoek nodig bij de leverancier.',
    });
    const message = await latest(reference, 'deadline_extended', 'mo');
    expect(message.model.title).toBe(`Meer tijd voor uw melding ${reference}`);
    expect(message.model.intro).toBe(
      `Piet Projectleider heeft de termijn voor de afhandeling verlengd tot ${date('2026-07-31')} (was ${date(before)}).`,
    );
    expect(message.model.sections).toEqual([
      { heading: 'Reden van de verlenging', text: 'Er is onderzoek nodig bij de leverancier.' },
    ]);
    const card = textOf((await latest(reference, 'handler_card', 'piet')).model);
    expect(card).toContain(`Oorspronkelijke termijn afhandeling: ${date(before)}`);
    expect(card).toContain(`Verlengde termijn afhandeling: ${date('2026-07-31')}`);
    expect(card).toContain('Reden van de verlenging: Er is onderzoek nodig bij de leverancier.');
    const english = await composeOutboxMessage(
      deps,
      (await outbox(reference)).filter((m) => m.kind === 'deadline_extended').at(-1)!,
      'en',
    );
    expect(english?.model.title).toBe(`More time for your report ${reference}`);
  });

  it('gives the objection deciders the objection deadline and the reporter the committee verdict', async () => {
    const reference = await report();
    await command('piet', reference, 'declare_unfounded', {
      motivation: 'Afspraak was nagekomen.',
    });
    await command('mo', reference, 'object', { reason: 'De monteur kwam echt niet.' });
    const complaint = await repo().findComplaint(reference);
    expect(complaint?.objectionDue).not.toBeNull();
    const objection = await latest(reference, 'objection', 'dirk');
    expect(objection.model.intro).toContain(
      `Beslis uiterlijk ${date(complaint?.objectionDue as string)} over het bezwaar.`,
    );
    expect(textOf(objection.model)).toContain(
      `Besluit op bezwaar uiterlijk: ${date(complaint?.objectionDue as string)}`,
    );

    await command('dirk', reference, 'refer_to_committee');
    const referral = await latest(reference, 'committee_referral', 'mo');
    expect(referral.model.intro).toBe(
      'Geschillencommissie Zorg beoordeelt nu uw bezwaar. Meer informatie: https://example.org/gc',
    );

    await command('dirk', reference, 'record_committee_verdict', {
      verdict: 'partly_founded',
      verdictOn: '2026-04-20',
      binding: true,
      followUp: 'Monteurs krijgen een belscript.',
    });
    const verdict = await latest(reference, 'committee_verdict', 'mo');
    expect(verdict.model.title).toBe(`Uitspraak over uw melding ${reference}`);
    expect(verdict.model.intro).toBe(
      `Uitspraak van Geschillencommissie Zorg op ${date('2026-04-20')}: deels gegrond. De uitspraak is bindend. Daarmee is uw melding afgesloten.`,
    );
    expect(verdict.model.sections).toEqual([
      { heading: 'Vervolgmaatregelen', text: 'Monteurs krijgen een belscript.' },
    ]);
    expect(JSON.stringify((await outbox(reference)).map((m) => m.payload))).not.toContain(
      'belscript',
    );
    const card = await latest(reference, 'handler_card', 'piet');
    expect(card.event).toBe('Uitspraak van de commissie vastgelegd door Dirk Directeur');
    const text = textOf(card.model);
    expect(text).toContain('Voorgelegd aan de commissie: Ja');
    expect(text).toContain('Uitspraak: Deels gegrond');
    expect(text).toContain(`Datum uitspraak: ${date('2026-04-20')}`);
    expect(text).toContain('Bindend: Ja');
    expect(text).toContain('Reden van afsluiting: Uitspraak commissie');
  });

  it('moves a complaint classified as formal to the director like a reassignment', async () => {
    const reference = await report();
    await command('piet', reference, 'classify', { kind: 'complaint', formality: 'formal' });
    expect((await repo().findComplaint(reference))?.handlerId).toBe('dirk');
    const away = await latest(reference, 'reassigned_away', 'piet');
    expect(away.model.title).toBe(`${reference} is overgedragen aan Dirk Directeur`);
    expect(away.model.actions).toEqual([]);
    const card = await latest(reference, 'handler_card', 'dirk');
    expect(textOf(card.model)).toContain('Vorm: Formeel');
    expect(card.event).toBe('Soort en vorm vastgelegd door Piet Projectleider');
  });

  describe('a complaint about an employee', () => {
    const SECRET = /GEHEIM|NOTITIE/;

    async function behaviourComplaint() {
      return report({
        description: 'Piet was onbeleefd tegen de klant.',
        concernsEmployee: true,
        subjectPersonId: 'piet',
      });
    }

    /** Every message to the reporter, composed now, in one text. */
    async function reporterReads(reference: string): Promise<string> {
      const texts: string[] = [];
      for (const message of await outbox(reference)) {
        if (!('personId' in message.recipient) || message.recipient.personId !== 'mo') continue;
        const rendered = await composeOutboxMessage(deps, message, 'nl');
        if (rendered) texts.push(`#${message.kind}\n${textOf(rendered.model)}`);
      }
      return texts.join('\n\n');
    }

    it('tells the reporter only that it is handled and when it is closed', async () => {
      const reference = await behaviourComplaint();
      expect((await repo().findComplaint(reference))?.handlerId).toBe('dirk');
      await command('dirk', reference, 'record_private_note', {
        note: 'NOTITIE: gesprek gevoerd, aantekening in het personeelsdossier.',
      });
      await command('dirk', reference, 'extend_deadline', {
        newDueOn: '2026-07-31',
        reason: 'GEHEIM-REDEN gesprek pas na het verlof.',
      });
      await command('dirk', reference, 'declare_founded');
      await command('dirk', reference, 'agree_solution', {
        solution: 'GEHEIM-OPLOSSING excuses aan de klant.',
        termOn: '2026-05-04',
        complainantAgreed: true,
      });
      await command('dirk', reference, 'record_resolution', {
        resolution: 'GEHEIM-RESOLUTIE gesprek gevoerd.',
        cause: 'incidental',
        rootCause: 'GEHEIM-OORZAAK',
        causeCategory: 'employee',
        correctiveMeasure: 'GEHEIM-CORRECTIEF',
        preventiveMeasure: 'GEHEIM-PREVENTIEF',
      });
      await command('dirk', reference, 'report_fix_done', {});
      await command('mo', reference, 'object', { reason: 'Ik hoor er niets van.' });
      await command('kim', reference, 'refer_to_committee');
      await command('kim', reference, 'record_committee_verdict', {
        verdict: 'founded',
        verdictOn: '2026-04-20',
        binding: false,
        followUp: 'GEHEIM-VERVOLG training.',
      });

      const kinds = await kindsTo(reference, 'mo');
      expect(kinds).toEqual(
        expect.arrayContaining([
          'acknowledgement',
          'deadline_extended',
          'decision',
          'outcome',
          'satisfaction_question',
          'committee_referral',
          'committee_verdict',
        ]),
      );
      expect(kinds).not.toContain('solution_agreed');
      const read = await reporterReads(reference);
      expect(read).not.toMatch(SECRET);
      expect(read).toContain(`Uw melding ${reference} is in behandeling`);
      expect(read).toContain(`Uw melding ${reference} is afgehandeld`);
      expect(read).toContain(`Uw melding ${reference} is afgesloten`);
      expect(read).toContain(`verlengd tot ${date('2026-07-31')}`);
      // No fact that tells the outcome either: verdict, cause, solution, why it was closed.
      expect(read).not.toMatch(
        /Uitspraak: |Bindend: |Soort oorzaak|Uitvoeren vóór|Klager is akkoord|Reden van afsluiting|Status: (Opgelost|Ongegrond|Gegrond)/,
      );
      // The satisfaction question still lets the reporter object, without content.
      const question = await latest(reference, 'satisfaction_question', 'mo');
      expect(question.model.sections).toEqual([]);

      // Nobody's message, and no payload, carries the private note.
      for (const message of await outbox(reference)) {
        expect(JSON.stringify(message.payload)).not.toMatch(SECRET);
        const rendered = await composeOutboxMessage(deps, message, 'nl');
        if (rendered) expect(textOf(rendered.model)).not.toContain('NOTITIE');
      }
    });

    it('says nothing of the motivation, the inadmissibility or the final outcome', async () => {
      const rejected = await behaviourComplaint();
      await command('dirk', rejected, 'declare_unfounded', {
        motivation: 'GEHEIM-MOTIVATIE geen verwijtbaar gedrag.',
      });
      const outcome = await latest(rejected, 'outcome', 'mo');
      expect(outcome.model.title).toBe(`Uw melding ${rejected} is afgehandeld`);
      expect(outcome.model.actions.map((a) => a.id)).toEqual(['kb_accept', 'kb_object']);
      // A job's message to this reporter keeps to the same rule (the reaction reminder).
      const complaint = await repo().findComplaint(rejected);
      const reminder = await composeOutboxMessage(
        deps,
        {
          id: 0,
          idempotencyKey: `reminder-${rejected}`,
          kind: 'reaction_reminder',
          recipient: { personId: 'mo' },
          complaintId: complaint?.id ?? null,
          payload: { due: complaint?.reactionDue as string },
          attempts: 1,
          deliveredVia: [],
        },
        'nl',
      );
      expect(reminder).not.toBeNull();
      expect(textOf(reminder!.model)).not.toMatch(SECRET);
      await command('mo', rejected, 'object', { reason: 'Niet eens.' });
      await command('kim', rejected, 'record_final_outcome', {
        outcome: 'GEHEIM-EINDE gesprek bevestigd.',
      });

      const inadmissible = await behaviourComplaint();
      await command('dirk', inadmissible, 'declare_inadmissible', {
        motivation: 'GEHEIM-NIET-ONTVANKELIJK',
      });

      for (const reference of [rejected, inadmissible]) {
        const read = await reporterReads(reference);
        expect(read).not.toMatch(SECRET);
        expect(read).toContain(`Uw melding ${reference} is afgesloten`);
      }
      // The reporter's own detail view keeps to the same rule.
      const detail = composeComplaintDetail(
        await viewComplaintDetail(deps, await person('mo'), rejected),
        'nl',
        'mo',
      );
      expect(textOf(detail)).not.toMatch(SECRET);
      expect(detail.timeline.entries.join('\n')).not.toContain('ongegrond');
      expect(detail.facts).toContainEqual({ label: 'Status', value: 'Afgesloten' });
    });

    it("shows the director's private note in the director's detail view only", async () => {
      const reference = await behaviourComplaint();
      const note = 'NOTITIE: afspraak vastgelegd in het personeelsdossier.';
      await command('dirk', reference, 'record_private_note', { note });
      await command('dirk', reference, 'appoint_mediator', { mediatorId: 'hanna' });
      const detailFor = async (id: string) =>
        composeComplaintDetail(
          await viewComplaintDetail(deps, await person(id), reference),
          'nl',
          id,
        );

      const director = await detailFor('dirk');
      expect(director.sections).toContainEqual({
        heading: `Afspraken met de medewerker, ${date('2026-04-20')} (privé, wordt nooit verstuurd)`,
        text: note,
      });
      // The director's live card is a message: no note there.
      expect(textOf((await latest(reference, 'handler_card', 'dirk')).model)).not.toContain(
        'NOTITIE',
      );
      expect(textOf(await detailFor('mo'))).not.toContain('NOTITIE');
      // The mediator sees the complaint, not the note.
      expect(textOf(await detailFor('hanna'))).not.toContain('NOTITIE');
      expect(textOf((await latest(reference, 'mediator_appointed', 'hanna')).model)).not.toContain(
        'NOTITIE',
      );
      // Its handler is a director (or the quality adviser standing in), who may read notes: the
      // people without that right who see the complaint are its reporter and its mediator.
      // The quality adviser does not see a complaint about an employee at all.
      await expect(viewComplaintDetail(deps, await person('kim'), reference)).rejects.toMatchObject(
        { code: 'complaint.not_found' },
      );
    });
  });
});
