import { pino } from 'pino';
import type { Logger } from '../app/ports.js';

/**
 * Structured JSON logs. Complaint text never reaches a log call by design; the redaction
 * list is the safety net for tokens and free-text fields that might slip into an object.
 */
export const REDACTED_PATHS = [
  'token',
  'botToken',
  'password',
  'secret',
  'signingSecret',
  'authorization',
  '*.token',
  '*.password',
  '*.secret',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers["x-slack-signature"]',
  'description',
  'motivation',
  'resolution',
  'reason',
  'question',
  'answer',
  'text',
  '*.description',
  '*.motivation',
  '*.resolution',
  '*.text',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'klachtenbot' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
