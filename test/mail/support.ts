import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { ComplainantSettings } from '../../src/app/complainant-settings.js';
import { DEFAULT_ACKNOWLEDGEMENT } from '../../src/app/complainant-settings.js';

/**
 * Test support for e-mail and letters to complainants (issue 11): an in-process SMTP server
 * that parses what it receives, the settings, and PDF text through pdfjs-dist.
 */

export const LINK_SECRET = 'test-complainant-link-secret-0123456789';

export function complainantSettings(
  overrides: Partial<ComplainantSettings> = {},
): ComplainantSettings {
  return {
    publicBaseUrl: 'https://klachten.example.nl',
    linkSecret: LINK_SECRET,
    linkValidDays: 30,
    mail: 'smtp',
    acknowledgement: DEFAULT_ACKNOWLEDGEMENT,
    webForm: { enabled: false, registeredBy: null },
    letterhead: {
      name: 'Test BV',
      address: 'Stationsplein 1\n3511 ED Utrecht',
      email: 'klachten@test.example',
      phone: '030 123 45 67',
      url: 'https://test.example',
    },
    ...overrides,
  };
}

export interface Received {
  envelopeTo: string[];
  mail: ParsedMail;
  raw: Buffer;
}

/**
 * smtp-server on 127.0.0.1 (no TLS, no auth). `reject`: answers RCPT TO for an address with
 * this SMTP code (e.g. 451 try again, 550 no such mailbox).
 */
export async function startSmtpServer(reject: Record<string, number> = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = reject[address.address];
      if (code) {
        const error = new Error(`rejected ${address.address}`) as Error & { responseCode: number };
        error.responseCode = code;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        received.push({
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          mail: await simpleParser(raw),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The text of every page of a PDF, page by page (pdfjs-dist, the legacy build for Node). */
export async function pdfText(data: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .filter(Boolean)
        .join('\n'),
    );
  }
  await doc.destroy();
  return pages;
}

export const uuid = () => randomUUID();
