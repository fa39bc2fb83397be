import PDFDocument from 'pdfkit';
import type { LetterModel, LetterRenderer } from '../../app/letters-port.js';

/**
 * Letters to complainants as printable PDF (issue 11), with pdfkit and its standard Helvetica
 * (no font files): A4, the organisation's letterhead, the complainant's name and address where
 * a window envelope shows it, date and reference, the subject in bold, the text, closing and
 * signature. Long texts run onto further pages, each numbered. The same letter renders the
 * same bytes: the PDF's creation date is the letter's date.
 */

const MM = 72 / 25.4;
const A4 = { width: 210 * MM, height: 297 * MM };
const MARGIN = { left: 25 * MM, right: 20 * MM, top: 20 * MM, bottom: 25 * MM };
/** The address window of a Dutch window envelope (left window: 22 mm from the left, 50 mm down). */
const WINDOW = { x: 22 * MM, y: 50 * MM, width: 90 * MM, height: 40 * MM };
/** Where the letter's text starts below the address window. */
const TEXT_TOP = 100 * MM;
const GREY = '#444444';

/**
 * Helvetica without embedded fonts writes WinAnsi: Latin-1 and a few typographic signs. Other
 * characters (emoji, other scripts) would come out as boxes or nothing: a visible "?" instead.
 */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
function printable(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\n' || ch === '\t') out += ch;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
    else if (code <= 0xff || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else {
      // "ź" → "z": the letter without its accent reads better than a question mark.
      const base = ch.normalize('NFD').charAt(0);
      out += base !== ch && (base.codePointAt(0) ?? 0x100) <= 0xff ? base : '?';
    }
  }
  return out;
}

/** A LocalDate carried along by the app (DatedLetterModel), else a fixed date: same bytes. */
function creationDate(letter: LetterModel): Date {
  const date = (letter as LetterModel & { date?: unknown }).date;
  if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)) {
    const at = new Date(`${date}T12:00:00Z`);
    if (!Number.isNaN(at.getTime())) return at;
  }
  return new Date('2000-01-01T00:00:00Z');
}

const lines = (text: string | null) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

export function createLetterRenderer(): LetterRenderer {
  return {
    render: (letter) => renderLetter(letter),
  };
}

export function renderLetter(letter: LetterModel): Promise<Uint8Array> {
  const created = creationDate(letter);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    info: {
      Title: printable(`${letter.subject} – ${letter.referenceText}`),
      Author: printable(letter.letterhead.name),
      Producer: 'Klachtenbot',
      Creator: 'Klachtenbot',
      CreationDate: created,
      ModDate: created,
    },
    lang: 'nl',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  const contentWidth = A4.width - MARGIN.left - MARGIN.right;
  const { letterhead } = letter;

  // Letterhead: the organisation's name, address and contact, top right.
  const headX = A4.width - MARGIN.right - 75 * MM;
  doc.font('Helvetica-Bold').fontSize(14).fillColor('black');
  doc.text(printable(letterhead.name), headX, MARGIN.top, { width: 75 * MM, align: 'right' });
  doc.font('Helvetica').fontSize(8.5).fillColor(GREY);
  const contact = [
    ...lines(letterhead.address),
    letterhead.phone,
    letterhead.email,
    letterhead.url,
  ].filter((line): line is string => Boolean(line));
  for (const line of contact) {
    doc.text(printable(line), headX, undefined, { width: 75 * MM, align: 'right' });
  }

  // The address window: a small return address line, then the complainant.
  const returnAddress = [letterhead.name, ...lines(letterhead.address)].join(' · ');
  doc.font('Helvetica').fontSize(6.5).fillColor(GREY);
  doc.text(printable(returnAddress), WINDOW.x + 3 * MM, WINDOW.y + 3 * MM, {
    width: WINDOW.width - 6 * MM,
    lineBreak: false,
    ellipsis: true,
    height: 8,
  });
  doc.font('Helvetica').fontSize(10.5).fillColor('black');
  const recipient = [letter.recipientName ?? '', ...letter.recipientAddress].filter(Boolean);
  doc.text(printable(recipient.join('\n')), WINDOW.x + 3 * MM, WINDOW.y + 9 * MM, {
    width: WINDOW.width - 6 * MM,
    height: WINDOW.height - 10 * MM,
    ellipsis: true,
  });

  // Date, reference, subject.
  doc.font('Helvetica').fontSize(10).fillColor('black');
  doc.text(printable(letter.dateText), MARGIN.left, TEXT_TOP, { width: contentWidth });
  doc.text(printable(letter.referenceText), { width: contentWidth });
  doc.moveDown(1.5);
  doc.font('Helvetica-Bold').fontSize(11);
  doc.text(printable(letter.subject), { width: contentWidth });
  doc.moveDown(1);

  // The text: paragraphs separated by blank lines; single newlines kept.
  doc.font('Helvetica').fontSize(10.5);
  const paragraphs = letter.body
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  for (const paragraph of paragraphs) {
    doc.text(printable(paragraph), { width: contentWidth, align: 'left', lineGap: 1.5 });
    doc.moveDown(0.8);
  }

  // Closing and signature (unless the text carries its own), kept together on one page.
  if (letter.closing || letter.signature) {
    const signature = [letter.closing, '', '', ...lines(letter.signature)];
    const height = doc.heightOfString(signature.join('\n'), { width: contentWidth });
    if (doc.y + height > A4.height - MARGIN.bottom) doc.addPage();
    doc.moveDown(0.5);
    doc.text(printable(signature.join('\n')), MARGIN.left, undefined, { width: contentWidth });
  }

  // Page numbers on a letter of more than one page, with the reference.
  const range = doc.bufferedPageRange();
  if (range.count > 1) {
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(range.start + i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font('Helvetica').fontSize(8).fillColor(GREY);
      doc.text(
        printable(`${letter.referenceText} · ${i + 1}/${range.count}`),
        MARGIN.left,
        A4.height - 15 * MM,
        { width: contentWidth, align: 'right', lineBreak: false },
      );
      doc.page.margins.bottom = bottom;
    }
  }
  doc.end();
  return done;
}
