import { REACTION_CHANNELS, type ReactionChannel } from '../../domain/commands.js';
import type { Locale } from '../../domain/people.js';
import type { AppDeps } from '../deps.js';
import type { ClaimedMessage } from '../ports.js';
import { formatLocalDate, translator } from './catalogue.js';
import { recipientWhoMaySee } from './complainant-page-messages.js';
import type { RenderedOutboxMessage } from './outbox-messages.js';

/** The reporter's message when staff recorded the complainant's reaction (issue 11). */
export const REACTION_RECORDED_KIND = 'reaction_recorded';

const RECORDS: readonly string[] = ['record_acceptance', 'record_objection'];

/**
 * Tells the reporter that the complainant's reaction, given by phone, letter, e-mail or in
 * person, was recorded: who recorded it, how and when it came in, and what follows (closed,
 * or the objection registered with its decision date). Channel and day come from the audit
 * event, the only place they are kept. Null when there is nothing to tell: the reporter
 * recorded it themselves, may no longer see the complaint, or it was anonymised.
 */
export async function composeReactionRecorded(
  deps: AppDeps,
  message: ClaimedMessage,
  defaultLocale: Locale,
): Promise<RenderedOutboxMessage | null> {
  const repo = deps.store.repository;
  const found = await recipientWhoMaySee(deps, message);
  if (!found) return null;
  const { recipient, complaint } = found;
  const recorded = (await repo.listAudit(complaint.id))
    .filter((a) => a.outcome === 'done' && RECORDS.includes(a.action))
    .at(-1);
  if (!recorded || recorded.actorId === recipient.id) return null;
  const locale = recipient.locale ?? defaultLocale;
  const t = translator(locale);
  const actor = recorded.actorId
    ? ((await repo.findPerson(recorded.actorId))?.name ?? recorded.actorId)
    : t('timeline.system');
  const { channel, receivedOn } = recorded.metadata;
  const params = {
    actor,
    channel: REACTION_CHANNELS.includes(channel as ReactionChannel)
      ? t(`channel.${channel as ReactionChannel}`).toLowerCase()
      : '',
    date: typeof receivedOn === 'string' ? formatLocalDate(locale, receivedOn) : '',
  };
  const objected = recorded.action === 'record_objection';
  const intro = objected
    ? [
        t('text.reaction_recorded.objected', params),
        complaint.objectionDue
          ? t('text.reaction_recorded.due', {
              due: formatLocalDate(locale, complaint.objectionDue),
            })
          : '',
      ]
        .filter(Boolean)
        .join(' ')
    : t('text.reaction_recorded.accepted', params);
  const title = t('title.reaction_recorded', { reference: complaint.reference });
  return {
    recipient,
    locale,
    model: {
      summary: title,
      title,
      intro,
      facts: [],
      sections: [],
      actions: [],
      footer: null,
      complaint: { id: complaint.id, reference: complaint.reference, version: complaint.version },
    },
    liveCard: false,
  };
}
