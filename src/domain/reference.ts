import { DomainError } from './errors.js';

const REFERENCE = /^KL-(\d{4})-(\d{4,})$/;

/** `KL-2026-0042`: the year of registration and a gapless sequence number within it. */
export function formatReference(year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) {
    throw new DomainError('input.invalid', 'Reference sequence must be a positive integer');
  }
  return `KL-${year}-${String(sequence).padStart(4, '0')}`;
}

export function parseReference(text: string): { year: number; sequence: number } | null {
  const match = REFERENCE.exec(text.trim().toUpperCase());
  if (!match) return null;
  return { year: Number(match[1]), sequence: Number(match[2]) };
}

const PENDING_PREFIX = 'pending-';

/**
 * What a complaint carries between its commit and its number: `pending-<year>-<uuid>`. The
 * number is drawn right after the commit (see reportComplaint), so the counter is never held
 * across a round trip to the service.
 */
export function pendingReference(year: number, unique: string): string {
  return `${PENDING_PREFIX}${year}-${unique}`;
}

export function isPendingReference(reference: string): boolean {
  return reference.startsWith(PENDING_PREFIX);
}
