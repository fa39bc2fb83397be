export const ROLES = ['reporter', 'handler', 'director', 'quality_adviser', 'secretariat'] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export interface Person {
  id: string;
  name: string;
  email: string | null;
  roles: readonly Role[];
  slackUserId: string | null;
  teamsAadObjectId: string | null;
  locale: Locale | null;
  /** The organisation file names the locale: what a platform reports never replaces it. */
  localePinned?: boolean;
  active: boolean;
}

/** The scheduler and other automatic actors; never a person row. */
export const SYSTEM_ACTOR = { kind: 'system' } as const;
/**
 * The complainant outside the organisation, acting through their personal page (issue 11):
 * bound to one complaint by the signed link. The audit records `complainant` as the actor.
 */
export const COMPLAINANT_ACTOR = { kind: 'complainant' } as const;
/** The audit's actor id for the complainant (never a person id: person ids are slugs). */
export const COMPLAINANT_ACTOR_ID = 'complainant';
export type Actor =
  | { kind: 'person'; person: Person }
  | typeof SYSTEM_ACTOR
  | typeof COMPLAINANT_ACTOR;

/** The actor's id as the audit records it: a person's id, `complainant`, or null (the system). */
export function actorIdOf(actor: Actor): string | null {
  if (actor.kind === 'person') return actor.person.id;
  return actor.kind === 'complainant' ? COMPLAINANT_ACTOR_ID : null;
}

export function hasRole(person: Pick<Person, 'roles'>, role: Role): boolean {
  return person.roles.includes(role);
}
