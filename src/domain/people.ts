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
export type Actor = { kind: 'person'; person: Person } | typeof SYSTEM_ACTOR;

export function hasRole(person: Pick<Person, 'roles'>, role: Role): boolean {
  return person.roles.includes(role);
}
