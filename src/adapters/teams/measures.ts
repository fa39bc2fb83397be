import type { Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { type MeasureFormId, measureForm, measurePayload } from '../../app/forms/definitions.js';
import { formErrors } from '../../app/forms/errors.js';
import { type FormValues, initialValues } from '../../app/forms/model.js';
import { checkForm } from '../../app/forms/payloads.js';
import type { PersonMatch } from '../../app/forms/people-search.js';
import {
  createMeasure,
  listImprovementRegister,
  runMeasureCommand,
  viewMeasure,
} from '../../app/measures.js';
import { formatLocalDate, translate, translator } from '../../app/messages/catalogue.js';
import {
  composeMeasureMessage,
  composeRegisterList,
  MEASURE_ACTION_PREFIX,
  type MeasureMessageModel,
  measureActionId,
  measureButtonOf,
  measureRefusalText,
  OPEN_MEASURE_ACTION,
  REGISTER_MORE_ACTION,
} from '../../app/messages/measure-messages.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { type MeasureCommand, mayCreateMeasure } from '../../domain/measure.js';
import type { Locale, Person } from '../../domain/people.js';
import { formFields, readValues } from './cards/form-fields.js';
import { renderMessageCard, renderTextCard } from './cards/message-card.js';
import { expandCard } from './cards/templates.js';
import type { AdaptiveCardJson } from './cards/types.js';
import { errorText, identifyUser, isPersonalChat, type TeamsContext } from './context.js';
import { answerInvoke } from './invoke.js';
import { formPeople } from './search.js';

/**
 * The improvement register in the Teams chat (issue 13): `verbeterregister` (or `maatregelen`)
 * lists it, `maatregel` records a measure without a complaint (quality adviser and director),
 * and a measure card's buttons (`kb_m_…` verbs) open its forms in place: the owner marks it
 * implemented with evidence, the quality adviser judges its effectiveness; one judged not
 * effective turns into the follow-up form at once. Every action is re-authorised by the use
 * case; a refusal is a card with the reason that changes nothing.
 */

/** Submits a new measure or a follow-up (data: `followUpOf`, '' for none). */
export const NEW_MEASURE_VERB = 'kb_m_new';
/** Hosts show at most five card actions: four Open buttons and More. */
export const TEAMS_REGISTER_PAGE_SIZE = 4;

const REGISTER_TEXT = /^\s*(?:verbeterregister|maatregelen|improvement[-\s]register|measures)\s*$/i;
const NEW_TEXT = /^\s*(?:maatregel|nieuwe[-\s]maatregel|measure|new[-\s]measure)\s*$/i;

const card = (json: AdaptiveCardJson) => MessageFactory.attachment(CardFactory.adaptiveCard(json));

function execute(title: string, verb: string, data: Record<string, unknown>, primary = false) {
  return {
    type: 'Action.Execute',
    title,
    verb,
    data,
    ...(primary ? { style: 'positive' } : {}),
  };
}

/** A measure's card: the message on the `message` template, its buttons carrying its id. */
export function renderMeasureCard(
  model: MeasureMessageModel,
  locale: Locale,
  extras: { notice?: string; error?: string } = {},
): AdaptiveCardJson {
  const json = renderMessageCard({ ...model, actions: [], complaint: null }, locale, {
    kind: 'measure',
    ...extras,
  });
  const data = { measureId: model.measure.id };
  return {
    ...json,
    actions: model.measureActions.map((a) =>
      execute(a.label, a.id, { ...data }, a.style === 'primary'),
    ),
  };
}

interface MeasureFormCard {
  id: MeasureFormId;
  locale: Locale;
  /** The line under the title (the measure's description, the follow-up's reason). */
  subtitle: string;
  /** The measure the form is about (commands), or the one followed up. */
  measureId: string | null;
  values?: FormValues;
  errors?: Readonly<Record<string, string>>;
  people?: readonly PersonMatch[];
  error?: string;
  notice?: string;
}

/** A measure form as an inline card; its submit carries the measure's id. */
export function renderMeasureForm(options: MeasureFormCard): AdaptiveCardJson {
  const t = translator(options.locale);
  const model = measureForm(options.id);
  const command = options.id === 'implement_measure' || options.id === 'review_measure';
  const measureId = options.measureId ?? '';
  return expandCard('form', {
    title: t(model.title),
    subtitle: [options.notice, options.subtitle].filter(Boolean).join('\n\n'),
    error: options.error ?? '',
    fields: formFields(options.locale, model, {
      values: options.values ?? initialValues(model),
      errors: options.errors ?? {},
      people: options.people ?? [],
    }),
    submitKind: 'execute',
    submitTitle: t('form.submit'),
    submitVerb: command ? measureActionId(options.id as MeasureCommand) : NEW_MEASURE_VERB,
    submitData: command
      ? { measureId, submit: true }
      : { followUpOf: options.id === 'follow_up_measure' ? measureId : '', submit: true },
    cancelTitle: t('form.cancel'),
    // Back to the measure; a new measure's form has nothing to go back to.
    cancelVerb: measureId ? OPEN_MEASURE_ACTION : '',
    cancelData: measureId ? { measureId } : {},
  });
}

/** A list page of the register: one fact per measure, Open per measure and More. */
async function registerCard(ctx: TeamsContext, person: Person, locale: Locale, offset: number) {
  const page = await listImprovementRegister(ctx.deps, person, {
    offset,
    limit: TEAMS_REGISTER_PAGE_SIZE,
  });
  const list = composeRegisterList(page, locale);
  const json = renderMessageCard(
    {
      summary: list.title,
      title: list.title,
      intro: list.intro,
      facts: list.items.map((item) => ({ label: item.label, value: item.line })),
      sections: [],
      actions: [],
      footer: null,
      complaint: null,
    },
    locale,
    { kind: 'list' },
  );
  const actions = list.items.map((item) =>
    execute(translate(locale, 'mchat.list.open_item', { n: item.label }), OPEN_MEASURE_ACTION, {
      measureId: item.id,
    }),
  );
  if (list.nextOffset !== null) {
    actions.push(execute(list.moreLabel, REGISTER_MORE_ACTION, { offset: list.nextOffset }));
  } else if (list.offset > 0) {
    actions.push(execute(list.firstLabel, REGISTER_MORE_ACTION, { offset: 0 }));
  }
  return { ...json, actions };
}

async function measureCard(
  ctx: TeamsContext,
  person: Person,
  locale: Locale,
  measureId: string,
  extras: { notice?: string } = {},
) {
  const view = await viewMeasure(ctx.deps, person, measureId);
  const model = composeMeasureMessage(view, locale, {
    localDate: (at) => ctx.deps.calendar.localDate(at),
  });
  return renderMeasureCard(model, locale, extras);
}

function text(data: Record<string, unknown>, name: string): string {
  const value = data[name];
  return typeof value === 'string' ? value : '';
}

const submitted = (data: Record<string, unknown>) => data.submit === true || data.submit === 'true';

/** The confirmation after a measure command. */
function doneText(
  locale: Locale,
  command: MeasureCommand,
  measure: { status: string; reviewDueOn: string | null },
): string {
  if (command === 'implement_measure') {
    return translate(locale, 'mchat.done.implement_measure', {
      date: measure.reviewDueOn ? formatLocalDate(locale, measure.reviewDueOn) : '—',
    });
  }
  return translate(
    locale,
    measure.status === 'effective'
      ? 'mchat.done.review_effective'
      : 'mchat.done.review_not_effective',
  );
}

/** What a follow-up form opens with: the kind of the measure it follows up. */
function followUpPrefill(measure: { scope: string; type: string }): FormValues {
  return { scope: measure.scope, type: measure.type };
}

/** A submitted form with field problems comes back with the reasons next to the fields. */
async function formAgain(
  ctx: TeamsContext,
  options: MeasureFormCard & { values: FormValues },
  error: unknown,
): Promise<AdaptiveCardJson | null> {
  const model = measureForm(options.id);
  if (!isDomainError(error) || Object.keys(error.fields).length === 0) return null;
  const { fields, general } = formErrors(model, options.locale, error);
  return renderMeasureForm({
    ...options,
    errors: fields,
    people: await formPeople(ctx, model, options.values),
    ...(general ? { error: errorText(ctx, options.locale, error) } : {}),
  });
}

/** One `kb_m_…` Action.Execute: open, page, open a form, or submit one. */
export async function executeMeasureAction(
  ctx: TeamsContext,
  turn: TurnContext,
  person: Person,
  locale: Locale,
  verb: string,
  data: Record<string, unknown>,
): Promise<AdaptiveCardJson> {
  const measureId = text(data, 'measureId');
  if (verb === REGISTER_MORE_ACTION) {
    const offset = Math.max(0, Math.floor(Number(data.offset) || 0));
    return registerCard(ctx, person, locale, offset);
  }
  if (verb === OPEN_MEASURE_ACTION) return measureCard(ctx, person, locale, measureId);
  if (verb === NEW_MEASURE_VERB) return submitNewMeasure(ctx, turn, person, locale, data);
  const button = measureButtonOf(verb);
  if (!button) throw new DomainError('measure.not_found', `Unknown verb ${verb}`);
  const view = await viewMeasure(ctx.deps, person, measureId);
  if (button === 'follow_up') {
    if (!view.mayFollowUp) throw new DomainError('measure.not_permitted', 'No follow-up now');
    const model = measureForm('follow_up_measure');
    const values = { ...initialValues(model), ...followUpPrefill(view.measure) };
    return renderMeasureForm({
      id: 'follow_up_measure',
      locale,
      subtitle: translate(locale, 'mchat.follow_up.intro'),
      measureId,
      values,
      people: await formPeople(ctx, model, values),
    });
  }
  const model = measureForm(button);
  if (!submitted(data)) {
    if (!view.actions.includes(button)) {
      throw new DomainError('measure.not_permitted', `Not allowed now: ${button}`);
    }
    return renderMeasureForm({
      id: button,
      locale,
      subtitle: view.measure.description,
      measureId,
    });
  }
  const values = readValues(model, data);
  try {
    checkForm(model, values);
    const result = await runMeasureCommand(ctx.deps, {
      measureId,
      actor: { kind: 'person', person },
      command: button,
      payload: measurePayload(button, values),
      ...(turn.activity.id ? { requestKey: `teams:${turn.activity.id}` } : {}),
    });
    ctx.wakeOutbox();
    const notice = doneText(locale, button, result.measure);
    if (button === 'review_measure' && result.measure.status === 'not_effective') {
      // Not effective: the follow-up form takes the review's place at once.
      const followUp = measureForm('follow_up_measure');
      const prefill = { ...initialValues(followUp), ...followUpPrefill(result.measure) };
      return renderMeasureForm({
        id: 'follow_up_measure',
        locale,
        notice,
        subtitle: translate(locale, 'mchat.follow_up.intro'),
        measureId,
        values: prefill,
        people: await formPeople(ctx, followUp, prefill),
      });
    }
    return measureCard(ctx, person, locale, measureId, { notice });
  } catch (error) {
    const again = await formAgain(
      ctx,
      { id: button, locale, subtitle: view.measure.description, measureId, values },
      error,
    );
    if (again) return again;
    throw error;
  }
}

async function submitNewMeasure(
  ctx: TeamsContext,
  turn: TurnContext,
  person: Person,
  locale: Locale,
  data: Record<string, unknown>,
): Promise<AdaptiveCardJson> {
  const followUpOf = text(data, 'followUpOf') || null;
  const id: MeasureFormId = followUpOf ? 'follow_up_measure' : 'new_measure';
  const model = measureForm(id);
  const values = readValues(model, data);
  const subtitle = followUpOf ? translate(locale, 'mchat.follow_up.intro') : '';
  try {
    checkForm(model, values);
    const result = await createMeasure(ctx.deps, {
      actor: { kind: 'person', person },
      payload: measurePayload(id, values, followUpOf),
      ...(turn.activity.id ? { requestKey: `teams:${turn.activity.id}` } : {}),
    });
    ctx.wakeOutbox();
    const owner = values.ownerId
      ? ((await ctx.deps.store.repository.findPerson(values.ownerId))?.name ?? '')
      : '';
    const notice = translate(locale, 'mchat.done.created', { owner });
    if (!result.measure) return renderTextCard(translator(locale)(model.title), notice);
    return measureCard(ctx, person, locale, result.measure.id, { notice });
  } catch (error) {
    const again = await formAgain(
      ctx,
      { id, locale, subtitle, measureId: followUpOf, values },
      error,
    );
    if (again) return again;
    throw error;
  }
}

/** `maatregel`: the new measure form, or why not. */
async function newMeasureCard(ctx: TeamsContext, person: Person, locale: Locale) {
  if (!mayCreateMeasure(person)) {
    return renderTextCard(
      translator(locale)('form.new_measure.title'),
      '',
      translate(locale, 'mchat.new.refused'),
    );
  }
  const model = measureForm('new_measure');
  const values = initialValues(model);
  return renderMeasureForm({
    id: 'new_measure',
    locale,
    subtitle: '',
    measureId: null,
    values,
    people: await formPeople(ctx, model, values),
  });
}

/**
 * The register and new-measure words and every `kb_m_…` verb. Registered before the generic
 * `kb_` card handler and the catch-all message route (teams-ai runs the first match).
 */
export function registerMeasures(
  app: Application<TurnState>,
  ctx: TeamsContext,
  locale: (turn: TurnContext) => Locale,
): void {
  const title = (loc: Locale) => translate(loc, 'mchat.list.title');
  /** Not in a channel or group chat: everyone there would read the register. */
  const elsewhere = (loc: Locale) =>
    renderTextCard(title(loc), '', translate(loc, 'mchat.personal_only'));
  app.message(REGISTER_TEXT, async (turn) => {
    const loc = locale(turn);
    let json: AdaptiveCardJson;
    try {
      json = isPersonalChat(turn)
        ? await registerCard(ctx, await identifyUser(ctx, turn), loc, 0)
        : elsewhere(loc);
    } catch (error) {
      json = renderTextCard(title(loc), '', refusalText(ctx, loc, error));
    }
    await turn.sendActivity(card(json));
  });
  app.message(NEW_TEXT, async (turn) => {
    const loc = locale(turn);
    let json: AdaptiveCardJson;
    try {
      json = isPersonalChat(turn)
        ? await newMeasureCard(ctx, await identifyUser(ctx, turn), loc)
        : elsewhere(loc);
    } catch (error) {
      json = renderTextCard(title(loc), '', errorText(ctx, loc, error));
    }
    await turn.sendActivity(card(json));
  });
  app.adaptiveCards.actionExecute<Record<string, unknown>>(
    new RegExp(`^${MEASURE_ACTION_PREFIX}`),
    async (turn, _state, data) => {
      const loc = locale(turn);
      const verb = String(turn.activity.value?.action?.verb ?? '');
      let json: AdaptiveCardJson;
      try {
        if (isPersonalChat(turn)) {
          const person = await identifyUser(ctx, turn);
          json = await executeMeasureAction(ctx, turn, person, loc, verb, data ?? {});
        } else {
          json = elsewhere(loc);
        }
      } catch (error) {
        const heading =
          verb === REGISTER_MORE_ACTION ? title(loc) : translate(loc, 'mchat.heading');
        json = renderTextCard(heading, '', refusalText(ctx, loc, error));
      }
      await answerInvoke(turn, json);
      return '';
    },
  );
}

/** A 1:1 chat with the bot (a measure's texts are never shown in a channel or group chat). */

/** A refusal in words: who may list or create, rather than the generic sentence. */
function refusalText(ctx: TeamsContext, locale: Locale, error: unknown): string {
  return measureRefusalText(locale, error) ?? errorText(ctx, locale, error);
}
