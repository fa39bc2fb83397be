import type { z } from 'zod';
import { DomainError, type ErrorCode, type FieldProblem, isFieldProblem } from './errors.js';

/** Turns zod issues into field problems that adapters can show next to each field. */
export function fieldProblems(error: z.ZodError): Record<string, FieldProblem> {
  const fields: Record<string, FieldProblem> = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || '_';
    if (fields[field]) continue;
    fields[field] = problemOf(issue);
  }
  return fields;
}

function problemOf(issue: z.core.$ZodIssue): FieldProblem {
  // A refine names its reason (`params: { problem: 'required' }`): a rule across fields
  // receives the whole object as input, so the checks below cannot tell.
  if (issue.code === 'custom' && isFieldProblem(issue.params?.problem)) return issue.params.problem;
  if (issue.code === 'too_big') return 'too_long';
  if (issue.code === 'too_small') return 'required';
  // Needs `reportInput: true` when parsing: zod 4 leaves the input out of issues otherwise.
  if (issue.input === undefined || issue.input === null) return 'required';
  return 'invalid';
}

/** Parses input or throws a coded error listing every bad field; nothing is written. */
export function parseOrThrow<T>(
  schema: z.ZodType<T>,
  input: unknown,
  code: ErrorCode = 'input.invalid',
): T {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const fields = fieldProblems(result.error);
  throw new DomainError(code, `Invalid input: ${Object.keys(fields).join(', ')}`, {}, fields);
}
