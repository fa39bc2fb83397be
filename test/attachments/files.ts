/** Small files of each allowed type (and some that are not), as their first bytes make them. */
export const FILES = {
  pdf: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n'),
  png: Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from('IHDR-fake-image-data'),
  ]),
  jpg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF-fake')]),
  docx: Buffer.concat([
    Buffer.from([0x50, 0x4b, 0x03, 0x04]),
    Buffer.from('....[Content_Types].xml....word/document.xml....'),
  ]),
  msg: Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.from('outlook-message'),
  ]),
  eml: Buffer.from(
    'From: Mevrouw Jansen <jansen@example.org>\r\nTo: klachten@example.org\r\nSubject: Lekkage\r\n\tvervolg\r\nDate: Mon, 2 Mar 2026 10:00:00 +0100\r\n\r\nBeste mensen,\r\n',
  ),
  exe: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0x90)]),
  zip: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('notes.txt')]),
} as const;

/** A PDF of exactly `size` bytes. */
export function pdfOfSize(size: number): Buffer {
  const buffer = Buffer.alloc(size, 0x20);
  FILES.pdf.copy(buffer, 0, 0, Math.min(FILES.pdf.length, size));
  return buffer;
}
