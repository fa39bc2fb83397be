import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { formatReference, parseReference } from '../../src/domain/reference.js';

describe('formatReference', () => {
  it('pads the sequence to four digits', () => {
    expect(formatReference(2026, 42)).toBe('KL-2026-0042');
    expect(formatReference(2026, 1)).toBe('KL-2026-0001');
    expect(formatReference(2027, 9999)).toBe('KL-2027-9999');
  });

  it('grows beyond four digits instead of truncating', () => {
    expect(formatReference(2026, 12345)).toBe('KL-2026-12345');
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects sequence %s with input.invalid',
    (sequence) => {
      let caught: unknown;
      try {
        formatReference(2026, sequence);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DomainError);
      expect((caught as DomainError).code).toBe('input.invalid');
    },
  );
});

describe('parseReference', () => {
  it.each([
    [2026, 42],
    [2026, 1],
    [2030, 9999],
    [2026, 10000],
    [2026, 123456],
  ])('round-trips %i/%i', (year, sequence) => {
    expect(parseReference(formatReference(year, sequence))).toEqual({ year, sequence });
  });

  it('tolerates surrounding whitespace and lower case', () => {
    expect(parseReference('  kl-2026-0042 \n')).toEqual({ year: 2026, sequence: 42 });
  });

  it.each([
    '',
    'KL-2026-42',
    'KL-2026-042',
    'KL-26-0042',
    'KL-20260-0042',
    'KL2026-0042',
    'KL-2026_0042',
    'XX-2026-0042',
    'KL-2026-0042x',
    'see KL-2026-0042',
    'KL-2026-00 42',
    'KL-２０２６-0042',
  ])('rejects %j', (text) => {
    expect(parseReference(text)).toBeNull();
  });
});
