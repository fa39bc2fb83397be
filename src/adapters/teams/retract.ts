import { CardFactory, type ConversationReference } from 'botbuilder';
import { type MessageRetractor, postedMessageKind } from '../../app/jobs/ports.js';
import type { MessageRef, Repository } from '../../app/ports.js';
import { connectorStatus } from './connector.js';
import type { TeamsContext } from './context.js';

/** delivery.ts's SURFACE (not imported: delivery.ts imports this file). */
const SURFACE = 'teams';

/** The activity, or the bot's place in its conversation, is gone: nothing left to retract. */
const GONE = new Set([403, 404]);

/**
 * Retention's Teams side (issue 13): an activity the bot posted about a complaint is updated
 * in place (Bot Connector `PUT …/activities/{id}`) to a card with the retention notice only:
 * no facts, no buttons and no refresh, so no client asks the bot to render it again.
 * Throttling and outages are thrown: the message stays recorded for the next run.
 */
export function createTeamsRetractor(
  ctx: Pick<TeamsContext, 'adapter' | 'appId' | 'tenantId' | 'refs' | 'deps'>,
): MessageRetractor {
  /** The stored reference of that conversation, else one built on a known service URL. */
  async function referenceOf(message: MessageRef): Promise<Partial<ConversationReference>> {
    const person = await ctx.deps.store.repository.findPerson(message.personId);
    const personal = await ctx.refs.findPersonal(
      message.personId,
      person?.teamsAadObjectId ?? null,
    );
    if (personal?.conversationId === message.channelId) {
      return personal.reference as Partial<ConversationReference>;
    }
    const known = personal ?? (await ctx.refs.find(message.channelId)) ?? (await ctx.refs.latest());
    if (!known) throw new Error('no Teams service URL known yet');
    const tenantId = ctx.tenantId ?? known.tenantId ?? undefined;
    return {
      channelId: 'msteams',
      serviceUrl: known.serviceUrl,
      conversation: {
        id: message.channelId,
        isGroup: false,
        conversationType: 'personal',
        tenantId,
        name: '',
      },
      bot: { id: ctx.appId, name: 'Klachtenbot' },
    };
  }

  return {
    surface: SURFACE,
    async retract(message, text) {
      const reference = await referenceOf(message);
      let outcome: 'retracted' | 'gone' = 'retracted';
      // The adapter hands errors thrown in the logic to onTurnError (which only logs): keep
      // the connector's error and rethrow it here.
      let failure: unknown = null;
      await ctx.adapter.continueConversationAsync(ctx.appId, reference, async (turn) => {
        try {
          await turn.updateActivity({
            type: 'message',
            id: message.messageId,
            attachments: [CardFactory.adaptiveCard(retractedCard(text))],
          });
        } catch (error) {
          if (GONE.has(connectorStatus(error).status ?? 0)) outcome = 'gone';
          else failure = error;
        }
      });
      if (failure) throw failure;
      return outcome;
    },
  };
}

/** The card that replaces a retracted message: the notice, nothing else. */
export function retractedCard(text: string) {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: [{ type: 'TextBlock', text, wrap: true, isSubtle: true }],
  };
}

/**
 * Records an activity the bot posted about a complaint that is not its live card (the
 * receipt, an outcome, a reminder), so retention can retract it later. Called by the Teams
 * delivery adapter with the id the Bot Connector answered.
 */
export async function recordPostedActivity(
  repo: Pick<Repository, 'saveMessageRef'>,
  posted: {
    outboxId: number;
    complaintId: string;
    personId: string;
    conversationId: string;
    activityId: string;
    at: Date;
  },
): Promise<void> {
  if (!posted.activityId) return;
  await repo.saveMessageRef({
    complaintId: posted.complaintId,
    personId: posted.personId,
    surface: SURFACE,
    kind: postedMessageKind(posted.outboxId),
    channelId: posted.conversationId,
    messageId: posted.activityId,
    updatedAt: posted.at,
  });
}
