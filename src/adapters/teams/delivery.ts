import {
  type Activity,
  CardFactory,
  type ConversationReference,
  MessageFactory,
  TurnContext,
} from 'botbuilder';
import { isLetterMessageModel } from '../../app/complainant-mail.js';
import { isMeasureMessageModel } from '../../app/messages/measure-messages.js';
import { composeOutboxMessage } from '../../app/messages/outbox-messages.js';
import type { PacedDeliveryPort } from '../../app/outbox-ports.js';
import type { ClaimedMessage, DeliveryOutcome } from '../../app/ports.js';
import { PARKED_MESSAGES_KIND } from '../../app/redrive-outbox.js';
import type { Person } from '../../domain/people.js';
import { renderBaseCard, renderMessageCard } from './cards/message-card.js';
import type { AdaptiveCardJson } from './cards/types.js';
import { classifyConnectorError, connectorStatus } from './connector.js';
import type { TeamsContext } from './context.js';
import type { StoredConversationRef } from './conversation-refs.js';
import { fileConsentAttachment } from './export.js';
import { letterCard } from './letters.js';
import { renderMeasureCard } from './measures.js';
import { withRedriveButton } from './outbox.js';
import { CONVERSATION_INTERVAL_MS } from './pacing.js';
import { recordPostedActivity } from './retract.js';
import { baseInfo } from './views.js';

export const SURFACE = 'teams';
const LIVE_CARD = 'card';

type Target = { reference: Partial<ConversationReference>; userId: string | null };

/** Outbox delivery through Teams: proactive messages on stored conversation references. */
export function createTeamsDeliveryPort(ctx: TeamsContext): PacedDeliveryPort {
  const repo = ctx.deps.store.repository;
  const qualityChannel = ctx.org.channels.quality.teams;

  async function personTarget(person: Person): Promise<Target | DeliveryOutcome> {
    const stored = await ctx.refs.findPersonal(person.id, person.teamsAadObjectId);
    if (stored) return targetOf(stored);
    if (!person.teamsAadObjectId) return { kind: 'permanent', reason: 'unreachable: not on Teams' };
    return createPersonalConversation(person, person.teamsAadObjectId);
  }

  /** A person who never talked to the bot: open the 1:1 chat (needs the app installed). */
  async function createPersonalConversation(
    person: Person,
    aadObjectId: string,
  ): Promise<Target | DeliveryOutcome> {
    const known = await ctx.refs.latest();
    const tenantId = ctx.tenantId ?? known?.tenantId ?? null;
    if (!known) {
      return { kind: 'permanent', reason: 'unreachable: no Teams service URL known yet' };
    }
    let created: Partial<ConversationReference> | null = null;
    try {
      await ctx.adapter.createConversationAsync(
        ctx.appId,
        'msteams',
        known.serviceUrl,
        'https://api.botframework.com',
        {
          isGroup: false,
          bot: { id: ctx.appId || 'klachtenbot', name: 'Klachtenbot' },
          members: [{ id: aadObjectId, name: person.name }],
          tenantId: tenantId ?? undefined,
          channelData: tenantId ? { tenant: { id: tenantId } } : {},
        },
        async (turn) => {
          created = TurnContext.getConversationReference(turn.activity);
        },
      );
    } catch (error) {
      const outcome = classifyConnectorError(error, 'create conversation');
      return outcome.kind === 'permanent'
        ? { kind: 'permanent', reason: `unreachable: ${outcome.reason}` }
        : outcome;
    }
    const reference = created as Partial<ConversationReference> | null;
    if (!reference?.conversation?.id) {
      return { kind: 'permanent', reason: 'unreachable: no conversation created' };
    }
    await ctx.refs.save({
      key: `aad:${aadObjectId}`,
      personId: person.id,
      aadObjectId,
      tenantId,
      conversationId: reference.conversation.id,
      serviceUrl: known.serviceUrl,
      reference: JSON.parse(JSON.stringify(reference)),
      updatedAt: ctx.deps.clock.now(),
    });
    return { reference, userId: `8:orgid:${aadObjectId}` };
  }

  async function channelTarget(channelId: string): Promise<Target | DeliveryOutcome> {
    const stored = (await ctx.refs.find(channelId)) ?? (await ctx.refs.latest());
    if (!stored) return { kind: 'retry', reason: 'no Teams service URL known yet' };
    const tenantId = ctx.tenantId ?? stored.tenantId ?? undefined;
    return {
      reference: {
        channelId: 'msteams',
        serviceUrl: stored.serviceUrl,
        conversation: {
          id: channelId,
          isGroup: true,
          conversationType: 'channel',
          tenantId,
          name: '',
        },
        bot: { id: ctx.appId, name: 'Klachtenbot' },
      },
      userId: null,
    };
  }

  async function renderFor(message: ClaimedMessage, userId: string | null) {
    const rendered = await composeOutboxMessage(ctx.deps, message, ctx.org.organisation.locale);
    if (!rendered) return null;
    const { model, locale } = rendered;
    if (isMeasureMessageModel(model)) return { card: renderMeasureCard(model, locale), rendered };
    // A letter to post: a download link (no file in a 1:1 chat without consent) and the button.
    if (isLetterMessageModel(model) && rendered.recipient) {
      return { card: letterCard(ctx, model, locale, rendered.recipient.id), rendered };
    }
    if (!rendered.recipient || !message.complaintId) {
      // The digest's chart goes into the card itself as a data URI (no public URL needed).
      const png = rendered.attachments?.find((a) => a.mediaType === 'image/png');
      const image = png ? `data:image/png;base64,${Buffer.from(png.data).toString('base64')}` : '';
      const card = renderMessageCard(model, locale, { kind: message.kind, image });
      if (message.kind === PARKED_MESSAGES_KIND)
        return { card: withRedriveButton(card, locale), rendered };
      return { card, rendered };
    }
    if (rendered.plain) {
      // Nothing confidential and nothing to do (a card taken over by someone else): no refresh.
      return { card: renderMessageCard(model, locale, { kind: message.kind }), rendered };
    }
    const base = await baseInfo(ctx, message.complaintId, locale);
    if (!base) return null;
    const card = renderBaseCard(model, { title: model.title, ...base.info }, locale, {
      kind: message.kind,
      refreshUserIds: userId ? [userId] : [],
      // The refresh composes the same message from the same event facts.
      payload: message.payload,
      // Clients without user-specific views (the Agents Playground) keep the click's trace.
      ...(rendered.event ? { notice: rendered.event } : {}),
    });
    return { card, rendered };
  }

  async function send(
    target: Target,
    json: AdaptiveCardJson,
    live: { complaintId: string; personId: string } | null,
    /** Any other message about a complaint to a person: recorded for retention. */
    posted: { outboxId: number; complaintId: string; personId: string } | null = null,
  ): Promise<void> {
    const existing = live
      ? await repo.findMessageRef(live.complaintId, live.personId, SURFACE, LIVE_CARD)
      : null;
    const conversationId = target.reference.conversation?.id ?? '';
    // The adapter hands errors thrown in the logic to onTurnError (which only logs): keep the
    // connector's error and rethrow it here so the outbox sees it.
    let failure: unknown = null;
    await ctx.adapter.continueConversationAsync(ctx.appId, target.reference, async (turn) => {
      try {
        const activity = MessageFactory.attachment(CardFactory.adaptiveCard(json));
        if (existing && existing.channelId === conversationId) {
          if (await updated(turn, existing.messageId, activity)) return;
        }
        const response = await turn.sendActivity(activity);
        if (live && response?.id) {
          await repo.saveMessageRef({
            ...live,
            surface: SURFACE,
            kind: LIVE_CARD,
            channelId: conversationId,
            messageId: response.id,
            updatedAt: ctx.deps.clock.now(),
          });
        }
        if (posted && response?.id) {
          await recordPostedActivity(repo, {
            ...posted,
            conversationId,
            activityId: response.id,
            at: ctx.deps.clock.now(),
          }).catch((error: unknown) => {
            // Not sent again for this: the person would get it twice.
            ctx.logger.warn({ err: error }, 'could not record a posted activity for retention');
          });
        }
      } catch (error) {
        failure = error;
      }
    });
    if (failure) throw failure;
  }

  async function sendActivities(target: Target, activities: Partial<Activity>[]) {
    let failure: unknown = null;
    await ctx.adapter.continueConversationAsync(ctx.appId, target.reference, async (turn) => {
      try {
        for (const activity of activities) await turn.sendActivity(activity);
      } catch (error) {
        failure = error;
      }
    });
    if (failure) throw failure;
  }

  return {
    name: SURFACE,
    async canDeliver(message) {
      if ('channel' in message.recipient) {
        return message.recipient.channel === 'quality' && qualityChannel !== null;
      }
      const person = await repo.findPerson(message.recipient.personId);
      if (!person?.active) return false;
      if (person.teamsAadObjectId) return true;
      return (await ctx.refs.findPersonal(person.id, null)) !== null;
    },
    async deliver(message, pacing) {
      let target: Target | DeliveryOutcome;
      let person: Person | null = null;
      if ('channel' in message.recipient) {
        if (!qualityChannel) return { kind: 'permanent', reason: 'no Teams quality channel' };
        target = await channelTarget(qualityChannel);
      } else {
        person = await repo.findPerson(message.recipient.personId);
        if (!person) return { kind: 'permanent', reason: 'unknown recipient' };
        target = await personTarget(person);
      }
      if ('kind' in target) return target;
      // Pace before rendering (a render costs several queries), through the database so every
      // replica keeps the same limit: a message over it waits without counting as an attempt.
      const conversationId = target.reference.conversation?.id ?? '';
      const wait = await pacing?.take(`to:${conversationId}`, CONVERSATION_INTERVAL_MS, []);
      if (wait) return { kind: 'defer', reason: 'conversation rate limit', retryAfterMs: wait };
      const output = await renderFor(message, target.userId);
      if (!output) return { kind: 'delivered' };
      const live =
        output.rendered.liveCard && person && message.complaintId
          ? { complaintId: message.complaintId, personId: person.id }
          : null;
      const posted =
        !live && person && message.complaintId
          ? { outboxId: message.id, complaintId: message.complaintId, personId: person.id }
          : null;
      try {
        await send(target, output.card, live, posted);
        const files = (output.rendered.attachments ?? []).filter(
          (a) => !a.fileName.endsWith('.png'),
        );
        if (message.kind === 'register_files' && person && files.length > 0) {
          // Teams takes files in a personal chat only through a consent card per file.
          const description = output.rendered.model.intro ?? output.rendered.model.title;
          const reportId = String(message.payload.reportId);
          await sendActivities(
            target,
            files.map((file) =>
              MessageFactory.attachment(fileConsentAttachment(reportId, file, description)),
            ),
          );
        }
        return { kind: 'delivered' };
      } catch (error) {
        return classifyConnectorError(error, 'send');
      }
    },
  };
}

/** Updates the live card in place; false when it is gone (then a new one is posted). */
async function updated(
  turn: TurnContext,
  activityId: string,
  activity: ReturnType<typeof MessageFactory.attachment>,
): Promise<boolean> {
  try {
    await turn.updateActivity({ ...activity, id: activityId });
    return true;
  } catch (error) {
    if (connectorStatus(error).status === 404) return false;
    throw error;
  }
}

function targetOf(stored: StoredConversationRef): Target {
  const reference = stored.reference as Partial<ConversationReference>;
  const userId = reference.user?.id ?? (stored.key.startsWith('29:') ? stored.key : null);
  return {
    reference,
    userId: userId ?? (stored.aadObjectId ? `8:orgid:${stored.aadObjectId}` : null),
  };
}
