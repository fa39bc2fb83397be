/**
 * Errors with stable string codes (after bolt-js `src/errors.ts`). Adapters map a code to a
 * localised sentence; only errors without a code are logged as unexpected.
 */
export const ERROR_CODES = [
  'complaint.not_found',
  'complaint.invalid_transition',
  'complaint.not_permitted',
  'complaint.concurrent_change',
  'complaint.stale',
  'complaint.conflict_of_interest',
  'input.invalid',
  'input.motivation_required',
  'input.reason_required',
  'measure.not_found',
  'measure.invalid_transition',
  'measure.not_permitted',
  'person.not_found',
  'category.not_found',
  'routing.no_handler',
  'config.invalid',
  'database.unavailable',
  /** A lock or statement limit ended the transaction: rolled back, nothing changed. */
  'database.busy',
  /** Issue 11, attachments: a type outside the allowlist (pdf, jpg, png, docx, eml, msg). */
  'attachment.type_not_allowed',
  /** The content is not what its extension says (magic bytes, e-mail headers). */
  'attachment.content_mismatch',
  'attachment.empty',
  /** Over 10 MB. */
  'attachment.too_large',
  /** The complaint would hold more than 25 MB. */
  'attachment.complaint_full',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Why a field's value was refused; each has its own sentence (`problem.<reason>`), so a form
 * says the domain's reason next to the field instead of a generic "invalid".
 */
export const FIELD_PROBLEMS = [
  'required',
  'too_long',
  'invalid',
  'unknown',
  'in_future',
  /** The chosen person is involved in the complaint (reporter, subject, deciding handler). */
  'conflict_of_interest',
  /** The chosen person already has this role. */
  'already_assigned',
  /** The chosen person is no longer active in the organisation. */
  'inactive',
  /** The chosen person's roles do not allow this role in this complaint. */
  'not_eligible',
  /** A term or date that must not lie before today. */
  'in_past',
  /** A new deadline that is not later than the current one. */
  'not_later',
] as const;
export type FieldProblem = (typeof FIELD_PROBLEMS)[number];

export function isFieldProblem(value: unknown): value is FieldProblem {
  return typeof value === 'string' && (FIELD_PROBLEMS as readonly string[]).includes(value);
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  /** Machine-readable details (field names, statuses); never user text. */
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
  /** For bad input: each offending field with a problem code (`required`, `too_long`, ...). */
  readonly fields: Readonly<Record<string, FieldProblem>>;

  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, string | number | boolean | null> = {},
    fields: Record<string, FieldProblem> = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
    this.fields = fields;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
