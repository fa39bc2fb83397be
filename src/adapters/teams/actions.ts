import type { TurnContext } from 'botbuilder';
import { commandForm } from '../../app/forms/definitions.js';
import { formErrors } from '../../app/forms/errors.js';
import { commandPayload } from '../../app/forms/payloads.js';
import { type MessageKey, translator } from '../../app/messages/catalogue.js';
import { COMMANDS_WITH_FORM, commandOfAction } from '../../app/messages/model.js';
import { runCommand } from '../../app/run-command.js';
import { viewComplaint } from '../../app/view-complaint.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { COMMANDS, type Command } from '../../domain/lifecycle.js';
import type { Locale, Person } from '../../domain/people.js';
import { readCommandValues, renderCommandForm } from './cards/command-form.js';
import { REFRESH_VERB } from './cards/message-card.js';
import type { ActionData, AdaptiveCardJson } from './cards/types.js';
import { errorText, type TeamsContext } from './context.js';
import { formPeople } from './search.js';
import { cardPayload, messageKind, refusalCard, userView } from './views.js';

function actionData(data: Record<string, unknown>): ActionData | null {
  const { complaintId, version, kind, submit, payload } = data;
  if (typeof complaintId !== 'string' || complaintId === '') return null;
  return {
    complaintId,
    version: typeof version === 'number' ? version : Number(version),
    kind: messageKind(kind),
    submit: submit === true || submit === 'true',
    payload: cardPayload(payload),
  };
}

/**
 * One Action.Execute on a complaint card: a refresh (the user-specific view), a button that
 * opens its form, or a command. Every command is re-authorised by the use case; a refusal
 * returns the base card with the reason and changes nothing.
 */
export async function executeCardAction(
  ctx: TeamsContext,
  turn: TurnContext,
  actor: Person,
  locale: Locale,
  verb: string,
  raw: Record<string, unknown>,
): Promise<AdaptiveCardJson> {
  const data = actionData(raw);
  const userIds = turn.activity.from?.id ? [turn.activity.from.id] : [];
  const kind = messageKind(data?.kind);
  const refuse = (error: unknown) =>
    data
      ? refusalCard(
          ctx,
          data.complaintId,
          kind,
          locale,
          { error: errorText(ctx, locale, error) },
          userIds,
        )
      : Promise.reject(error);
  const command = commandOfAction(verb);
  if (!data || (verb !== REFRESH_VERB && (!command || !COMMANDS.includes(command)))) {
    const t = translator(locale);
    if (!data) throw new Error('Action.Execute without complaint data');
    return refusalCard(
      ctx,
      data.complaintId,
      kind,
      locale,
      { error: t('error.unknown_action') },
      userIds,
    );
  }
  try {
    if (verb === REFRESH_VERB || !command) {
      // A refresh re-tells the event the card was sent for (its payload), not the latest state.
      const card = await userView(ctx, actor, data.complaintId, kind, locale, {
        refreshUserIds: userIds,
        ...(data.payload ? { payload: data.payload } : {}),
      });
      return card ?? (await refuse(new DomainError('complaint.not_found', 'Not visible')));
    }
    if (COMMANDS_WITH_FORM.includes(command) && !data.submit) {
      return await openCommandForm(ctx, actor, locale, command, data);
    }
    return await runCardCommand(ctx, turn, actor, locale, command, data, raw, userIds);
  } catch (error) {
    return refuse(error);
  }
}

async function openCommandForm(
  ctx: TeamsContext,
  actor: Person,
  locale: Locale,
  command: Command,
  data: ActionData,
): Promise<AdaptiveCardJson> {
  const view = await viewComplaint(ctx.deps, actor, data.complaintId);
  if (!view.actions.includes(command)) {
    throw new DomainError('complaint.not_permitted', 'Not allowed now');
  }
  const model = commandForm(command);
  return renderCommandForm({
    command,
    locale,
    reference: view.complaint.reference,
    data: { ...data, version: view.complaint.version },
    people: model ? await formPeople(ctx, model, {}) : [],
  });
}

async function runCardCommand(
  ctx: TeamsContext,
  turn: TurnContext,
  actor: Person,
  locale: Locale,
  command: Command,
  data: ActionData,
  raw: Record<string, unknown>,
  userIds: string[],
): Promise<AdaptiveCardJson> {
  const values = data.submit ? readCommandValues(command, raw) : {};
  try {
    const result = await runCommand(ctx.deps, {
      complaint: data.complaintId,
      actor: { kind: 'person', person: actor },
      command,
      payload: data.submit ? commandPayload(command, values) : {},
      ...(Number.isFinite(data.version) ? { expectedVersion: data.version } : {}),
      ...(turn.activity.id ? { requestKey: `teams:${turn.activity.id}` } : {}),
    });
    ctx.wakeOutbox();
    const t = translator(locale);
    const notice = t('done.command', {
      action: t(`action.${command}` as MessageKey).replace(/…$/, ''),
      reference: result.complaint.reference,
    });
    const card = await userView(ctx, actor, data.complaintId, messageKind(data.kind), locale, {
      notice,
      refreshUserIds: userIds,
    });
    // The command may have taken the complaint out of the actor's sight (reassigned away).
    return (
      card ??
      (await refusalCard(
        ctx,
        data.complaintId,
        messageKind(data.kind),
        locale,
        { notice },
        userIds,
      ))
    );
  } catch (error) {
    const model = commandForm(command);
    if (data.submit && model && isDomainError(error) && Object.keys(error.fields).length > 0) {
      return renderCommandForm({
        command,
        locale,
        reference: '',
        data,
        values,
        errors: formErrors(model, locale, error).fields,
        people: await formPeople(ctx, model, values),
        error: errorText(ctx, locale, error),
      });
    }
    throw error;
  }
}
