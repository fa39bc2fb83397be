import type { LocalDate } from '../domain/calendar.js';
import { DomainError, isDomainError } from '../domain/errors.js';
import {
  authoriseMeasure,
  DEFAULT_MEASURE_REVIEW_AFTER,
  implementMeasure,
  improvementRegisterScope,
  type MeasureCommand,
  type MeasureCommandPayloads,
  type MeasureFacts,
  mayCreateMeasure,
  mayListImprovementRegister,
  maySeeMeasure,
  measureActionsFor,
  measureCommandSchemas,
  measureReviewDue,
  newMeasureSchema,
  reviewMeasure,
} from '../domain/measure.js';
import { type Actor, hasRole, type Person } from '../domain/people.js';
import { parseOrThrow } from '../domain/validation.js';
import type { AppDeps } from './deps.js';
import type { Measure, MeasureRow, OutboxMessage, Repository } from './ports.js';
import { withDatabaseErrors } from './store-errors.js';

/**
 * Measures as records of their own (issue 13): created without a complaint (trend or
 * management review) or as the follow-up of one judged not effective, marked implemented by
 * their owner, judged effective or not by the quality adviser, and listed as the
 * improvement register ("verbeterregister"). Audit events and outbox messages carry ids only.
 */

/** The review reminder's working days after implementation when the organisation file is silent. */
export function reviewAfter(deps: Pick<AppDeps, 'measures'>): number {
  return deps.measures?.reviewAfter ?? DEFAULT_MEASURE_REVIEW_AFTER;
}

export interface CreateMeasureInput {
  /** The acting person (or an Actor, as runCommand takes). */
  actor: Actor | Person;
  /** `newMeasureSchema`: the fields of add_measure, `origin`, optionally `followUpOf`. */
  payload: unknown;
  /** Platform request id; a repeat creates nothing. */
  requestKey?: string;
}

export interface CreateMeasureResult {
  /** The measure; for a repeated request the one the first request created. */
  measure: Measure;
  duplicate: boolean;
}

export interface MeasureCommandInput<K extends MeasureCommand = MeasureCommand> {
  measureId: string;
  /** The acting person (or an Actor, as runCommand takes). */
  actor: Actor | Person;
  command: K;
  payload: unknown;
  /** Platform request id; a repeat returns the current state without acting twice. */
  requestKey?: string;
}

export interface MeasureCommandResult {
  measure: Measure;
  duplicate: boolean;
}

/** One measure as a viewer may see it (structurally the input of the measure card). */
export interface MeasureView {
  measure: Measure;
  complaintReference: string | null;
  ownerName: string | null;
  reviewerName: string | null;
  /** The commands the viewer may take now. */
  actions: MeasureCommand[];
  /** Implemented and its review day reached. */
  reviewDue: boolean;
  /** Judged not effective and not followed up yet, and the viewer may record the follow-up. */
  mayFollowUp: boolean;
  /** Ids of the measures that follow this one up. */
  followUps: string[];
  /**
   * The viewer may not read the texts (the quality adviser, a measure of a complaint about an
   * employee): description, evidence and review note are empty, there are no actions.
   */
  contentHidden: boolean;
}

/** One page of the improvement register; `nextOffset` continues it (null: no more). */
export interface MeasurePage {
  items: MeasureView[];
  offset: number;
  nextOffset: number | null;
  /** `own`: the viewer sees only the measures they own. */
  scope: 'all' | 'own';
  /** The same as `scope === 'own'`. */
  own: boolean;
}

const MAX_LIMIT = 50;
const DEFAULT_LIMIT = 10;

/**
 * Creates a measure without a complaint (origin trend_review or management_review), or the
 * follow-up of a measure judged not effective (`followUpOf`; it takes the original's complaint
 * and origin). Only the quality adviser or a director.
 */
export async function createMeasure(
  deps: AppDeps,
  input: CreateMeasureInput,
): Promise<CreateMeasureResult> {
  const actor = asActor(input.actor);
  const person = actor.kind === 'person' ? actor.person : null;
  try {
    if (!person || !mayCreateMeasure(person)) {
      throw new DomainError('measure.not_permitted', 'Not permitted: create_measure', {
        command: 'create_measure',
      });
    }
    const payload = parseOrThrow(newMeasureSchema, input.payload);
    const now = deps.clock.now();
    return await withDatabaseErrors(() =>
      deps.store.transaction(async (repo) => {
        if (input.requestKey && !(await repo.claimRequestKey(input.requestKey, now))) {
          const first = await repo.findMeasureByRequestKey(input.requestKey);
          if (!first) throw new DomainError('measure.not_found', 'No such measure');
          return { measure: first, duplicate: true };
        }
        const original = payload.followUpOf ? await loadMeasure(repo, payload.followUpOf) : null;
        if (original && original.status !== 'not_effective') {
          throw new DomainError(
            'measure.invalid_transition',
            'Only a measure judged not effective',
            {
              command: 'create_measure',
              measureStatus: original.status,
            },
          );
        }
        // A measure of a complaint about an employee is followed up by whoever may see it.
        if (original && !maySeeMeasure(person, await measureFacts(repo, original))) {
          throw new DomainError('measure.not_permitted', 'Not permitted: create_measure', {
            command: 'create_measure',
          });
        }
        const ownerId = payload.ownerId ?? null;
        if (ownerId !== null && !(await repo.findPerson(ownerId))?.active) {
          throw new DomainError(
            'person.not_found',
            'Unknown measure owner',
            { personId: ownerId },
            { ownerId: 'unknown' },
          );
        }
        const origin = original ? original.origin : (payload.origin ?? 'trend_review');
        const complaintId = original ? original.complaintId : null;
        const inserted = await repo.insertMeasure({
          requestKey: input.requestKey,
          complaintId,
          origin,
          followUpOf: original?.id ?? null,
          scope: payload.scope,
          type: payload.type,
          description: payload.description,
          ownerId,
          dueOn: payload.dueOn ?? null,
          externalParty: payload.party ?? null,
          reviewDueOn: null,
          createdBy: person.id,
          createdAt: now,
        });
        const measure = await loadMeasure(repo, inserted);
        await repo.appendAudit({
          complaintId,
          actorId: person.id,
          action: 'create_measure',
          outcome: 'done',
          fromStatus: null,
          toStatus: measure.status,
          metadata: { measureId: inserted, origin, followUpOf: original?.id ?? null },
          at: now,
        });
        if (ownerId !== null && ownerId !== person.id) {
          await repo.enqueue([measureMessage(measure, 'measure_created', ownerId)], now);
        }
        return { measure, duplicate: false };
      }),
    );
  } catch (error) {
    if (isDomainError(error) && error.code === 'measure.not_permitted') {
      await recordRefusal(deps, actor, 'create_measure', null, error);
    }
    throw error;
  }
}

/**
 * Runs one measure command as one transaction: permission and state, the new state written
 * compare-and-set on the status, an audit event (ids only) and the messages it implies. A
 * measure judged not effective asks its owner and the quality adviser for a follow-up.
 */
export async function runMeasureCommand(
  deps: AppDeps,
  input: MeasureCommandInput,
): Promise<MeasureCommandResult> {
  const actor = asActor(input.actor);
  const change = parseChange(input.command, input.payload);
  const now = deps.clock.now();
  try {
    return await withDatabaseErrors(() =>
      deps.store.transaction(async (repo) => {
        if (input.requestKey && !(await repo.claimRequestKey(input.requestKey, now))) {
          return { measure: await loadMeasure(repo, input.measureId), duplicate: true };
        }
        const measure = await loadMeasure(repo, input.measureId);
        const facts = await measureFacts(repo, measure);
        if (actor.kind !== 'person') {
          throw new DomainError('measure.not_permitted', `Not permitted: ${input.command}`, {
            command: input.command,
          });
        }
        const person = actor.person;
        // Someone who may not see the measure learns nothing about it, not even its state.
        if (!maySeeMeasure(person, facts) && !hasRole(person, 'quality_adviser')) {
          throw new DomainError('measure.not_found', 'No such measure');
        }
        authoriseMeasure(person, input.command, facts);
        const today = deps.calendar.localDate(now);
        const next: Measure =
          change.command === 'implement_measure'
            ? {
                ...measure,
                ...implementMeasure(
                  change.payload,
                  now,
                  deps.calendar.addWorkingDays(today, reviewAfter(deps)),
                ),
              }
            : { ...measure, ...reviewMeasure(change.payload, now, person.id) };
        if (!(await repo.updateMeasure(next, measure.status))) {
          throw new DomainError('measure.invalid_transition', 'Someone else acted first', {
            command: input.command,
            measureStatus: measure.status,
          });
        }
        await repo.appendAudit({
          complaintId: measure.complaintId,
          actorId: person.id,
          action: input.command,
          outcome: 'done',
          fromStatus: measure.status,
          toStatus: next.status,
          metadata:
            input.command === 'review_measure'
              ? { measureId: measure.id, effective: next.effective }
              : { measureId: measure.id, reviewDueOn: next.reviewDueOn },
          at: now,
        });
        if (next.status === 'not_effective') {
          const people = await repo.listPeople();
          await repo.enqueue(notEffectiveMessages(next, facts, people, person.id), now);
        }
        return { measure: next, duplicate: false };
      }),
    );
  } catch (error) {
    if (isDomainError(error) && error.code === 'measure.not_permitted') {
      await recordRefusal(deps, actor, input.command, input.measureId, error);
    }
    throw error;
  }
}

/**
 * The improvement register, newest first: everything for the quality adviser and a director
 * (texts hidden of a measure whose complaint concerns an employee, for the quality adviser),
 * only their own measures for an owner. Anyone else gets `measure.not_permitted`.
 */
export async function listImprovementRegister(
  deps: AppDeps,
  viewer: Person,
  page: { offset?: number; limit?: number } = {},
): Promise<MeasurePage> {
  const offset = Math.max(0, Math.floor(page.offset ?? 0));
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(page.limit ?? DEFAULT_LIMIT)));
  return withDatabaseErrors(async () => {
    const repo = deps.store.repository;
    const scope = improvementRegisterScope(viewer);
    const ownsMeasure = scope === 'own' && (await repo.ownsMeasure(viewer.id));
    if (scope === 'none' || !mayListImprovementRegister(viewer, ownsMeasure)) {
      throw new DomainError('measure.not_permitted', 'Not permitted: list measures', {
        command: 'list_measures',
      });
    }
    const rows = await repo.listAllMeasures({
      ownerId: scope === 'own' ? viewer.id : undefined,
      offset,
      limit: limit + 1,
    });
    const people = await repo.listPeople();
    const today = deps.calendar.localDate(deps.clock.now());
    const followUps = await followUpsOf(repo, rows);
    const items = rows
      .slice(0, limit)
      .map((row) => viewOf(row, viewer, people, today, followUps.get(row.id) ?? []));
    return {
      items,
      offset,
      nextOffset: rows.length > limit ? offset + limit : null,
      scope,
      own: scope === 'own',
    };
  });
}

/** One measure for a viewer; one they may not see is reported as not found. */
export async function viewMeasure(
  deps: AppDeps,
  viewer: Person,
  measureId: string,
): Promise<MeasureView> {
  return withDatabaseErrors(async () => {
    const repo = deps.store.repository;
    const measure = await loadMeasure(repo, measureId);
    const row = await measureRow(repo, measure);
    const scope = improvementRegisterScope(viewer);
    const visible = scope === 'all' || (scope === 'own' && viewer.id === measure.ownerId);
    if (!visible) throw new DomainError('measure.not_found', 'No such measure');
    const people = await repo.listPeople();
    const today = deps.calendar.localDate(deps.clock.now());
    const followUps = await followUpsOf(repo, [row]);
    return viewOf(row, viewer, people, today, followUps.get(row.id) ?? []);
  });
}

type Change = {
  [K in MeasureCommand]: { command: K; payload: MeasureCommandPayloads[K] };
}[MeasureCommand];

/** Validates a command's payload: bad input is a coded error naming each field. */
function parseChange(command: MeasureCommand, payload: unknown): Change {
  switch (command) {
    case 'implement_measure':
      return { command, payload: parseOrThrow(measureCommandSchemas[command], payload) };
    case 'review_measure':
      return { command, payload: parseOrThrow(measureCommandSchemas[command], payload) };
  }
}

function asActor(actor: Actor | Person): Actor {
  return 'kind' in actor ? actor : { kind: 'person', person: actor };
}

async function loadMeasure(repo: Repository, id: string): Promise<Measure> {
  const measure = UUID.test(id) ? await repo.findMeasure(id) : null;
  if (!measure) throw new DomainError('measure.not_found', 'No such measure');
  return measure;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A measure with its complaint's reference and sensitivity and, of a complaint about an
 * employee, its subject and reporter (a director who is either does not oversee it).
 */
type PartiesRow = MeasureRow & {
  complaintSubjectPersonId?: string | null;
  complaintReporterId?: string | null;
};

async function measureRow(repo: Repository, measure: Measure): Promise<PartiesRow> {
  const complaint = measure.complaintId ? await repo.findComplaint(measure.complaintId) : null;
  return {
    ...measure,
    complaintReference: complaint?.reference ?? null,
    complaintConcernsEmployee: complaint?.concernsEmployee ?? false,
    complaintSubjectPersonId: complaint?.subjectPersonId ?? null,
    complaintReporterId: complaint?.reporterId ?? null,
  };
}

/** The facts the measure rules look at, the complaint's sensitivity and parties included. */
async function measureFacts(repo: Repository, measure: Measure): Promise<MeasureFacts> {
  const row = await measureRow(repo, measure);
  return factsOf(row);
}

function factsOf(row: PartiesRow): MeasureFacts {
  return {
    status: row.status,
    ownerId: row.ownerId,
    reviewDueOn: row.reviewDueOn,
    concernsEmployee: row.complaintConcernsEmployee,
    subjectPersonId: row.complaintSubjectPersonId ?? null,
    reporterId: row.complaintReporterId ?? null,
  };
}

async function followUpsOf(
  repo: Repository,
  rows: readonly Measure[],
): Promise<Map<string, string[]>> {
  const judged = rows.filter((row) => row.status === 'not_effective').map((row) => row.id);
  const out = new Map<string, string[]>();
  if (judged.length === 0) return out;
  for (const followUp of await repo.listFollowUps(judged)) {
    if (!followUp.followUpOf) continue;
    out.set(followUp.followUpOf, [...(out.get(followUp.followUpOf) ?? []), followUp.id]);
  }
  return out;
}

function viewOf(
  row: PartiesRow,
  viewer: Person,
  people: readonly Person[],
  today: LocalDate,
  followUps: string[],
): MeasureView {
  const {
    complaintReference,
    complaintConcernsEmployee: _,
    complaintSubjectPersonId: _subject,
    complaintReporterId: _reporter,
    ...measure
  } = row;
  const facts = factsOf(row);
  const seen = maySeeMeasure(viewer, facts);
  const name = (id: string | null) => people.find((p) => p.id === id)?.name ?? null;
  return {
    measure: seen ? measure : { ...measure, description: '', evidence: null, reviewNote: null },
    complaintReference,
    ownerName: name(measure.ownerId),
    reviewerName: name(measure.reviewedBy),
    actions: seen ? measureActionsFor(viewer, facts, today) : [],
    reviewDue: measureReviewDue(facts, today),
    mayFollowUp:
      seen &&
      measure.status === 'not_effective' &&
      followUps.length === 0 &&
      mayCreateMeasure(viewer),
    followUps,
    contentHidden: !seen,
  };
}

/** A message about a measure: ids only, keyed per measure, state and recipient. */
export function measureMessage(
  measure: Measure,
  kind: 'measure_not_effective' | 'measure_created',
  personId: string,
): OutboxMessage {
  return {
    idempotencyKey: `measure:${measure.id}:${measure.status}:${kind}:person:${personId}`,
    kind,
    recipient: { personId },
    complaintId: measure.complaintId,
    payload: { measureId: measure.id, status: measure.status },
  };
}

/**
 * Judged not effective: the owner hears it, and the quality adviser (a director when the
 * complaint concerns an employee or there is no quality adviser) is asked for a follow-up.
 * Not the reviewer who judged it: their answer in chat already asks for the follow-up.
 */
function notEffectiveMessages(
  measure: Measure,
  facts: MeasureFacts,
  people: readonly Person[],
  reviewerId: string,
): OutboxMessage[] {
  const recipients = new Set<string>();
  if (measure.ownerId) recipients.add(measure.ownerId);
  const advisers = people.filter(
    (p) => p.active && hasRole(p, 'quality_adviser') && maySeeMeasure(p, facts),
  );
  const askers =
    advisers.length > 0
      ? advisers
      : people.filter((p) => p.active && hasRole(p, 'director') && maySeeMeasure(p, facts));
  for (const person of askers) recipients.add(person.id);
  recipients.delete(reviewerId);
  return [...recipients].map((id) => measureMessage(measure, 'measure_not_effective', id));
}

/** A refused measure action is an audit entry of its own, written after the rollback. */
async function recordRefusal(
  deps: AppDeps,
  actor: Actor,
  action: string,
  measureId: string | null,
  error: DomainError,
): Promise<void> {
  try {
    const measure =
      measureId && UUID.test(measureId) ? await deps.store.repository.findMeasure(measureId) : null;
    await deps.store.repository.appendAudit({
      complaintId: measure?.complaintId ?? null,
      actorId: actor.kind === 'person' ? actor.person.id : null,
      action,
      outcome: 'refused',
      fromStatus: measure?.status ?? null,
      toStatus: null,
      metadata: { code: error.code, measureId: measure?.id ?? null },
      at: deps.clock.now(),
    });
  } catch (auditError) {
    deps.logger.warn({ err: auditError, action }, 'could not audit a refusal');
  }
}
