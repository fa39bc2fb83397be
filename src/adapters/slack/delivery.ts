import type { webApi } from '@slack/bolt';
import { isLetterMessageModel } from '../../app/complainant-mail.js';
import type { AppDeps } from '../../app/deps.js';
import { translate } from '../../app/messages/catalogue.js';
import { isMeasureMessageModel } from '../../app/messages/measure-messages.js';
import type { MessageModel } from '../../app/messages/model.js';
import {
  composeOutboxMessage,
  type RenderedOutboxMessage,
} from '../../app/messages/outbox-messages.js';
import type { DeliveryPacing, PacedDeliveryPort } from '../../app/outbox-ports.js';
import type { ClaimedMessage, DeliveryOutcome, Logger } from '../../app/ports.js';
import { PARKED_MESSAGES_KIND, REDRIVE_ACTION_ID } from '../../app/redrive-outbox.js';
import type { OrgConfig } from '../../config/org-file.js';
import type { Locale, Person } from '../../domain/people.js';
import { type RenderedMessage, renderMessage } from './block-kit/message.js';
import { escapeMrkdwn } from './block-kit/text.js';
import { withLetterButton } from './listeners/letters.js';
import { renderMeasure } from './listeners/measures.js';
import { recordPostedMessage } from './retract.js';
import { slackErrorCode } from './runtime.js';

type WebClient = webApi.WebClient;

export const SURFACE = 'slack';
const CARD = 'card';

/** Errors that no retry will fix: parked visibly in the outbox. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'invalid_auth',
  'not_authed',
  'user_not_found',
  'users_not_found',
  'user_disabled',
  'missing_scope',
  'invalid_blocks',
  'msg_too_long',
  'cannot_dm_bot',
]);

export function confirmTexts(locale: Locale) {
  return {
    title: translate(locale, 'confirm.withdraw.title'),
    text: translate(locale, 'confirm.withdraw.text'),
    yes: translate(locale, 'confirm.yes'),
    no: translate(locale, 'confirm.no'),
  };
}

/** Slack asks for at most one message per second per channel (DMs included). */
export const CHANNEL_INTERVAL_MS = 1_000;
/** The methods that post: when Slack rate limits one, nothing goes out through it. */
const POSTING_METHODS = ['chat.postMessage', 'chat.update', 'files.uploadV2'].map(
  (m) => `method:${m}`,
);
/** Every post carries its outbox id, so a re-send after a crash can see it already went. */
export const OUTBOX_EVENT_TYPE = 'klachtenbot_outbox';
/** How far back a re-sent message looks for itself in the conversation. */
const HISTORY_LIMIT = 20;

/** Posts never unfurl links: user text may carry URLs, and a preview would leak nothing useful. */
const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;

/** The outbox's Slack adapter: DMs to people, notices to the quality channel, live cards. */
export function createSlackDelivery(options: {
  client: WebClient;
  deps: AppDeps;
  org: OrgConfig;
  logger: Logger;
}): PacedDeliveryPort {
  const { client, deps, org, logger } = options;
  const emailLookups = new Map<string, string | null>();
  /**
   * The DM channel per Slack user. conversations.open is rate limited (Tier 3, ~50 a minute)
   * and answers the same channel every time, so a burst of reminders would otherwise be
   * throttled on it. A post that fails forgets the channel: the retry opens it again.
   */
  const dms = new Map<string, string>();

  async function slackUserOf(person: Person): Promise<string | null> {
    if (person.slackUserId) return person.slackUserId;
    if (!person.email) return null;
    const key = person.email.toLowerCase();
    if (!emailLookups.has(key)) {
      try {
        const found = await client.users.lookupByEmail({ email: key });
        emailLookups.set(key, found.user?.id ?? null);
      } catch (error) {
        if (slackErrorCode(error) !== 'users_not_found') throw error;
        emailLookups.set(key, null);
      }
    }
    return emailLookups.get(key) ?? null;
  }

  async function recipientOf(message: ClaimedMessage): Promise<string | null> {
    if ('channel' in message.recipient) {
      return message.recipient.channel === 'quality' ? org.channels.quality.slack : null;
    }
    const person = await deps.store.repository.findPerson(message.recipient.personId);
    return person?.active ? slackUserOf(person) : null;
  }

  async function post(channel: string, rendered: RenderedMessage, outboxId: number) {
    const result = await client.chat.postMessage({
      channel,
      ...rendered,
      ...NO_UNFURL,
      metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: outboxId } },
    });
    return { channel: result.channel ?? channel, ts: result.ts ?? '' };
  }

  /**
   * A message claimed again (its earlier attempt failed, or its claimer died) may have been
   * posted before the outbox heard of it: look for its outbox id among the conversation's
   * last messages. A failed look is no reason to hold the message back: it is sent.
   */
  async function earlierPost(message: ClaimedMessage, channel: string): Promise<string | null> {
    if (message.attempts <= 1) return null;
    try {
      const history = await client.conversations.history({
        channel,
        limit: HISTORY_LIMIT,
        include_all_metadata: true,
      });
      const found = history.messages?.find(
        (m) =>
          m.metadata?.event_type === OUTBOX_EVENT_TYPE &&
          Number((m.metadata.event_payload as { outbox_id?: unknown })?.outbox_id) === message.id,
      );
      if (found?.ts) logger.warn({ outboxId: message.id }, 'message was already posted; not again');
      return found?.ts ?? null;
    } catch (error) {
      logger.warn({ code: slackErrorCode(error) }, 'could not read the conversation; sending');
      return null;
    }
  }

  /**
   * A message with files (the yearly digest: chart, XLSX, CSV) is one files.uploadV2 call
   * whose comment carries the text, so a retry never leaves a message without its files. A
   * message with a button (a letter to post) carries its blocks instead of the comment.
   */
  async function upload(
    channel: string,
    model: MessageModel,
    attachments: NonNullable<RenderedOutboxMessage['attachments']>,
    blocks?: RenderedMessage,
  ) {
    await client.filesUploadV2({
      channel_id: channel,
      ...(blocks ? { blocks: blocks.blocks } : { initial_comment: plainComment(model) }),
      file_uploads: attachments.map((a) => ({
        file: Buffer.from(a.data),
        filename: a.fileName,
        title: a.fileName,
      })),
    });
  }

  async function deliverCard(
    message: ClaimedMessage,
    personId: string,
    dm: string,
    rendered: RenderedMessage,
  ) {
    const complaintId = message.complaintId ?? '';
    const repo = deps.store.repository;
    const ref = await repo.findMessageRef(complaintId, personId, SURFACE, CARD);
    if (ref) {
      try {
        await client.chat.update({ channel: ref.channelId, ts: ref.messageId, ...rendered });
        return;
      } catch (error) {
        // The old card was deleted: post a new one below.
        if (!['message_not_found', 'cant_update_message'].includes(slackErrorCode(error)))
          throw error;
      }
    }
    const earlier = await earlierPost(message, dm);
    const posted = earlier ? { channel: dm, ts: earlier } : await post(dm, rendered, message.id);
    await repo.saveMessageRef({
      complaintId,
      personId,
      surface: SURFACE,
      kind: CARD,
      channelId: posted.channel,
      messageId: posted.ts,
      updatedAt: deps.clock.now(),
    });
  }

  /** A DM that is not the live card; one about a complaint is recorded for retention. */
  async function deliverDm(
    message: ClaimedMessage,
    personId: string,
    dm: string,
    rendered: RenderedMessage,
  ) {
    const earlier = await earlierPost(message, dm);
    const posted = earlier ? { channel: dm, ts: earlier } : await post(dm, rendered, message.id);
    if (!message.complaintId) return;
    await recordPostedMessage(deps.store.repository, {
      outboxId: message.id,
      complaintId: message.complaintId,
      personId,
      channel: posted.channel,
      ts: posted.ts,
      at: deps.clock.now(),
    });
  }

  return {
    name: SURFACE,
    async canDeliver(message) {
      return (await recipientOf(message)) !== null;
    },
    async deliver(message, pacing): Promise<DeliveryOutcome> {
      // The API method under way, so a 429 pauses that method for the whole workspace.
      let method = 'chat.postMessage';
      try {
        const target = await recipientOf(message);
        if (!target) return { kind: 'permanent', reason: 'recipient not reachable in Slack' };
        const wait = await pacing?.take(`to:${target}`, CHANNEL_INTERVAL_MS, POSTING_METHODS);
        if (wait) return { kind: 'defer', reason: 'paced', retryAfterMs: wait };
        const rendered = await composeOutboxMessage(deps, message, org.organisation.locale);
        if (!rendered) return { kind: 'delivered' };
        const blocks = isMeasureMessageModel(rendered.model)
          ? renderMeasure(rendered.model)
          : renderMessage(rendered.model, confirmTexts(rendered.locale));
        if (message.kind === PARKED_MESSAGES_KIND) blocks.blocks.push(redriveButton(rendered));
        if (!rendered.recipient) {
          if (rendered.attachments?.length) {
            method = 'files.uploadV2';
            await upload(target, rendered.model, rendered.attachments);
          } else if (!(await earlierPost(message, target))) {
            await post(target, blocks, message.id);
          }
          return { kind: 'delivered' };
        }
        let dm = dms.get(target);
        const remembered = dm !== undefined;
        if (!dm) {
          method = 'conversations.open';
          const opened = await client.conversations.open({ users: target });
          dm = opened.channel?.id;
          if (!dm) return { kind: 'retry', reason: 'conversations.open returned no channel' };
          dms.set(target, dm);
          method = 'chat.postMessage';
        }
        try {
          if (rendered.attachments?.length) {
            // Files for one person (the year's register, a letter to post): into their DM only.
            method = 'files.uploadV2';
            const letter = isLetterMessageModel(rendered.model)
              ? withLetterButton(blocks, rendered.model, rendered.locale)
              : undefined;
            await upload(dm, rendered.model, rendered.attachments, letter);
          } else if (rendered.liveCard) {
            await deliverCard(message, rendered.recipient.id, dm, blocks);
          } else await deliverDm(message, rendered.recipient.id, dm, blocks);
        } catch (error) {
          // Whatever went wrong, the next attempt asks Slack for the channel again.
          if (remembered) dms.delete(target);
          throw error;
        }
        return { kind: 'delivered' };
      } catch (error) {
        const outcome = classify(error, logger);
        if (outcome.kind === 'defer' && pacing) await pauseMethod(pacing, method, outcome);
        return outcome;
      }
    },
  };

  /** Slack said wait: every replica holds back this method until then (not only this message). */
  async function pauseMethod(
    pacing: DeliveryPacing,
    method: string,
    outcome: { retryAfterMs: number },
  ) {
    const until = new Date(deps.clock.now().getTime() + outcome.retryAfterMs);
    logger.warn({ method, retryAfterMs: outcome.retryAfterMs }, 'slack rate limited; pausing');
    await pacing.pause(`method:${method}`, until).catch((error: unknown) => {
      logger.warn({ err: error }, 'could not record the rate limit pause');
    });
  }
}

/** The re-drive button under the quality adviser's daily list of parked messages. */
function redriveButton(rendered: { locale: Locale }): RenderedMessage['blocks'][number] {
  return {
    type: 'actions',
    block_id: 'outbox_redrive',
    elements: [
      {
        type: 'button',
        action_id: REDRIVE_ACTION_ID,
        style: 'primary',
        text: { type: 'plain_text', text: translate(rendered.locale, 'parked.retry') },
        value: 'failed',
      },
    ],
  };
}

/** The text of a message as an upload comment: title and facts, user text escaped. */
function plainComment(model: MessageModel): string {
  const lines = [`*${escapeMrkdwn(model.title)}*`];
  if (model.intro) lines.push(escapeMrkdwn(model.intro));
  for (const fact of model.facts)
    lines.push(`${escapeMrkdwn(fact.label)}: ${escapeMrkdwn(fact.value)}`);
  for (const section of model.sections)
    lines.push(`*${escapeMrkdwn(section.heading)}*\n${escapeMrkdwn(section.text)}`);
  return lines.join('\n').slice(0, 3900);
}

/** 429 → defer by Retry-After; known permanent codes → park; everything else → retry. */
export function classify(error: unknown, logger: Logger): DeliveryOutcome {
  const e = error as { code?: string; retryAfter?: number; statusCode?: number };
  const code = slackErrorCode(error);
  if (e?.code === 'slack_webapi_rate_limited_error') {
    // Slack told us when to come back: pacing, not a failure of this message.
    return { kind: 'defer', reason: 'rate_limited', retryAfterMs: (e.retryAfter ?? 1) * 1000 };
  }
  if (PERMANENT.has(code)) return { kind: 'permanent', reason: code };
  if (e?.code === 'slack_webapi_http_error') {
    return { kind: 'retry', reason: `http_${e.statusCode ?? 'error'}` };
  }
  if (e?.code === 'slack_webapi_request_error') return { kind: 'retry', reason: 'request_failed' };
  if (e?.code === 'slack_webapi_platform_error') return { kind: 'retry', reason: code };
  logger.warn({ err: error }, 'slack delivery failed');
  return { kind: 'retry', reason: error instanceof Error ? error.name : 'delivery_failed' };
}
