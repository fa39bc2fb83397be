import type { App, BlockAction, ButtonAction, types } from '@slack/bolt';
import { z } from 'zod';
import { type MeasureFormId, measureForm, measurePayload } from '../../../app/forms/definitions.js';
import { formErrors } from '../../../app/forms/errors.js';
import { type FormValues, initialValues, type OptionChoice } from '../../../app/forms/model.js';
import { optionsOf } from '../../../app/forms/options.js';
import { checkForm } from '../../../app/forms/payloads.js';
import {
  createMeasure,
  listImprovementRegister,
  runMeasureCommand,
  viewMeasure,
} from '../../../app/measures.js';
import { formatLocalDate, translate, translator } from '../../../app/messages/catalogue.js';
import {
  composeMeasureMessage,
  composeRegisterList,
  MEASURE_ACTION_PREFIX,
  type MeasureMessageModel,
  measureButtonOf,
  measureRefusalText,
  OPEN_MEASURE_ACTION,
  REGISTER_MORE_ACTION,
} from '../../../app/messages/measure-messages.js';
import { DomainError } from '../../../domain/errors.js';
import { type MeasureCommand, mayCreateMeasure } from '../../../domain/measure.js';
import type { Locale } from '../../../domain/people.js';
import { inputBlocks, readFields, type ViewState } from '../block-kit/fields.js';
import { type RenderedMessage, renderMessage } from '../block-kit/message.js';
import { LIMITS, mrkdwn, plain, truncate } from '../block-kit/text.js';
import {
  errorText,
  identify,
  modalLocale,
  quickLocale,
  type SlackActor,
  type SlackRuntime,
} from '../runtime.js';
import { openView, type Reach, tellPrivately } from './open-view.js';

/**
 * The improvement register in Slack (issue 13): `/klacht verbeterregister` (or `maatregelen`)
 * lists it, `/klacht maatregel` records a measure without a complaint (quality adviser and
 * director), and a measure's buttons (`kb_m_…`) open its forms: the owner marks it implemented
 * with evidence, the quality adviser judges its effectiveness; one judged not effective asks
 * for a follow-up at once. Every click and submission is re-authorised by the use case.
 */

/** Modal callback ids of the measure forms. */
export const MEASURE_VIEW = 'kb_measure_form';
export const NEW_MEASURE_VIEW = 'kb_new_measure_form';
/** Measures per register page (one section each). */
export const REGISTER_PAGE_SIZE = 10;

const REGISTER_WORDS = /^(?:verbeterregister|maatregelen|improvement[-\s]register|measures)$/i;
const NEW_WORDS = /^(?:maatregel|nieuwe[-\s]maatregel|measure|new[-\s]measure)$/i;

export type MeasureRequest = 'register' | 'new';

/** `/klacht` text that asks for the register or a new measure, else null. */
export function measureRequestIn(text: string): MeasureRequest | null {
  const word = text.trim();
  if (REGISTER_WORDS.test(word)) return 'register';
  if (NEW_WORDS.test(word)) return 'new';
  return null;
}

const MODAL_TITLE = 24;
const locale = z.enum(['nl', 'en']);
const measureMeta = z.object({
  m: z.string().min(1),
  cmd: z.enum(['implement_measure', 'review_measure']),
  locale,
  ch: z.string().nullable(),
});
const newMeta = z.object({
  f: z.string().nullable(),
  locale,
  ch: z.string().nullable(),
});
type MeasureMeta = z.infer<typeof measureMeta>;
type NewMeta = z.infer<typeof newMeta>;

function parse<T>(schema: z.ZodType<T>, text: string | undefined): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const buttonValue = z.object({ m: z.string().min(1) });
const moreValue = z.object({ o: z.number().int().min(0) });

function formOptions(id: MeasureFormId, lang: Locale): Record<string, OptionChoice[]> {
  const options: Record<string, OptionChoice[]> = {};
  for (const field of measureForm(id).fields) {
    if (field.options) options[field.name] = optionsOf(field, lang);
  }
  return options;
}

function formBlocks(id: MeasureFormId, lang: Locale, context: string | null, prefill: FormValues) {
  const model = measureForm(id);
  const blocks: types.KnownBlock[] = [];
  if (context) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'plain_text', text: truncate(context, 2000) }],
    });
  }
  blocks.push(
    ...inputBlocks(translator(lang), model.fields, formOptions(id, lang), {
      ...initialValues(model),
      ...prefill,
    }),
  );
  return blocks;
}

function modal(
  lang: Locale,
  id: MeasureFormId,
  callbackId: string,
  metadata: MeasureMeta | NewMeta,
  blocks: types.KnownBlock[],
): types.ModalView {
  const t = translator(lang);
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(t(measureForm(id).title), MODAL_TITLE),
    submit: plain(t('form.submit'), MODAL_TITLE),
    close: plain(t('form.cancel'), MODAL_TITLE),
    private_metadata: truncate(JSON.stringify(metadata), LIMITS.privateMetadata),
    blocks,
  };
}

/** The modal of `implement_measure` or `review_measure` for one measure. */
export function measureCommandView(metadata: MeasureMeta, context: string | null) {
  return modal(
    metadata.locale,
    metadata.cmd,
    MEASURE_VIEW,
    metadata,
    formBlocks(metadata.cmd, metadata.locale, context, {}),
  );
}

/** The form of a new measure: `/klacht maatregel`, or the follow-up of measure `f`. */
function newFormId(metadata: Pick<NewMeta, 'f'>): MeasureFormId {
  return metadata.f ? 'follow_up_measure' : 'new_measure';
}

/** The modal of a new measure (`/klacht maatregel`, or the follow-up of one `f`). */
export function newMeasureView(
  metadata: NewMeta,
  context: string | null,
  prefill: FormValues = {},
) {
  const id = newFormId(metadata);
  return modal(
    metadata.locale,
    id,
    NEW_MEASURE_VIEW,
    metadata,
    formBlocks(id, metadata.locale, context, prefill),
  );
}

/** Any measure form's modal (for one measure, or a new one), with its defaults and `prefill`. */
export function measureFormView(
  id: MeasureFormId,
  lang: Locale,
  measureId: string,
  prefill: FormValues = {},
): types.ModalView {
  if (id === 'implement_measure' || id === 'review_measure') {
    const view = measureCommandView({ m: measureId, cmd: id, locale: lang, ch: null }, null);
    view.blocks = formBlocks(id, lang, null, prefill);
    return view;
  }
  const f = id === 'follow_up_measure' ? measureId : null;
  return newMeasureView({ f, locale: lang, ch: null }, null, prefill);
}

/** A measure's card as Block Kit: the message, then its buttons (value: the measure id). */
export function renderMeasure(model: MeasureMessageModel): RenderedMessage {
  const rendered = renderMessage(model);
  if (model.measureActions.length > 0) {
    const value = truncate(JSON.stringify({ m: model.measure.id }), LIMITS.buttonValue);
    rendered.blocks.push({
      type: 'actions',
      block_id: `kb_m_actions_${model.measure.status}`,
      elements: model.measureActions.map((action) => {
        const button: types.Button = {
          type: 'button',
          action_id: action.id,
          text: plain(action.label, LIMITS.buttonText),
          value,
        };
        if (action.style === 'primary') button.style = 'primary';
        return button;
      }),
    });
  }
  return rendered;
}

/** The card of one measure as this person may see it. */
async function measureCard(runtime: SlackRuntime, actor: SlackActor, measureId: string) {
  const view = await viewMeasure(runtime.deps, actor.person, measureId);
  return renderMeasure(
    composeMeasureMessage(view, actor.locale, {
      localDate: (at) => runtime.deps.calendar.localDate(at),
    }),
  );
}

/** One page of the register as Block Kit: a section per measure with Open, and the paging. */
async function registerMessage(
  runtime: SlackRuntime,
  actor: SlackActor,
  offset: number,
): Promise<RenderedMessage> {
  const page = await listImprovementRegister(runtime.deps, actor.person, {
    offset,
    limit: REGISTER_PAGE_SIZE,
  });
  const list = composeRegisterList(page, actor.locale);
  const blocks: types.KnownBlock[] = [{ type: 'header', text: plain(list.title, LIMITS.header) }];
  if (list.intro) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: mrkdwn(list.intro) } });
  }
  for (const item of list.items) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: mrkdwn(`${item.label} · ${item.line}`, 2900),
      },
      accessory: {
        type: 'button',
        action_id: OPEN_MEASURE_ACTION,
        text: plain(list.openLabel, LIMITS.buttonText),
        value: truncate(JSON.stringify({ m: item.id }), LIMITS.buttonValue),
      },
    });
  }
  const paging: types.Button[] = [];
  const more = (text: string, o: number): types.Button => ({
    type: 'button',
    action_id: REGISTER_MORE_ACTION,
    text: plain(text, LIMITS.buttonText),
    value: JSON.stringify({ o }),
  });
  if (list.nextOffset !== null) paging.push(more(list.moreLabel, list.nextOffset));
  if (list.offset > 0) paging.push(more(list.firstLabel, 0));
  if (paging.length > 0) blocks.push({ type: 'actions', elements: paging });
  return { text: mrkdwn(list.title), blocks };
}

/**
 * `/klacht verbeterregister` (privately, where it was typed) and `/klacht maatregel` (the new
 * measure modal for the quality adviser and a director; anyone else is told so privately).
 */
export async function measuresOnSlack(
  runtime: SlackRuntime,
  reach: Reach,
  triggerId: string,
  request: MeasureRequest,
): Promise<void> {
  let lang = quickLocale(runtime, reach.userId);
  try {
    const actor = await identify(runtime, reach.userId);
    lang = actor.locale;
    if (request === 'register') {
      await tellPrivately(runtime, reach, await registerMessage(runtime, actor, 0));
      return;
    }
    if (!mayCreateMeasure(actor.person)) {
      await tellPrivately(runtime, reach, {
        text: mrkdwn(translate(lang, 'mchat.new.refused')),
      });
      return;
    }
    await openView(
      runtime,
      reach,
      triggerId,
      newMeasureView({ f: null, locale: lang, ch: reach.channelId ?? null }, null),
    );
  } catch (error) {
    await tellPrivately(runtime, reach, { text: refusalText(runtime, lang, error) });
  }
}

/** How long the check before a measure form may take before the form opens anyway. */
const CHECK_BUDGET_MS = 1_000;

/** The work's answer within the budget, null when it is late; its refusal is thrown. */
async function inTime<T>(work: Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), CHECK_BUDGET_MS);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A refusal in words: who may list or create, rather than the generic sentence. */
function refusalText(runtime: SlackRuntime, lang: Locale, error: unknown): string {
  const text = measureRefusalText(lang, error);
  return text ? mrkdwn(text) : errorText(runtime, lang, error);
}

/** People fields hold Slack user ids; the use cases expect person ids. */
async function withPersonIds(runtime: SlackRuntime, id: MeasureFormId, values: FormValues) {
  const out = { ...values };
  for (const field of measureForm(id).fields) {
    const slackUserId = values[field.name];
    if (field.kind === 'person' && slackUserId) {
      out[field.name] = (await identify(runtime, slackUserId)).person.id;
    }
  }
  return out;
}

/** A failed submission: the reason next to each field, else on the first field. */
function viewErrors(runtime: SlackRuntime, lang: Locale, id: MeasureFormId, error: unknown) {
  const model = measureForm(id);
  const { fields, general } = formErrors(model, lang, error);
  const first = model.fields[0]?.name ?? 'value';
  if (general && !fields[first]) fields[first] = errorText(runtime, lang, error);
  return fields;
}

function doneView(title: string, text: string): types.ModalView {
  return {
    type: 'modal',
    title: plain(title, MODAL_TITLE),
    close: plain('OK', MODAL_TITLE),
    blocks: [{ type: 'section', text: plain(text, 3000) }],
  };
}

export function registerMeasures(app: App, runtime: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${MEASURE_ACTION_PREFIX}`),
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const userId = body.user.id;
      const channel = body.channel?.id ?? null;
      const reach: Reach = {
        client,
        userId,
        channelId: channel,
        ...(body.response_url ? { respond } : {}),
      };
      let lang = quickLocale(runtime, userId);
      const tell = (message: { text: string; blocks?: types.KnownBlock[] }, replace = false) =>
        tellPrivately(runtime, reach, message, undefined, replace);
      const inModal = body.view?.type === 'modal';
      try {
        if (action.action_id === REGISTER_MORE_ACTION) {
          const value = parse(moreValue, action.value);
          if (!value) return;
          const actor = await identify(runtime, userId);
          lang = actor.locale;
          // The next page replaces the list it was asked from.
          await tell(await registerMessage(runtime, actor, value.o), true);
          return;
        }
        const value = parse(buttonValue, action.value);
        const button = measureButtonOf(action.action_id);
        if (!value || (!button && action.action_id !== OPEN_MEASURE_ACTION)) {
          await tell({ text: mrkdwn(translator(lang)('error.unknown_action')) });
          return;
        }
        if (!button) {
          const actor = await identify(runtime, userId);
          lang = actor.locale;
          const card = await measureCard(runtime, actor, value.m);
          if (body.view) {
            await openView(
              runtime,
              reach,
              body.trigger_id,
              {
                type: 'modal',
                title: plain(translator(lang)('home.title'), MODAL_TITLE),
                close: plain(translator(lang)('teams.back'), MODAL_TITLE),
                blocks: card.blocks,
              },
              inModal,
            );
          } else {
            await tell(card);
          }
          return;
        }
        // A form opens only for what the person may do now, when that is known in time (the
        // trigger lives 3 s); else it opens anyway and the submission is re-checked.
        const checked = await inTime(
          (async () => {
            const actor = await identify(runtime, userId);
            const view = await viewMeasure(runtime.deps, actor.person, value.m);
            const allowed =
              button === 'follow_up' ? view.mayFollowUp : view.actions.includes(button);
            if (!allowed) throw new DomainError('measure.not_permitted', `Not now: ${button}`);
            return { locale: actor.locale, view };
          })(),
        );
        lang = checked?.locale ?? (await modalLocale(runtime, userId));
        if (button === 'follow_up') {
          await openView(
            runtime,
            reach,
            body.trigger_id,
            newMeasureView(
              { f: value.m, locale: lang, ch: channel },
              translate(lang, 'mchat.follow_up.intro'),
              checked ? followUpPrefill(checked.view.measure) : {},
            ),
            inModal,
          );
          return;
        }
        await openView(
          runtime,
          reach,
          body.trigger_id,
          measureCommandView(
            { m: value.m, cmd: button, locale: lang, ch: channel },
            checked?.view.measure.description ?? null,
          ),
          inModal,
        );
      } catch (error) {
        await tell({ text: refusalText(runtime, lang, error) });
      }
    },
  );

  app.view(MEASURE_VIEW, async ({ ack, body, view, client }) => {
    const m = parse(measureMeta, view.private_metadata);
    if (!m) {
      await ack();
      return;
    }
    const model = measureForm(m.cmd);
    const values = readFields(model.fields, view.state.values as ViewState);
    try {
      checkForm(model, values); // before any database work
      const actor = await identify(runtime, body.user.id);
      const result = await runMeasureCommand(runtime.deps, {
        measureId: m.m,
        actor: { kind: 'person', person: actor.person },
        command: m.cmd,
        payload: measurePayload(m.cmd, values),
        requestKey: `slack:view:${view.id}`,
      });
      runtime.wakeOutbox();
      const measure = result.measure;
      if (m.cmd === 'review_measure' && measure.status === 'not_effective') {
        // Not effective: the follow-up form takes the review's place at once.
        await ack({
          response_action: 'update',
          view: newMeasureView(
            { f: measure.id, locale: actor.locale, ch: m.ch },
            translate(actor.locale, 'mchat.follow_up.intro'),
            followUpPrefill(measure),
          ),
        });
        return;
      }
      const text = doneText(actor.locale, m.cmd, measure);
      await ack({
        response_action: 'update',
        view: doneView(translator(actor.locale)(model.title), text),
      });
      if (m.ch && !result.duplicate) {
        await client.chat
          .postEphemeral({ channel: m.ch, user: body.user.id, text: mrkdwn(text) })
          .catch(() => {});
      }
    } catch (error) {
      await ack({ response_action: 'errors', errors: viewErrors(runtime, m.locale, m.cmd, error) });
    }
  });

  app.view(NEW_MEASURE_VIEW, async ({ ack, body, view, client }) => {
    const m = parse(newMeta, view.private_metadata);
    if (!m) {
      await ack();
      return;
    }
    const id = newFormId(m);
    const model = measureForm(id);
    const values = readFields(model.fields, view.state.values as ViewState);
    try {
      checkForm(model, values); // before any database work
      const actor = await identify(runtime, body.user.id);
      const payload = measurePayload(id, await withPersonIds(runtime, id, values), m.f);
      const result = await createMeasure(runtime.deps, {
        actor: { kind: 'person', person: actor.person },
        payload,
        requestKey: `slack:view:${view.id}`,
      });
      runtime.wakeOutbox();
      const ownerId = result.measure?.ownerId ?? values.ownerId ?? null;
      const owner = ownerId
        ? ((await runtime.deps.store.repository.findPerson(ownerId))?.name ?? '')
        : '';
      const text = translate(actor.locale, 'mchat.done.created', { owner });
      await ack({
        response_action: 'update',
        view: doneView(translator(actor.locale)(model.title), text),
      });
      if (m.ch && !result.duplicate) {
        await client.chat
          .postEphemeral({ channel: m.ch, user: body.user.id, text: mrkdwn(text) })
          .catch(() => {});
      }
    } catch (error) {
      await ack({
        response_action: 'errors',
        errors: viewErrors(runtime, m.locale, id, error),
      });
    }
  });
}

/** What a follow-up form opens with: the kind of the measure it follows up. */
export function followUpPrefill(measure: {
  origin: string;
  scope: string;
  type: string;
}): FormValues {
  const prefill: FormValues = { scope: measure.scope, type: measure.type };
  if (measure.origin === 'trend_review' || measure.origin === 'management_review') {
    prefill.origin = measure.origin;
  }
  return prefill;
}

/** The confirmation after a measure command. */
export function doneText(
  lang: Locale,
  command: MeasureCommand,
  measure: { status: string; reviewDueOn: string | null },
): string {
  if (command === 'implement_measure') {
    return translate(lang, 'mchat.done.implement_measure', {
      date: measure.reviewDueOn ? formatLocalDate(lang, measure.reviewDueOn) : '—',
    });
  }
  return translate(
    lang,
    measure.status === 'effective'
      ? 'mchat.done.review_effective'
      : 'mchat.done.review_not_effective',
  );
}
