import { z } from 'zod';
import { CAUSES, TEXT_LIMITS } from './complaint.js';

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

export const measureInputSchema = z
  .object({
    scope: z.enum(MEASURE_SCOPES),
    type: z.enum(MEASURE_TYPES),
    description: requiredText(TEXT_LIMITS.measure),
    ownerId: z.string().min(1).nullish(),
    dueOn: localDate.nullish(),
  })
  .refine((m) => m.scope === 'client' || m.ownerId != null, {
    message: 'an organisation-wide measure needs an owner',
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
    correctiveMeasure: requiredText(TEXT_LIMITS.measure),
    preventiveMeasure: optionalText(TEXT_LIMITS.measure),
    improvement: measureInputSchema.nullish(),
  }),
  add_measure: measureInputSchema,
  accept: z.object({}),
  object: z.object({ reason: requiredText(TEXT_LIMITS.reason) }),
  appoint_mediator: z.object({ mediatorId: z.string().min(1) }),
  refer_to_committee: z.object({}),
  record_final_outcome: z.object({ outcome: requiredText(TEXT_LIMITS.resolution) }),
  withdraw: z.object({}),
  reassign: z.object({ handlerId: z.string().min(1) }),
  auto_close: z.object({}),
} as const;

export type CommandPayloads = {
  [K in keyof typeof commandPayloadSchemas]: z.infer<(typeof commandPayloadSchemas)[K]>;
};
