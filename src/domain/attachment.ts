import { DomainError } from './errors.js';

/**
 * Files on a complaint (issue 11): a letter's scan, photos, an e-mail. Which types and sizes
 * are accepted, and how a name is made safe to store and show. Pure: no I/O.
 */
export interface Attachment {
  id: string;
  complaintId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  /** A person id, or `complainant`. */
  addedBy: string;
  /** slack, teams, page or web_form. */
  source: AttachmentSource;
  addedAt: Date;
}

export const ATTACHMENT_SOURCES = ['slack', 'teams', 'page', 'web_form'] as const;
export type AttachmentSource = (typeof ATTACHMENT_SOURCES)[number];

/** At most 10 MB per file and 25 MB per complaint. */
export const ATTACHMENT_LIMITS = { fileBytes: 10 * 1024 * 1024, complaintBytes: 25 * 1024 * 1024 };

/** Longest stored file name (characters, extension included). */
export const MAX_FILE_NAME = 120;

const bytes = (...values: number[]) => Uint8Array.from(values);
const startsWith = (content: Uint8Array, prefix: Uint8Array) =>
  content.length >= prefix.length && prefix.every((b, i) => content[i] === b);
/** ASCII text occurs in the bytes (a zip's file names are stored uncompressed). */
function containsAscii(content: Uint8Array, text: string): boolean {
  const needle = Array.from(text, (c) => c.charCodeAt(0));
  const first = needle[0];
  outer: for (let i = content.indexOf(first ?? 0); i >= 0; i = content.indexOf(first ?? 0, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (content[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * An e-mail (RFC 822/5322): text without NUL bytes that opens with header lines, among them at
 * least one of the headers every mail carries.
 */
function looksLikeEmail(content: Uint8Array): boolean {
  const head = content.subarray(0, 64 * 1024);
  if (head.includes(0)) return false;
  let text = '';
  for (const b of head) text += String.fromCharCode(b);
  const headerBlock = text.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').split(/\r?\n\r?\n/)[0] ?? '';
  const lines = headerBlock.split(/\r?\n/);
  const header = /^[!-9;-~]+:/;
  if (!header.test(lines[0] ?? '')) return false;
  // Every line is a header or a folded continuation of one.
  if (!lines.every((line) => header.test(line) || /^[ \t]/.test(line))) return false;
  return lines.some((line) =>
    /^(from|date|subject|to|message-id|received|mime-version):/i.test(line),
  );
}

interface AllowedType {
  mediaType: string;
  matches(content: Uint8Array): boolean;
}

const PDF: AllowedType = {
  mediaType: 'application/pdf',
  matches: (c) => startsWith(c, bytes(0x25, 0x50, 0x44, 0x46, 0x2d)), // %PDF-
};
const JPEG: AllowedType = {
  mediaType: 'image/jpeg',
  matches: (c) => startsWith(c, bytes(0xff, 0xd8, 0xff)),
};

/** The allowlist: extension → media type and a check of the content's first bytes. */
export const ALLOWED_TYPES: Readonly<Record<string, AllowedType>> = {
  pdf: PDF,
  jpg: JPEG,
  jpeg: JPEG,
  png: {
    mediaType: 'image/png',
    matches: (c) => startsWith(c, bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)),
  },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    // A zip (PK\x03\x04) holding a Word document's parts.
    matches: (c) => startsWith(c, bytes(0x50, 0x4b, 0x03, 0x04)) && containsAscii(c, 'word/'),
  },
  eml: { mediaType: 'message/rfc822', matches: looksLikeEmail },
  msg: {
    mediaType: 'application/vnd.ms-outlook',
    // An OLE compound file (Outlook's .msg).
    matches: (c) => startsWith(c, bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)),
  },
};

/** The extensions accepted, for messages ("pdf, jpg, …"). */
export const ALLOWED_EXTENSIONS = Object.keys(ALLOWED_TYPES);

/** The lower-case extension of a name, '' without one. */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 || dot === fileName.length - 1 ? '' : fileName.slice(dot + 1).toLowerCase();
}

// C0/C1 controls, and the bidirectional overrides that make `exe.pdf` read as `fdp.exe`.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * A name safe to store and show: no folders (`../`, `C:\`), no control or direction
 * characters, no leading dots, at most MAX_FILE_NAME characters with the extension kept.
 * `fallback` (without extension) names a file left without a name.
 */
export function safeFileName(name: string, fallback = 'bijlage'): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    .replace(UNSAFE, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const ext = extensionOf(base);
  const stem = ext ? base.slice(0, -(ext.length + 1)) : base;
  const room = MAX_FILE_NAME - (ext ? ext.length + 1 : 0);
  const short = Array.from(stem).slice(0, Math.max(room, 1)).join('').trim() || fallback;
  return ext ? `${short}.${ext}` : short;
}

/** A file offered for a complaint, before it is accepted. */
export interface OfferedFile {
  fileName: string;
  content: Uint8Array;
}

/** A file accepted: its safe name and the media type its content proved. */
export interface CheckedFile {
  fileName: string;
  mediaType: string;
  content: Uint8Array;
}

/**
 * Checks files offered together for one complaint that already holds `storedBytes`: each
 * of an allowed type by extension and by content, not empty, at most 10 MB, and together
 * within the complaint's 25 MB. The first refusal throws a coded error whose details say
 * which file (`index`) and the limit; the name is left out (it is content).
 */
export function checkAttachments(
  files: readonly OfferedFile[],
  storedBytes: number,
): CheckedFile[] {
  let total = storedBytes;
  return files.map((file, index) => {
    const fileName = safeFileName(file.fileName);
    const extension = extensionOf(fileName);
    const type = ALLOWED_TYPES[extension];
    const details = { index, extension };
    if (!type) {
      throw new DomainError('attachment.type_not_allowed', 'File type not allowed', details);
    }
    const size = file.content.byteLength;
    if (size === 0) throw new DomainError('attachment.empty', 'Empty file', details);
    if (size > ATTACHMENT_LIMITS.fileBytes) {
      throw new DomainError('attachment.too_large', 'File too large', {
        ...details,
        sizeBytes: size,
        limitBytes: ATTACHMENT_LIMITS.fileBytes,
      });
    }
    if (!type.matches(file.content)) {
      throw new DomainError('attachment.content_mismatch', 'Content is not its type', details);
    }
    total += size;
    if (total > ATTACHMENT_LIMITS.complaintBytes) {
      throw new DomainError('attachment.complaint_full', 'Complaint attachments full', {
        ...details,
        storedBytes,
        limitBytes: ATTACHMENT_LIMITS.complaintBytes,
      });
    }
    return { fileName, mediaType: type.mediaType, content: file.content };
  });
}

/** "2,4 MB", "312 kB", "18 bytes" (decimal comma in Dutch). */
export function formatSize(sizeBytes: number, locale: 'nl' | 'en'): string {
  const format = (n: number) =>
    (Math.round(n * 10) / 10).toString().replace('.', locale === 'nl' ? ',' : '.');
  if (sizeBytes >= 1024 * 1024) return `${format(sizeBytes / (1024 * 1024))} MB`;
  if (sizeBytes >= 1024) return `${format(sizeBytes / 1024)} kB`;
  return `${sizeBytes} bytes`;
}
