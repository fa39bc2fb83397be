import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportStore } from '../../src/adapters/postgres/report-store.js';
import {
  buildDeps,
  createTestDatabase,
  DATABASE_KINDS,
  type TestDatabase,
} from '../support/databases.js';

describe.each(DATABASE_KINDS)('report store on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await buildDeps(database.handle);
  });
  afterAll(() => database.drop());

  it('keeps every byte of the files, and a re-run replaces the report of its period', async () => {
    const store = createReportStore(database.handle.db);
    // Every byte value, and a few MB: the bytea codec is the database driver's hot path.
    const every = Uint8Array.from({ length: 256 }, (_, i) => i);
    const big = new Uint8Array(randomBytes(3_000_000));
    const first = {
      kind: 'yearly_digest',
      period: '2026',
      summary: { complaints: 1 },
      chartPng: every,
      registerXlsx: big,
      registerCsv: null,
      createdAt: new Date('2027-01-04T08:00:00Z'),
    };
    const id = await store.saveReport(first);
    const stored = await store.findReport(id);
    expect(Buffer.from(stored!.chartPng!).equals(Buffer.from(every))).toBe(true);
    expect(Buffer.from(stored!.registerXlsx!).equals(Buffer.from(big))).toBe(true);
    expect(stored!.registerCsv).toBeNull();

    const rerun = {
      ...first,
      summary: { complaints: 2 },
      registerCsv: new Uint8Array([0xef, 0xbb, 0xbf, 0x41]),
      registerXlsx: every,
    };
    expect(await store.saveReport(rerun)).toBe(id);
    const replaced = await store.findReport(id);
    expect(replaced!.summary).toEqual({ complaints: 2 });
    expect([...replaced!.registerCsv!]).toEqual([0xef, 0xbb, 0xbf, 0x41]);
    expect(Buffer.from(replaced!.registerXlsx!).equals(Buffer.from(every))).toBe(true);
  });
});
