import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { ComplainantLink } from '../../app/complainant-link-port.js';
import {
  COMPLAINANT_EMAIL_KIND,
  type ComplainantEmail,
  composeComplainantEmail,
  recordEmailSent,
} from '../../app/complainant-mail.js';
import type { ComplainantSettings } from '../../app/complainant-settings.js';
import type { AppDeps } from '../../app/deps.js';
import type { ClaimedMessage, DeliveryOutcome, DeliveryPort, Logger } from '../../app/ports.js';
import { signToken } from '../http/signed-token.js';

/**
 * The outbox's e-mail adapter (issue 11): reaches the complainant only (recipient
 * `{ channel: 'complainant' }`). Over SMTP (`SMTP_URL`), or in local mode as `.eml` files under
 * `DATA_DIR/mail/`. Sent once: the outbox's key is per correspondence, the audit records the
 * send (a repeat after a crash finds it), and the Message-ID is the correspondence's own, so
 * a mail client folds any duplicate the mail server still let through.
 */
export const MAIL_SURFACE = 'mail';

export interface MailDeliveryOptions {
  deps: AppDeps;
  settings: ComplainantSettings;
  logger: Logger;
  /** DATA_DIR: `.eml` files go to `<dataDir>/mail/` in 'files' mode. */
  dataDir: string;
  /** SMTP_URL (smtp:// or smtps://, credentials in the URL); needed in 'smtp' mode. */
  smtpUrl: string | null;
  /** MAIL_FROM; the letterhead's e-mail address when absent. */
  from: string | null;
}

/** The complainant's page with a signed token naming the link row. */
export function complainantUrl(settings: ComplainantSettings, link: ComplainantLink): string {
  const token = signToken(settings.linkSecret, {
    purpose: 'complainant',
    sub: link.id,
    exp: Math.floor(link.expiresAt.getTime() / 1000),
  });
  return `${settings.publicBaseUrl.replace(/\/+$/, '')}/klager?t=${encodeURIComponent(token)}`;
}

/** `<correspondence-id@klachtenbot>`: the same message has the same id, every attempt. */
export function messageIdOf(correspondenceId: string): string {
  return `<${correspondenceId}@klachtenbot>`;
}

type Transport = ReturnType<typeof nodemailer.createTransport>;

export function createMailDeliveryPort(options: MailDeliveryOptions): DeliveryPort {
  const { deps, settings, logger, dataDir, smtpUrl } = options;
  const mode = settings.mail === 'smtp' && !smtpUrl ? 'off' : settings.mail;
  const from = options.from ?? settings.letterhead.email;
  let smtp: Transport | null = null;
  const files = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'lf' });

  function mailOf(email: ComplainantEmail, messageId: string) {
    // MAIL_FROM may carry its own display name (`Naam <adres@…>`): nodemailer parses that.
    const sender = !from
      ? undefined
      : from.includes('<')
        ? from
        : { name: settings.letterhead.name, address: from };
    return {
      ...(sender ? { from: sender } : {}),
      ...(settings.letterhead.email ? { replyTo: settings.letterhead.email } : {}),
      to: email.toName ? { name: email.toName, address: email.to } : email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId,
      date: deps.clock.now(),
      headers: { 'Content-Language': email.locale },
      attachments: email.letterPdf
        ? [
            {
              filename: email.letterFileName,
              content: Buffer.from(email.letterPdf),
              contentType: 'application/pdf',
            },
          ]
        : [],
    };
  }

  async function sendSmtp(email: ComplainantEmail, messageId: string): Promise<DeliveryOutcome> {
    // Bounded well inside the outbox's 60 s lease: a send still running when the lease ends
    // could be claimed by another replica and sent twice (nodemailer waits minutes by default).
    smtp ??= nodemailer.createTransport({
      url: smtpUrl ?? '',
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    try {
      await smtp.sendMail(mailOf(email, messageId));
      logger.info({ correspondenceId: email.correspondenceId }, 'e-mail to complainant sent');
      return { kind: 'delivered' };
    } catch (error) {
      return classifySmtpError(error);
    }
  }

  /** Local mode: one `.eml` per correspondence (written whole, then renamed into place). */
  async function writeEml(email: ComplainantEmail, messageId: string): Promise<DeliveryOutcome> {
    const info = await files.sendMail(mailOf(email, messageId));
    const dir = join(dataDir, 'mail');
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${email.correspondenceId}.eml`);
    await writeFile(`${path}.tmp`, info.message as Buffer);
    await rename(`${path}.tmp`, path);
    logger.info({ path, correspondenceId: email.correspondenceId }, 'e-mail written as file');
    return { kind: 'delivered' };
  }

  return {
    name: MAIL_SURFACE,
    async canDeliver(message: ClaimedMessage) {
      return (
        'channel' in message.recipient &&
        message.recipient.channel === 'complainant' &&
        mode !== 'off'
      );
    },
    async deliver(message: ClaimedMessage): Promise<DeliveryOutcome> {
      if (message.kind !== COMPLAINANT_EMAIL_KIND) {
        return { kind: 'permanent', reason: `no e-mail for kind ${message.kind}` };
      }
      const composed = await composeComplainantEmail(deps, message, (link) =>
        complainantUrl(settings, link),
      );
      if (composed.kind === 'skip') {
        logger.info({ outboxId: message.id, reason: composed.reason }, 'no e-mail to send');
        return { kind: 'delivered' };
      }
      if (composed.kind === 'fail') return { kind: 'permanent', reason: composed.reason };
      const { email } = composed;
      const messageId = messageIdOf(email.correspondenceId);
      const outcome =
        mode === 'files' ? await writeEml(email, messageId) : await sendSmtp(email, messageId);
      if (outcome.kind === 'delivered') {
        // Gone out: a failure to record it is logged, not retried (that would send it twice).
        await recordEmailSent(deps, email, messageId).catch((error: unknown) => {
          logger.error({ err: error, outboxId: message.id }, 'could not record the sent e-mail');
        });
      }
      return outcome;
    },
  };
}

/**
 * An SMTP reply 4xx (mailbox busy, greylisting, too many connections) and anything without a
 * reply (connection refused, timeout) is worth another try; a 5xx (no such mailbox, refused)
 * will never go: parked, visible to the quality adviser.
 */
export function classifySmtpError(error: unknown): DeliveryOutcome {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const code = typeof e?.responseCode === 'number' ? e.responseCode : null;
  const reason = `smtp ${code ?? e?.code ?? 'error'}`;
  if (code !== null && code >= 500 && code < 600) return { kind: 'permanent', reason };
  return { kind: 'retry', reason };
}
