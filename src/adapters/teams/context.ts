import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps.js';
import { identifyPerson } from '../../app/identify-person.js';
import { hasKey, type MessageKey, translator } from '../../app/messages/catalogue.js';
import type { Logger } from '../../app/ports.js';
import type { OrgConfig } from '../../config/org-file.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import type { Locale, Person } from '../../domain/people.js';
import type { ConversationRefStore } from './conversation-refs.js';

/** What the Teams routes and the delivery adapter share. */
export interface TeamsContext {
  deps: AppDeps;
  org: OrgConfig;
  logger: Logger;
  adapter: CloudAdapter;
  /** Bot app id for proactive calls ('' when authentication is off). */
  appId: string;
  tenantId: string | null;
  refs: ConversationRefStore;
  wakeOutbox(): void;
}

/**
 * The language of a reply: a locale the organisation file pins for this user wins; else
 * `nl-*` is Dutch, any other locale English; no locale → the organisation's.
 */
export function replyLocale(ctx: Pick<TeamsContext, 'org'>, turn: TurnContext): Locale {
  const aad = turn.activity.from?.aadObjectId?.toLowerCase();
  const pinned = aad
    ? ctx.org.people.find((p) => p.teamsAadObjectId?.toLowerCase() === aad)?.locale
    : null;
  return pinned ?? activityLocale(turn, ctx.org.organisation.locale);
}

/** `nl-*` is Dutch, any other locale English; no locale → the organisation's. */
export function activityLocale(turn: TurnContext, fallback: Locale): Locale {
  const locale = turn.activity.locale;
  if (!locale) return fallback;
  return locale.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

/**
 * The person behind the Teams user: AAD object id, else email from the organisation file. The
 * activity's locale is stored for them unless the organisation file pins one.
 */
/** A 1:1 chat with the bot: what is shown there is seen by that person only. */
export function isPersonalChat(turn: TurnContext): boolean {
  const conversation = turn.activity.conversation;
  return !conversation?.isGroup && (conversation?.conversationType ?? 'personal') === 'personal';
}

export async function identifyUser(ctx: TeamsContext, turn: TurnContext): Promise<Person> {
  const from = turn.activity.from;
  const aadObjectId = from?.aadObjectId;
  if (!aadObjectId) throw new DomainError('person.not_found', 'Teams user without AAD object id');
  return identifyPerson(ctx.deps, {
    teamsAadObjectId: aadObjectId,
    ...(from.name ? { displayName: from.name } : {}),
    // Only a locale the client reports is stored (and used for proactive cards later).
    ...(turn.activity.locale ? { locale: activityLocale(turn, ctx.org.organisation.locale) } : {}),
  });
}

/** A coded error as a sentence for the user; unexpected errors are logged (never user text). */
export function errorText(ctx: TeamsContext, locale: Locale, error: unknown): string {
  const t = translator(locale);
  if (isDomainError(error)) {
    const key = `error.${error.code}`;
    const params: Record<string, string> = {};
    const status = error.details.status;
    if (typeof status === 'string' && hasKey(`status.${status}`)) {
      params.status = t(`status.${status}` as MessageKey).toLowerCase();
    }
    return hasKey(key) ? t(key, params) : t('error.unexpected');
  }
  ctx.logger.error({ err: error }, 'unexpected error in a Teams turn');
  return t('error.unexpected');
}

/** Resolves within `ms`, or rejects as if the database were unavailable (DESIGN.md §8: 3 s). */
export function within<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new DomainError('database.unavailable', 'No answer in time')),
      ms,
    );
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
