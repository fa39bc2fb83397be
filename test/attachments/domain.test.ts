import { describe, expect, it } from 'vitest';
import { attachmentRefusal } from '../../src/app/attachments.js';
import {
  ATTACHMENT_LIMITS,
  checkAttachments,
  MAX_FILE_NAME,
  safeFileName,
} from '../../src/domain/attachment.js';
import { DomainError } from '../../src/domain/errors.js';
import { FILES, pdfOfSize } from './files.js';

const MB = 1024 * 1024;

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('attachments: the allowlist, the limits and safe names', () => {
  it('accepts each allowed type by extension and content, with the media type the content proves', () => {
    const checked = checkAttachments(
      [
        { fileName: 'scan.PDF', content: FILES.pdf },
        { fileName: 'foto.png', content: FILES.png },
        { fileName: 'foto.jpeg', content: FILES.jpg },
        { fileName: 'foto.jpg', content: FILES.jpg },
        { fileName: 'brief.docx', content: FILES.docx },
        { fileName: 'mail.msg', content: FILES.msg },
        { fileName: 'mail.eml', content: FILES.eml },
      ],
      0,
    );
    expect(checked.map((c) => c.mediaType)).toEqual([
      'application/pdf',
      'image/png',
      'image/jpeg',
      'image/jpeg',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.ms-outlook',
      'message/rfc822',
    ]);
    expect(checked[0]?.fileName).toBe('scan.pdf'); // the extension in lower case
  });

  it('refuses a forbidden type, and a file whose content is not its extension', () => {
    const exe = refusal(() =>
      checkAttachments([{ fileName: 'factuur.exe', content: FILES.exe }], 0),
    );
    expect(exe.code).toBe('attachment.type_not_allowed');
    expect(
      refusal(() => checkAttachments([{ fileName: 'geen-extensie', content: FILES.pdf }], 0)).code,
    ).toBe('attachment.type_not_allowed');
    for (const [fileName, content] of [
      ['factuur.pdf', FILES.exe],
      ['foto.png', FILES.jpg],
      ['brief.docx', FILES.zip],
      ['mail.eml', FILES.pdf],
      ['mail.eml', Buffer.from('Beste mensen,\nhier is mijn klacht.\n')],
      ['mail.msg', FILES.docx],
    ] as const) {
      const error = refusal(() => checkAttachments([{ fileName, content }], 0));
      expect(error.code, fileName).toBe('attachment.content_mismatch');
    }
    expect(
      refusal(() => checkAttachments([{ fileName: 'leeg.pdf', content: Buffer.alloc(0) }], 0)).code,
    ).toBe('attachment.empty');
  });

  it('10 MB per file and 25 MB per complaint, counting what is stored already', () => {
    expect(checkAttachments([{ fileName: 'a.pdf', content: pdfOfSize(10 * MB) }], 0)).toHaveLength(
      1,
    );
    const big = refusal(() =>
      checkAttachments(
        [
          { fileName: 'ok.pdf', content: FILES.pdf },
          { fileName: 'groot.pdf', content: pdfOfSize(10 * MB + 1) },
        ],
        0,
      ),
    );
    expect(big.code).toBe('attachment.too_large');
    expect(big.details).toMatchObject({ index: 1, sizeBytes: 10 * MB + 1 });
    // The name is content: it is not in the error.
    expect(JSON.stringify(big.details)).not.toContain('groot');

    const full = refusal(() =>
      checkAttachments([{ fileName: 'c.pdf', content: pdfOfSize(6 * MB) }], 20 * MB),
    );
    expect(full.code).toBe('attachment.complaint_full');
    expect(
      checkAttachments([{ fileName: 'c.pdf', content: pdfOfSize(5 * MB) }], 20 * MB),
    ).toHaveLength(1);
    expect(ATTACHMENT_LIMITS).toEqual({ fileBytes: 10 * MB, complaintBytes: 25 * MB });
  });

  it('the refusal in words names the file and the limit, in Dutch and English', () => {
    const files = [{ fileName: 'ok.pdf' }, { fileName: '../../groot scan.pdf' }];
    const error = refusal(() =>
      checkAttachments(
        [
          { fileName: 'ok.pdf', content: FILES.pdf },
          { fileName: 'groot.pdf', content: pdfOfSize(10 * MB + 1) },
        ],
        0,
      ),
    );
    const nl = attachmentRefusal('nl', error, files) ?? '';
    expect(nl).toContain('"groot scan.pdf"');
    expect(nl).toContain('10 MB');
    expect(nl).toContain('geen enkel bestand');
    expect(attachmentRefusal('en', error, files)).toContain('the limit per file is 10 MB');
    const exe = refusal(() => checkAttachments([{ fileName: 'x.exe', content: FILES.exe }], 0));
    expect(attachmentRefusal('nl', exe, [{ fileName: 'x.exe' }])).toContain(
      'PDF, JPG, PNG, DOCX, EML en MSG',
    );
  });

  it('names are made safe: no folders, control or direction characters, a limited length with the extension kept', () => {
    expect(safeFileName('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(safeFileName('C:\\Users\\jan\\scan.pdf')).toBe('scan.pdf');
    expect(safeFileName('brief\u0000\r\n.pdf')).toBe('brief.pdf');
    expect(safeFileName('factuur\u202Efdp.exe')).toBe('factuurfdp.exe');
    expect(safeFileName('...verborgen.pdf')).toBe('verborgen.pdf');
    expect(safeFileName('a"b<c>.pdf')).toBe('a_b_c_.pdf');
    expect(safeFileName('.pdf')).toBe('pdf');
    expect(safeFileName('')).toBe('bijlage');
    const long = safeFileName(`${'x'.repeat(500)}.docx`);
    expect(long.length).toBe(MAX_FILE_NAME);
    expect(long.endsWith('.docx')).toBe(true);
  });
});
