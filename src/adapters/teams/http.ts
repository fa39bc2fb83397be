import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody, sendJson } from '../http/server.js';

/** Bot Framework activities are small; Teams caps messages at ~100 KB (cards at 28 KB). */
export const MAX_BODY_BYTES = 512 * 1024;

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/** Reads and parses a JSON body, refusing anything larger than `limit` bytes. */
export async function readJsonBody(
  req: IncomingMessage,
  limit = MAX_BODY_BYTES,
): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new BodyError(415, 'expected application/json');
  let raw: Buffer;
  try {
    raw = await readBody(req, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new BodyError(413, 'body too large');
    throw error;
  }
  try {
    const body: unknown = JSON.parse(raw.toString('utf8'));
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new Error('shape');
    return body as Record<string, unknown>;
  } catch {
    throw new BodyError(400, 'invalid JSON');
  }
}

/** The request shape botbuilder's CloudAdapter.process expects (express-like). */
export interface ShimRequest {
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  method: string;
}

/** The response shape CloudAdapter.process writes to: status(), header(), send(), end(). */
export interface ShimResponse {
  socket: unknown;
  status(code: number): ShimResponse;
  header(name: string, value: unknown): ShimResponse;
  send(body?: unknown): ShimResponse;
  end(): ShimResponse;
}

export function shimRequest(req: IncomingMessage, body: Record<string, unknown>): ShimRequest {
  return { body, headers: req.headers, method: req.method ?? 'POST' };
}

export function shimResponse(res: ServerResponse): ShimResponse {
  let status = 200;
  let payload: unknown;
  const shim: ShimResponse = {
    socket: res.socket,
    status(code) {
      status = code;
      return shim;
    },
    header(name, value) {
      if (!res.headersSent) res.setHeader(name, String(value));
      return shim;
    },
    send(body) {
      payload = body;
      return shim;
    },
    end() {
      if (res.writableEnded) return shim;
      if (payload === undefined || payload === null) {
        res.statusCode = status;
        res.end();
      } else if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
        res.statusCode = status;
        res.end(payload);
      } else {
        sendJson(res, status, payload);
      }
      return shim;
    },
  };
  return shim;
}

/** The tenant an activity comes from (Teams sets both; either will do). */
export function activityTenant(body: Record<string, unknown>): string | null {
  const conversation = body.conversation as { tenantId?: unknown } | undefined;
  const channelData = body.channelData as { tenant?: { id?: unknown } } | undefined;
  const id = conversation?.tenantId ?? channelData?.tenant?.id;
  return typeof id === 'string' ? id.toLowerCase() : null;
}
