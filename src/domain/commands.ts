import { z } from 'zod';
import {
  CAUSE_CATEGORIES,
  CAUSES,
  FORMALITIES,
  KINDS,
  TEXT_LIMITS,
  VERDICTS,
} from './complaint.js';

/** Free text: trimmed, required, bounded. NUL bytes are removed (PostgreSQL rejects them). */
export function requiredText(max: number) {
  return z
    .string()
    .transform((text) => cleanText(text))
    .pipe(z.string().min(1).max(max));
}

export function optionalText(max: number) {
  return z
    .string()
    .nullish()
    .transform((text) => (text == null ? null : cleanText(text) || null))
    .pipe(z.string().max(max).nullable());
}

/** Removes NUL and lone surrogates (not storable as UTF-8) and trims. */
export function cleanText(text: string): string {
  return text
    .replaceAll(String.fromCharCode(0), '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .trim();
}

export const MEASURE_SCOPES = ['client', 'organisation'] as const;
export type MeasureScope = (typeof MEASURE_SCOPES)[number];
export const MEASURE_TYPES = ['corrective', 'preventive'] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/**
 * How a complainant's reaction to the outcome reached the organisation when staff record it
 * (issue 11): chat and the web form are not among them (the reporter and the complainant's
 * page react themselves).
 */
export const REACTION_CHANNELS = ['phone', 'letter', 'email', 'in_person'] as const;
export type ReactionChannel = (typeof REACTION_CHANNELS)[number];

/**
 * The reaction's channel and the day it came in (`reactedOn`: the call, the letter's or the
 * e-mail's arrival). Named apart from the intake's `receivedOn`, whose form texts speak of a
 * complaint arriving.
 */
const reactionReceipt = { channel: z.enum(REACTION_CHANNELS), reactedOn: localDate };

/** A form's yes/no: a boolean, or the strings the surfaces send. */
const yesNo = z.union([
  z.boolean(),
  z.enum(['true', 'false']).transform((value) => value === 'true'),
]);

/** An outside party (seed 003): a name, optionally an organisation and a contact. */
export const externalPartySchema = z.object({
  name: requiredText(TEXT_LIMITS.shortText),
  organisation: optionalText(TEXT_LIMITS.shortText),
  contact: optionalText(TEXT_LIMITS.shortText),
});

/** Empty party fields from a form mean "no outside party". */
const optionalParty = z.preprocess(
  (value) =>
    value && typeof value === 'object' && !String((value as { name?: unknown }).name ?? '').trim()
      ? null
      : value,
  externalPartySchema.nullish(),
);

export const measureInputSchema = z
  .object({
    scope: z.enum(MEASURE_SCOPES),
    type: z.enum(MEASURE_TYPES),
    description: requiredText(TEXT_LIMITS.measure),
    ownerId: z.string().min(1).nullish(),
    dueOn: localDate.nullish(),
    /** Carried out by an outside party; the owner is then the internal follower. */
    party: optionalParty,
  })
  .refine((m) => m.scope === 'client' || m.ownerId != null, {
    message: 'an organisation-wide measure needs an owner',
    path: ['ownerId'],
    params: { problem: 'required' },
  })
  .refine((m) => m.party == null || m.ownerId != null, {
    message: 'a measure by an outside party needs an internal follower',
    path: ['ownerId'],
    params: { problem: 'required' },
  })
  .refine((m) => m.scope === 'client' || m.dueOn != null, {
    message: 'an organisation-wide measure needs a due date',
    path: ['dueOn'],
    params: { problem: 'required' },
  });
export type MeasureInput = z.infer<typeof measureInputSchema>;

/** The payload each command needs; validated at the edge of every use case. */
export const commandPayloadSchemas = {
  request_info: z.object({ question: requiredText(TEXT_LIMITS.question) }),
  provide_info: z.object({ answer: requiredText(TEXT_LIMITS.answer) }),
  declare_founded: z.object({ motivation: optionalText(TEXT_LIMITS.motivation) }),
  declare_unfounded: z.object({ motivation: requiredText(TEXT_LIMITS.motivation) }),
  record_resolution: z.object({
    resolution: requiredText(TEXT_LIMITS.resolution),
    cause: z.enum(CAUSES),
    // 1000, not 3000: the resolution form, sent back after an error with every text at its
    // limit, must stay under the 28 KB of a Teams card (test/forms/one-model.test.ts).
    rootCause: optionalText(TEXT_LIMITS.measure),
    causeCategory: z.enum(CAUSE_CATEGORIES).nullish(),
    correctiveMeasure: requiredText(TEXT_LIMITS.measure),
    preventiveMeasure: optionalText(TEXT_LIMITS.measure),
    improvement: measureInputSchema.nullish(),
  }),
  add_measure: measureInputSchema,
  accept: z.object({}),
  object: z.object({ reason: requiredText(TEXT_LIMITS.reason) }),
  record_acceptance: z.object(reactionReceipt),
  record_objection: z.object({ ...reactionReceipt, reason: requiredText(TEXT_LIMITS.reason) }),
  appoint_mediator: z.object({ mediatorId: z.string().min(1) }),
  refer_to_committee: z.object({}),
  record_final_outcome: z.object({ outcome: requiredText(TEXT_LIMITS.resolution) }),
  withdraw: z.object({}),
  reassign: z.object({ handlerId: z.string().min(1) }),
  auto_close: z.object({}),
  classify: z.object({ kind: z.enum(KINDS), formality: z.enum(FORMALITIES) }),
  declare_admissible: z.object({}),
  declare_inadmissible: z.object({ motivation: requiredText(TEXT_LIMITS.motivation) }),
  note_feedback: z.object({}),
  agree_solution: z.object({
    solution: requiredText(TEXT_LIMITS.resolution),
    termOn: localDate,
    complainantAgreed: yesNo,
    party: optionalParty,
  }),
  report_fix_done: z.object({ note: optionalText(TEXT_LIMITS.measure) }),
  extend_deadline: z.object({ newDueOn: localDate, reason: requiredText(TEXT_LIMITS.reason) }),
  record_committee_verdict: z.object({
    verdict: z.enum(VERDICTS),
    verdictOn: localDate,
    binding: yesNo,
    followUp: optionalText(TEXT_LIMITS.measure),
  }),
  record_private_note: z.object({ note: requiredText(TEXT_LIMITS.note) }),
} as const;

export type CommandPayloads = {
  [K in keyof typeof commandPayloadSchemas]: z.infer<(typeof commandPayloadSchemas)[K]>;
};
