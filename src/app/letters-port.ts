import type { Letterhead } from './complainant-settings.js';

/** A letter to a complainant as the PDF shows it (issue 11): every text already translated. */
export interface LetterModel {
  letterhead: Letterhead;
  recipientName: string | null;
  /** Postal address lines; empty for an e-mail's PDF copy without an address. */
  recipientAddress: readonly string[];
  /** The date as written in the letter ("28 november 2026"). */
  dateText: string;
  /** "Ons kenmerk: KL-2026-0012" */
  referenceText: string;
  subject: string;
  /** Paragraphs separated by blank lines. */
  body: string;
  /** A closing line, e.g. "Met vriendelijke groet,". */
  closing: string;
  /** Who signs (the organisation or the handler's name). */
  signature: string;
}

/** Renders a letter as a printable PDF (adapters/letters, pdfkit). */
export interface LetterRenderer {
  render(letter: LetterModel): Promise<Uint8Array>;
}
