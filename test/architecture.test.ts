import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Dependencies point inward (DESIGN.md §9, STYLE.md): src/domain is pure, src/app knows no
 * adapter, database or SDK, every SDK and driver stays in its adapter folder, and one
 * adapter never imports another. The rules are in .dependency-cruiser.cjs.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs dependency-cruiser with the project's rules over `baseDir/src`. */
async function cruiseSources(baseDir: string): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(path.join(ROOT, '.dependency-cruiser.cjs'));
  const tsConfig = extractTSConfig(path.join(ROOT, 'tsconfig.json'));
  const { output } = await cruise(['src'], { ...options, baseDir }, {}, { tsConfig });
  if (typeof output === 'string') throw new Error('expected the JSON cruise result');
  return output;
}

const format = (violations: readonly IViolation[]) =>
  violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();

/** Clock reads in a source file: `Date.now()` and `new Date()` without arguments. */
function clockReads(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const line = () => file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.expression.getText(file) === 'Date' &&
      node.expression.name.text === 'now'
    ) {
      found.push(`${fileName}:${line()} Date.now()`);
    }
    if (
      ts.isNewExpression(node) &&
      node.expression.getText(file) === 'Date' &&
      (node.arguments === undefined || node.arguments.length === 0)
    ) {
      found.push(`${fileName}:${line()} new Date()`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

async function sourcesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, folder), { recursive: true });
  return entries.filter((name) => name.endsWith('.ts')).map((name) => path.join(folder, name));
}

describe('architecture', () => {
  let result: ICruiseResult;
  beforeAll(async () => {
    result = await cruiseSources(ROOT);
  });

  it('cruises the sources it guards, with every rule loaded', () => {
    const sources = result.modules.map((m) => m.source);
    expect(sources.filter((s) => s.startsWith('src/domain/')).length).toBeGreaterThan(5);
    expect(sources.filter((s) => s.startsWith('src/app/')).length).toBeGreaterThan(5);
    expect(sources).toContain('src/adapters/slack/index.ts');
    expect(result.summary.ruleSetUsed?.forbidden?.map((r) => r.name)).toEqual([
      'domain-is-pure',
      'app-imports-inward',
      'slack-sdk-in-slack-adapter',
      'teams-sdk-in-teams-adapter',
      'database-in-postgres-adapter',
      'adapters-independent',
      'resolvable',
    ]);
  });

  it('has no dependency violations', () => {
    expect(format(result.summary.violations)).toEqual([]);
  });

  it('keeps clock reads out of src/domain (take `now` as a parameter)', async () => {
    const reads: string[] = [];
    for (const file of await sourcesUnder('src/domain')) {
      reads.push(...clockReads(file, await readFile(path.join(ROOT, file), 'utf8')));
    }
    expect(reads).toEqual([]);
  });
});

/** The rules bite: a small tree with one forbidden import of each kind. */
describe('architecture rules (self-test)', () => {
  let dir: string;
  const files: Record<string, string> = {
    'src/domain/bad.ts': [
      "import { readFile } from 'node:fs/promises';",
      "import { people } from '../../db/schema/index.js';",
      "import type { Port } from '../app/port.js';",
      "import { z } from 'zod';",
      "import { fine } from './fine.js';",
      'export const all = [readFile, people, z, fine] as unknown as Port;',
    ].join('\n'),
    'src/domain/fine.ts': 'export const fine = 1;',
    'src/app/port.ts': 'export interface Port { x: number }',
    'src/app/bad.ts': [
      "import { store } from '../adapters/postgres/store.js';",
      "import { sql } from 'drizzle-orm';",
      "import postgres from 'postgres';",
      "import { createHash } from 'node:crypto';",
      "import type { WebClient } from '@slack/web-api';",
      "import { fine } from '../domain/fine.js';",
      'export const all = [store, sql, postgres, createHash, fine] as unknown as WebClient;',
    ].join('\n'),
    'src/adapters/postgres/store.ts':
      "import { sql } from 'drizzle-orm';\nexport const store = sql;",
    'src/adapters/http/server.ts': [
      "import { App } from '@slack/bolt';",
      "import { CloudAdapter } from 'botbuilder';",
      'export const all = [App, CloudAdapter];',
    ].join('\n'),
    'src/adapters/slack/app.ts': [
      "import { App } from '@slack/bolt';",
      "import { TurnContext } from 'botbuilder';",
      "import { all } from '../http/server.js';",
      "import { store } from '../postgres/store.js';",
      "import { teams } from '../teams/app.js';",
      'export const slack = [App, TurnContext, all, store, teams];',
    ].join('\n'),
    'src/adapters/teams/app.ts': [
      "import { desc } from 'drizzle-orm';",
      "import { missing } from './missing.js';",
      'export const teams = [desc, missing];',
    ].join('\n'),
    'db/schema/index.ts': 'export const people = 1;',
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kb-architecture-'));
    for (const [name, source] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await writeFile(path.join(dir, name), source);
    }
    await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reports each kind of forbidden import', async () => {
    const found = format((await cruiseSources(dir)).summary.violations)
      // Packages resolve to paths under node_modules; keep only the package's name.
      .map((line) => line.replace(/→ .*node_modules\/((@[^/]+\/)?[^/]+).*$/, '→ $1'))
      .sort();
    expect(found).toEqual(
      [
        'domain-is-pure: src/domain/bad.ts → fs/promises',
        'domain-is-pure: src/domain/bad.ts → db/schema/index.ts',
        'domain-is-pure: src/domain/bad.ts → src/app/port.ts',
        'database-in-postgres-adapter: src/domain/bad.ts → db/schema/index.ts',
        'app-imports-inward: src/app/bad.ts → src/adapters/postgres/store.ts',
        'app-imports-inward: src/app/bad.ts → drizzle-orm',
        'app-imports-inward: src/app/bad.ts → postgres',
        'app-imports-inward: src/app/bad.ts → crypto',
        'app-imports-inward: src/app/bad.ts → @slack/web-api',
        'database-in-postgres-adapter: src/app/bad.ts → drizzle-orm',
        'database-in-postgres-adapter: src/app/bad.ts → postgres',
        'slack-sdk-in-slack-adapter: src/app/bad.ts → @slack/web-api',
        'slack-sdk-in-slack-adapter: src/adapters/http/server.ts → @slack/bolt',
        'teams-sdk-in-teams-adapter: src/adapters/http/server.ts → botbuilder',
        'teams-sdk-in-teams-adapter: src/adapters/slack/app.ts → botbuilder',
        'adapters-independent: src/adapters/slack/app.ts → src/adapters/postgres/store.ts',
        'adapters-independent: src/adapters/slack/app.ts → src/adapters/teams/app.ts',
        'database-in-postgres-adapter: src/adapters/teams/app.ts → drizzle-orm',
        'resolvable: src/adapters/teams/app.ts → ./missing.js',
      ].sort(),
    );
  });

  it('finds clock reads but not dates built from a value', () => {
    const source = [
      'export const stamp = () => Date.now();',
      'export const today = () => new Date();',
      'export const bare = () => new Date;',
      'export const parsed = (s: string) => new Date(s);',
      '// Date.now() in a comment',
      "export const text = 'new Date()';",
    ].join('\n');
    expect(clockReads('x.ts', source)).toEqual([
      'x.ts:1 Date.now()',
      'x.ts:2 new Date()',
      'x.ts:3 new Date()',
    ]);
  });
});
