import type { ComplainantSettings } from '../app/complainant-settings.js';
import { type Env, mailMode } from './env.js';
import type { OrgConfig } from './org-file.js';

/**
 * The link secret outside production when COMPLAINANT_LINK_SECRET is unset. Public, so links
 * signed with it protect nothing: the composition root logs a warning when it is used
 * (`usesDevelopmentLinkSecret`); loadEnv refuses to start production without a real one.
 */
export const DEVELOPMENT_LINK_SECRET = 'klachtenbot-development-link-secret-not-for-production';

/** Defaults of the complainant part of an environment built without loadEnv (tests). */
const DEFAULT_LINK_DAYS = 90;

/** Whether the complainants' links are signed with the public development secret. */
export function usesDevelopmentLinkSecret(env: Env): boolean {
  return !env.complainant?.linkSecret;
}

/**
 * What the complainant-facing parts need (issue 11), from the environment and the
 * organisation file. `listeningUrl`: where the HTTP server listens, used as the links' base
 * when PUBLIC_BASE_URL is not set (a test server on port 0); else `http://localhost:<PORT>`.
 */
export function complainantSettings(
  env: Env,
  org: OrgConfig,
  listeningUrl?: string,
): ComplainantSettings {
  const complainant = env.complainant;
  if (!complainant?.linkSecret && env.nodeEnv === 'production') {
    // loadEnv refuses this already; an environment built by hand must not slip past it.
    throw new Error('COMPLAINANT_LINK_SECRET is required when NODE_ENV=production');
  }
  const base = complainant?.publicBaseUrl ?? listeningUrl ?? `http://localhost:${env.port}`;
  return {
    publicBaseUrl: base.replace(/\/+$/, ''),
    linkSecret: complainant?.linkSecret ?? DEVELOPMENT_LINK_SECRET,
    linkValidDays: complainant?.linkValidDays ?? DEFAULT_LINK_DAYS,
    mail: mailMode(env),
    acknowledgement: { ...org.acknowledgement },
    webForm: { ...org.webForm },
    letterhead: { name: org.organisation.name, ...org.letterhead },
  };
}
