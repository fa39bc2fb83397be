import type { webApi } from '@slack/bolt';
import type { AppDeps } from '../../app/deps.js';
import { identifyPerson } from '../../app/identify-person.js';
import { type MessageKey, translate } from '../../app/messages/catalogue.js';
import type { Logger } from '../../app/ports.js';
import type { OrgConfig } from '../../config/org-file.js';
import { type DomainError, isDomainError } from '../../domain/errors.js';
import type { Locale, Person } from '../../domain/people.js';

type WebClient = webApi.WebClient;

/** What every Slack listener needs; built once per surface. */
export interface SlackRuntime {
  org: OrgConfig;
  deps: AppDeps;
  logger: Logger;
  wakeOutbox(): void;
  users: UserDirectory;
}

export interface SlackUserInfo {
  locale: Locale | null;
  name: string | null;
  email: string | null;
}

/** `nl-NL` → nl; any other Slack locale → en. */
export function localeOf(slackLocale: string | undefined | null): Locale | null {
  if (!slackLocale) return null;
  return slackLocale.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

/** users.info, cached for an hour; failures are remembered briefly and answered with nulls. */
export class UserDirectory {
  private readonly cache = new Map<string, { info: SlackUserInfo; until: number }>();

  constructor(
    private readonly client: WebClient,
    private readonly logger: Logger,
  ) {}

  /** Cached info only: for paths that must not wait (before views.open). */
  peek(userId: string): SlackUserInfo | null {
    const hit = this.cache.get(userId);
    return hit && hit.until > Date.now() ? hit.info : null;
  }

  async info(userId: string): Promise<SlackUserInfo> {
    const cached = this.peek(userId);
    if (cached) return cached;
    let info: SlackUserInfo = { locale: null, name: null, email: null };
    let ttl = 60 * 60_000;
    try {
      const result = await this.client.users.info({ user: userId, include_locale: true });
      const user = result.user;
      info = {
        locale: localeOf(user?.locale),
        name: user?.real_name || user?.profile?.real_name || user?.name || null,
        email: user?.profile?.email || null,
      };
    } catch (error) {
      ttl = 60_000;
      this.logger.warn({ code: slackErrorCode(error) }, 'users.info failed');
    }
    this.cache.set(userId, { info, until: Date.now() + ttl });
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value ?? '');
    return info;
  }
}

export interface SlackActor {
  person: Person;
  locale: Locale;
}

/** The person behind a Slack user (created as a reporter on first contact) and their locale. */
export async function identify(runtime: SlackRuntime, slackUserId: string): Promise<SlackActor> {
  const info = await runtime.users.info(slackUserId);
  const person = await identifyPerson(runtime.deps, {
    slackUserId,
    ...(info.name ? { displayName: info.name } : {}),
    ...(info.email ? { email: info.email } : {}),
    ...(info.locale ? { locale: info.locale } : {}),
  });
  return { person, locale: person.locale ?? info.locale ?? runtime.org.organisation.locale };
}

/** The locale to use before any database work: cached Slack locale or the organisation's. */
export function quickLocale(runtime: SlackRuntime, slackUserId: string): Locale {
  return runtime.users.peek(slackUserId)?.locale ?? runtime.org.organisation.locale;
}

/** A coded error as a sentence for the user; anything else is logged and answered generically. */
export function errorText(runtime: SlackRuntime, locale: Locale, error: unknown): string {
  if (isDomainError(error)) return domainErrorText(locale, error);
  runtime.logger.error({ err: error }, 'unexpected error in a Slack listener');
  return translate(locale, 'error.unexpected');
}

export function domainErrorText(locale: Locale, error: DomainError): string {
  const status = error.details.status ?? error.details.to ?? error.details.current;
  const params: Record<string, string> =
    typeof status === 'string'
      ? { status: translate(locale, `status.${status}` as MessageKey).toLowerCase() }
      : {};
  return translate(locale, `error.${error.code}` as MessageKey, params);
}

/** Slack Web API error code (`channel_not_found`) or the SDK's error class code. */
export function slackErrorCode(error: unknown): string {
  const e = error as { code?: string; data?: { error?: string } };
  return e?.data?.error ?? e?.code ?? 'unknown';
}

/**
 * The locale of the first modal, before views.open: the person's stored (or pinned) locale,
 * else the cached Slack locale, else the organisation's. Must answer well within the 3 s
 * trigger window.
 */
export async function modalLocale(
  runtime: SlackRuntime,
  slackUserId: string,
  budgetMs = MODAL_LOCALE_BUDGET_MS,
): Promise<Locale> {
  const fallback = runtime.org.organisation.locale;
  // users.info starts at once (it warms the cache for the submission too); the stored locale wins.
  const platform = runtime.users.info(slackUserId).then(
    (info) => info.locale,
    () => null,
  );
  const stored = runtime.deps.store.repository.findPersonByIdentity({ slackUserId }).then(
    (person) => person?.locale ?? null,
    () => null,
  );
  const deadline = new Promise<null>((resolve) => {
    setTimeout(resolve, budgetMs, null).unref();
  });
  const fromStore = await Promise.race([stored, deadline]);
  if (fromStore) return fromStore;
  return (
    (await Promise.race([platform, deadline])) ??
    runtime.users.peek(slackUserId)?.locale ??
    fallback
  );
}

/** How long the first modal may wait for a locale: far inside Slack's 3 s trigger window. */
const MODAL_LOCALE_BUDGET_MS = 1000;
