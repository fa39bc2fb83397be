import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../../src/adapters/postgres/database.js';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';

/**
 * What a refused request must leave untouched: complaints (and their versions), completed
 * audit events, outbox rows, info requests and measures. Refusals themselves are audited
 * (`outcome <> 'done'`), by design, so they are not counted.
 */
export async function writes(handle: DatabaseHandle): Promise<Record<string, number>> {
  const result = await handle.db.execute(sql`select
    (select count(*)::int from complaints) as complaints,
    (select coalesce(sum(version), 0)::int from complaints) as versions,
    (select count(*)::int from audit_events where outcome = 'done') as audit,
    (select count(*)::int from outbox) as outbox,
    (select count(*)::int from info_requests) as info,
    (select count(*)::int from measures) as measures`);
  const row = rowsOf<Record<string, number>>(result)[0] ?? {};
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

export async function scalar(handle: DatabaseHandle, query: ReturnType<typeof sql>) {
  const row = rowsOf<{ n: number | string }>(await handle.db.execute(query))[0];
  return Number(row?.n ?? 0);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every Block Kit limit that would make Slack reject the whole message (or view). */
export function blockKitProblems(blocks: unknown): string[] {
  const problems: string[] = [];
  const list = Array.isArray(blocks) ? blocks : [];
  if (list.length > 50) problems.push(`${list.length} blocks`);
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      for (const [i, child] of node.entries()) walk(child, `${path}[${i}]`);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const text = o.text as { text?: string } | undefined;
    const len = (s: unknown) => (typeof s === 'string' ? s.length : 0);
    if (o.type === 'section' && len(text?.text) > 3000) problems.push(`${path}.text`);
    if (o.type === 'header' && len(text?.text) > 150) problems.push(`${path}.header`);
    if (o.type === 'button' && len(text?.text) > 75) problems.push(`${path}.button`);
    if (o.type === 'button' && len(o.value) > 2000) problems.push(`${path}.value`);
    if (o.type === 'section' && Array.isArray(o.fields)) {
      if (o.fields.length > 10) problems.push(`${path}.fields`);
      for (const f of o.fields as { text?: string }[]) {
        if (len(f.text) > 2000) problems.push(`${path}.field`);
      }
    }
    if (o.type === 'context' && Array.isArray(o.elements)) {
      for (const e of o.elements as { text?: string }[]) {
        if (len(e.text) > 3000) problems.push(`${path}.context`);
      }
    }
    if ((o.type === 'mrkdwn' || o.type === 'plain_text') && len(o.text) === 0) {
      problems.push(`${path} empty text`);
    }
    for (const [key, value] of Object.entries(o)) walk(value, `${path}.${key}`);
  };
  walk(list, 'blocks');
  return problems;
}
