import { type MessageKey, translator } from '../../app/messages/catalogue.js';
import type { MessageModel } from '../../app/messages/model.js';
import { composeOutboxMessage } from '../../app/messages/outbox-messages.js';
import { MESSAGE_KINDS, type MessageKind } from '../../app/notifications.js';
import type { ClaimedMessage } from '../../app/ports.js';
import type { Locale, Person } from '../../domain/people.js';
import { type CardExtras, renderBaseCard, renderMessageCard } from './cards/message-card.js';
import type { AdaptiveCardJson } from './cards/types.js';
import type { TeamsContext } from './context.js';

export function messageKind(kind: unknown): MessageKind {
  return MESSAGE_KINDS.includes(kind as MessageKind) ? (kind as MessageKind) : 'handler_card';
}

/** An outbox-shaped request to render one message kind of a complaint for one person. */
function viewRequest(
  kind: MessageKind,
  personId: string,
  complaintId: string,
  payload: ClaimedMessage['payload'],
): ClaimedMessage {
  return {
    id: 0,
    attempts: 0,
    deliveredVia: [],
    idempotencyKey: '',
    kind,
    recipient: { personId },
    complaintId,
    payload,
  };
}

/** The payload a card carried back in its Action.Execute data (ids and event facts only). */
export function cardPayload(raw: unknown): NonNullable<CardExtras['payload']> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out: NonNullable<CardExtras['payload']> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
      out[key] = value as string | number | boolean | null;
    }
  }
  return out;
}

/**
 * The user-specific view of a card: the message of that kind, composed from the event it was
 * sent for (`extras.payload`; without one, from the audit trail), as this person may see it
 * now with the actions they may take. Null when they may not see the complaint.
 */
export async function userView(
  ctx: TeamsContext,
  viewer: Person,
  complaintId: string,
  kind: MessageKind,
  locale: Locale,
  extras: Omit<CardExtras, 'kind'>,
): Promise<AdaptiveCardJson | null> {
  const payload = cardPayload(extras.payload);
  const rendered = await composeOutboxMessage(
    ctx.deps,
    viewRequest(kind, viewer.id, complaintId, payload),
    locale,
  );
  if (!rendered) return null;
  return renderMessageCard(rendered.model, rendered.locale, { ...extras, kind, payload });
}

/** Reference, category and status of a complaint, for the base card everyone may see. */
export async function baseInfo(ctx: TeamsContext, complaintId: string, locale: Locale) {
  const repo = ctx.deps.store.repository;
  const complaint = await repo.findComplaint(complaintId);
  if (!complaint) return null;
  const category = await repo.findCategory(complaint.categoryKey);
  const t = translator(locale);
  return {
    complaint,
    info: {
      reference: complaint.reference,
      category: category?.label[locale] ?? complaint.categoryKey,
      status: t(`status.${complaint.status}` as MessageKey),
    },
  };
}

/** The base card of a complaint with an error line: what a refused click gets back. */
export async function refusalCard(
  ctx: TeamsContext,
  complaintId: string,
  kind: MessageKind,
  locale: Locale,
  message: { error?: string; notice?: string },
  userIds: readonly string[],
): Promise<AdaptiveCardJson> {
  const t = translator(locale);
  const base = await baseInfo(ctx, complaintId, locale).catch(() => null);
  const reference = base?.info.reference ?? '—';
  const model: MessageModel = {
    summary: reference,
    title: t('title.handler_card', {
      kind: t(`kind.${base?.complaint.kind ?? 'complaint'}` as MessageKey),
      reference,
      category: base?.info.category ?? '',
    }),
    intro: null,
    facts: [],
    sections: [],
    actions: [],
    footer: null,
    complaint: base ? { id: base.complaint.id, reference, version: base.complaint.version } : null,
  };
  return renderBaseCard(
    model,
    {
      title: model.title,
      reference,
      category: base?.info.category ?? '—',
      status: base?.info.status ?? '—',
    },
    locale,
    { kind, ...message, refreshUserIds: userIds },
  );
}
