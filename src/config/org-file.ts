import { readFile } from 'node:fs/promises';
import { type Document, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { DEFAULT_MEASURE_REVIEW_AFTER } from '../domain/measure.js';
import { COMPLAINANT_ACTOR_ID, LOCALES, type Locale, ROLES, type Role } from '../domain/people.js';
import { COMMITTEE_TYPES, OBJECTION_DECIDERS, type ProcedureRules } from '../domain/procedure.js';

/**
 * The organisation file (DESIGN.md §10): people, categories, deadlines and calendar in one
 * YAML file. Every problem is reported with file, line, column and path, all at once.
 */

export const LIBERATION_DAY_RULES = ['always', 'lustrum', 'never'] as const;
export type LiberationDayRule = (typeof LIBERATION_DAY_RULES)[number];

export interface OrgPerson {
  id: string;
  name: string;
  email: string | null;
  roles: Role[];
  slackUserId: string | null;
  teamsAadObjectId: string | null;
  locale: Locale | null;
  active: boolean;
}

export interface OrgCategory {
  key: string;
  label: Record<Locale, string>;
  /** Person id of the default handler (role handler or director). */
  handler: string;
}

export interface OrgConfig {
  organisation: { name: string; locale: Locale; timezone: string };
  /** Working days; structurally a domain DeadlinePolicy. */
  deadlines: {
    reminderAfter: number;
    feedback: number;
    decision: number;
    resolution: number;
    reaction: number;
    objection: number;
  };
  /** The procedure's choices (admissibility step, formal → director, extensions, committee). */
  procedure: ProcedureRules;
  /** Structurally a domain CalendarOptions (the time zone is the organisation's). */
  calendar: {
    timezone: string;
    goodFriday: boolean;
    liberationDay: LiberationDayRule;
    extraClosedDays: string[];
  };
  retentionYears: number;
  /** Improvement measures: working days from implementation to the effectiveness review. */
  measures: { reviewAfter: number };
  people: OrgPerson[];
  categories: OrgCategory[];
  channels: { quality: { slack: string | null; teams: string | null } };
  /** Working days to acknowledge a complaint by letter, e-mail and web form (issue 11). */
  acknowledgement: { letter: number; email: number; webForm: number };
  /**
   * The public intake form (issue 11): off by default; its complaints are registered in the
   * name of `registeredBy`, an active person of this file (typically the secretariat).
   */
  webForm: { enabled: boolean; registeredBy: string | null };
  /** The sender on letters and e-mails to complainants; the name is `organisation.name`. */
  letterhead: {
    address: string | null;
    email: string | null;
    phone: string | null;
    url: string | null;
  };
}

export class OrgConfigError extends Error {
  readonly problems: string[];

  constructor(fileName: string, problems: string[]) {
    super(`Invalid organisation file ${fileName}:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'OrgConfigError';
    this.problems = problems;
  }
}

type Path = readonly PropertyKey[];

function show(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

const ID = /^[a-z0-9][a-z0-9._-]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return /^[A-Za-z]/.test(name); // IANA names only, not offsets like +01:00
  } catch {
    return false;
  }
}

function isIsoDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(date.getTime())) return false;
  return date.toISOString().slice(0, 10) === text; // rejects 2026-02-30
}

const text = z.string().trim().min(1);
const id = z
  .string()
  .max(64)
  .regex(ID, {
    error: (iss) => `invalid id ${show(iss.input)} (lowercase a-z, 0-9, ".", "_", "-")`,
  })
  // The audit names the complainant acting through their page `complainant`: no person may.
  .refine((value) => value !== COMPLAINANT_ACTOR_ID, {
    error: `the id "${COMPLAINANT_ACTOR_ID}" is reserved for the complainant`,
  });
function whole(min: number, max: number, unit: string) {
  const error = (iss: { input?: unknown }) =>
    `must be a whole number of ${unit} from ${min} to ${max}, got ${show(iss.input)}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}
const days = whole(1, 100, 'working days');
const locale = z.enum(LOCALES, {
  error: (iss) => `invalid locale ${show(iss.input)} (expected one of ${LOCALES.join(', ')})`,
});
const role = z.enum(ROLES, {
  error: (iss) => `invalid role ${show(iss.input)} (expected one of ${ROLES.join(', ')})`,
});
const timezone = z.string().refine(isTimeZone, {
  error: (iss) =>
    `unknown time zone ${show(iss.input)} (expected an IANA name like Europe/Amsterdam)`,
});
const isoDate = z.string().refine(isIsoDate, {
  error: (iss) => `invalid date ${show(iss.input)} (expected YYYY-MM-DD)`,
});
function pattern(regex: RegExp, what: string, hint: string) {
  return z
    .string()
    .regex(regex, { error: (iss) => `invalid ${what} ${show(iss.input)} (${hint})` });
}

const person = z.strictObject({
  id,
  name: text,
  email: z.email({ error: (iss) => `invalid email address ${show(iss.input)}` }).optional(),
  roles: z.array(role).min(1, 'must list at least one role'),
  slackUserId: pattern(/^[UW][A-Z0-9]+$/, 'Slack user id', 'like U0123ABCD').optional(),
  teamsAadObjectId: pattern(UUID, 'Teams AAD object id', 'expected a UUID').optional(),
  locale: locale.optional(),
  active: z.boolean().default(true),
});

// A plain string is the same label in every language.
const label = z.preprocess(
  (value) => (typeof value === 'string' ? { nl: value, en: value } : value),
  z
    .strictObject({ nl: text.optional(), en: text.optional() })
    .refine((l) => l.nl !== undefined || l.en !== undefined, 'needs at least one of nl, en'),
);

const schema = z.strictObject({
  organisation: z.strictObject({
    name: text,
    locale: locale.default('nl'),
    timezone: timezone.default('Europe/Amsterdam'),
  }),
  deadlines: z
    .strictObject({
      reminderAfter: days.default(5),
      feedback: days.default(5),
      decision: days.default(10),
      resolution: days.default(34),
      reaction: days.default(10),
      objection: days.default(20),
    })
    .prefault({}),
  procedure: z
    .strictObject({
      admissibilityStep: z.boolean().default(false),
      formalToDirector: z.boolean().default(true),
      maxExtensions: whole(0, 5, 'extensions').default(1),
      objectionDecidedByDirector: z
        .enum(OBJECTION_DECIDERS, {
          error: (iss) =>
            `invalid value ${show(iss.input)} (expected one of ${OBJECTION_DECIDERS.join(', ')})`,
        })
        .default('quality_adviser'),
    })
    .prefault({}),
  committee: z
    .strictObject({
      name: text,
      address: text.optional(),
      url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
      type: z
        .enum(COMMITTEE_TYPES, {
          error: (iss) =>
            `invalid value ${show(iss.input)} (expected one of ${COMMITTEE_TYPES.join(', ')})`,
        })
        .default('committee'),
      binding: z.boolean().default(false),
      /** Months after the final answer within which a complainant may go to it. */
      termMonths: whole(1, 60, 'months').optional(),
    })
    .optional(),
  acknowledgement: z
    .strictObject({
      letter: whole(0, 100, 'working days').default(5),
      email: whole(0, 100, 'working days').default(1),
      webForm: whole(0, 100, 'working days').default(1),
    })
    .prefault({}),
  webForm: z
    .strictObject({
      enabled: z.boolean().default(false),
      registeredBy: id.optional(),
    })
    .prefault({}),
  letterhead: z
    .strictObject({
      address: text.optional(),
      email: z.email({ error: (iss) => `invalid email address ${show(iss.input)}` }).optional(),
      phone: text.optional(),
      url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    })
    .prefault({}),
  calendar: z
    .strictObject({
      goodFriday: z.boolean().default(false),
      liberationDay: z
        .enum(LIBERATION_DAY_RULES, {
          error: (iss) =>
            `invalid value ${show(iss.input)} (expected one of ${LIBERATION_DAY_RULES.join(', ')})`,
        })
        .default('lustrum'),
      extraClosedDays: z.array(isoDate).default([]),
    })
    .prefault({}),
  retentionYears: whole(1, 30, 'years').default(3),
  measures: z
    .strictObject({
      reviewAfter: whole(1, 260, 'working days').default(DEFAULT_MEASURE_REVIEW_AFTER),
    })
    .prefault({}),
  people: z.array(person).min(1, 'must list at least one person'),
  categories: z
    .array(z.strictObject({ key: id, label, handler: id }))
    .min(1, 'must list at least one category'),
  channels: z
    .strictObject({
      quality: z
        .strictObject({
          slack: pattern(/^[CG][A-Z0-9]+$/, 'Slack channel id', 'like C0123ABCD').optional(),
          teams: pattern(
            /^19:.+@thread\.(tacv2|skype)$/,
            'Teams channel id',
            'like 19:...@thread.tacv2',
          ).optional(),
        })
        .prefault({}),
    })
    .prefault({}),
});

type Parsed = z.output<typeof schema>;

/** Fallback wording for the issues no schema above words itself. */
function describeIssue(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${show(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      return `must be at least ${issue.minimum}, got ${show(issue.input)}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      return `must be at most ${issue.maximum}, got ${show(issue.input)}`;
    default:
      return 'is invalid';
  }
}
const EXPECTED: Record<string, string> = {
  int: 'a whole number',
  object: 'a mapping',
  array: 'a list',
  boolean: 'true or false',
};

interface Problem {
  path: Path;
  message: string;
  /** Point at the key itself (unknown keys) rather than its value. */
  atKey?: boolean;
}

/** Rules across entries; run on the raw data so they are reported next to type errors. */
function crossProblems(data: unknown): Problem[] {
  const problems: Problem[] = [];
  const root = asRecord(data);
  const people = entries(root?.people);
  const categories = entries(root?.categories);
  const unique = (list: Entry[], section: string, field: string, normalise = (s: string) => s) => {
    const seen = new Map<string, number>();
    for (const [index, item] of list) {
      const value = item[field];
      if (typeof value !== 'string') continue;
      const first = seen.get(normalise(value));
      if (first === undefined) seen.set(normalise(value), index);
      else
        problems.push({
          path: [section, index, field],
          message: `duplicate ${field} ${show(value)} (already used by ${section}[${first}])`,
        });
    }
  };
  const lower = (s: string) => s.toLowerCase();
  unique(people, 'people', 'id');
  unique(people, 'people', 'email', lower);
  unique(people, 'people', 'slackUserId');
  unique(people, 'people', 'teamsAadObjectId', lower);
  unique(categories, 'categories', 'key');

  // Roles of active people; the first entry wins for a duplicate id (reported above).
  const rolesById = new Map<string, unknown[]>();
  for (const [, item] of people) {
    const roles = Array.isArray(item.roles) && item.active !== false ? item.roles : [];
    if (typeof item.id === 'string' && !rolesById.has(item.id)) rolesById.set(item.id, roles);
  }
  for (const [index, item] of categories) {
    if (typeof item.handler !== 'string') continue;
    const roles = rolesById.get(item.handler);
    const message =
      roles === undefined
        ? `unknown person ${show(item.handler)} (no entry in people has this id)`
        : roles.includes('handler') || roles.includes('director')
          ? null
          : `person ${show(item.handler)} cannot handle complaints (needs role handler or director, and active)`;
    if (message) problems.push({ path: ['categories', index, 'handler'], message });
  }

  // The web form's complaints are registered in this person's name: any active person
  // (typically the secretariat); the form cannot be enabled without one.
  const webForm = asRecord(root?.webForm);
  if (webForm) {
    const registeredBy = webForm.registeredBy;
    if (typeof registeredBy === 'string') {
      const active = people.some(([, p]) => p.id === registeredBy && p.active !== false);
      const listed = people.some(([, p]) => p.id === registeredBy);
      if (!active) {
        problems.push({
          path: ['webForm', 'registeredBy'],
          message: listed
            ? `person ${show(registeredBy)} is not active (web form complaints are registered in their name)`
            : `unknown person ${show(registeredBy)} (no entry in people has this id)`,
        });
      }
    } else if (webForm.enabled === true && registeredBy === undefined) {
      problems.push({
        path: ['webForm'],
        atKey: true,
        message:
          'needs registeredBy when enabled (the person in whose name web form complaints are registered, e.g. the secretariat)',
      });
    }
  }

  if (people.length > 0) {
    const all = [...rolesById.values()].flat();
    for (const needed of ['director', 'quality_adviser'] as const) {
      if (!all.includes(needed)) {
        problems.push({
          path: ['people'],
          atKey: true,
          message: `needs at least one active person with role ${needed} (escalations and fallback routing go there)`,
        });
      }
    }
  }
  return problems;
}

type Entry = [number, Record<string, unknown>];
function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
function entries(value: unknown): Entry[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, index): Entry[] => {
    const record = asRecord(item);
    return record ? [[index, record]] : [];
  });
}

function issueProblems(issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.flatMap((issue): Problem[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: [...issue.path, key],
          message: 'unknown key',
          atKey: true,
        }))
      : [{ path: issue.path, message: issue.message }],
  );
}

/** Offset of the node at `path`, or of the deepest existing ancestor (for a missing key). */
function offsetOf(doc: Document, path: Path, atKey = false): number {
  let node: unknown = doc.contents;
  let offset = isNode(node) ? (node.range?.[0] ?? 0) : 0;
  for (const [depth, segment] of path.entries()) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) break;
      if ((atKey && depth === path.length - 1) || !isNode(pair.value)) {
        return isNode(pair.key) ? (pair.key.range?.[0] ?? offset) : offset;
      }
      next = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (!isNode(next)) break;
    node = next;
    offset = next.range?.[0] ?? offset;
  }
  return offset;
}

function formatPath(path: Path): string {
  return path
    .map((segment, i) =>
      typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

function toOrgConfig(parsed: Parsed): OrgConfig {
  const { organisation, deadlines, calendar, retentionYears, channels, committee } = parsed;
  return {
    organisation,
    deadlines,
    procedure: {
      ...parsed.procedure,
      committee: committee
        ? {
            name: committee.name,
            address: committee.address ?? null,
            url: committee.url ?? null,
            type: committee.type,
            binding: committee.binding,
            ...(committee.termMonths !== undefined ? { termMonths: committee.termMonths } : {}),
          }
        : null,
    },
    calendar: {
      timezone: organisation.timezone,
      goodFriday: calendar.goodFriday,
      liberationDay: calendar.liberationDay,
      extraClosedDays: [...new Set(calendar.extraClosedDays)].sort(),
    },
    retentionYears,
    measures: { reviewAfter: parsed.measures.reviewAfter },
    people: parsed.people.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email?.toLowerCase() ?? null,
      roles: [...new Set(p.roles)],
      slackUserId: p.slackUserId ?? null,
      teamsAadObjectId: p.teamsAadObjectId?.toLowerCase() ?? null,
      locale: p.locale ?? null,
      active: p.active,
    })),
    categories: parsed.categories.map((c) => {
      const fallback = c.label.nl ?? c.label.en ?? c.key;
      return {
        key: c.key,
        label: { nl: c.label.nl ?? fallback, en: c.label.en ?? fallback },
        handler: c.handler,
      };
    }),
    channels: {
      quality: { slack: channels.quality.slack ?? null, teams: channels.quality.teams ?? null },
    },
    acknowledgement: { ...parsed.acknowledgement },
    webForm: {
      enabled: parsed.webForm.enabled,
      registeredBy: parsed.webForm.registeredBy ?? null,
    },
    letterhead: {
      address: parsed.letterhead.address ?? null,
      email: parsed.letterhead.email ?? null,
      phone: parsed.letterhead.phone ?? null,
      url: parsed.letterhead.url ?? null,
    },
  };
}

/** Parses and validates the organisation YAML; throws OrgConfigError listing every problem. */
export function parseOrgConfig(source: string, fileName: string): OrgConfig {
  const lineCounter = new LineCounter();
  // YAML 1.2 core schema: an unquoted 2026-12-24 stays a string, `yes` is not a boolean.
  const doc = parseDocument(source, { lineCounter, schema: 'core', prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${fileName}:${line}:${col}`;
  };

  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => `${at(e.pos[0])} YAML syntax error: ${e.message}`);
    throw new OrgConfigError(fileName, problems);
  }
  if (doc.contents === null) throw new OrgConfigError(fileName, [`${at(0)} the file is empty`]);

  const data: unknown = doc.toJS();
  const result = schema.safeParse(data, { error: describeIssue });
  const problems = [
    ...(result.success ? [] : issueProblems(result.error.issues)),
    ...crossProblems(data),
  ];
  if (result.success && problems.length === 0) return toOrgConfig(result.data);

  const located = problems.map((p) => ({ ...p, offset: offsetOf(doc, p.path, p.atKey) }));
  located.sort((a, b) => a.offset - b.offset);
  throw new OrgConfigError(
    fileName,
    located.map((p) => {
      const path = formatPath(p.path);
      return `${at(p.offset)} ${path ? `${path}: ` : ''}${p.message}`;
    }),
  );
}

/** Reads and validates the organisation file at `path`. */
export async function loadOrgConfig(path: string): Promise<OrgConfig> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? 'error'})`;
    throw new OrgConfigError(path, [`${path}: ${reason} (check ORG_CONFIG)`]);
  }
  return parseOrgConfig(source, path);
}
