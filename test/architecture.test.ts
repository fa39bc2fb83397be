import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Dependencies point inward (DESIGN.md §9, STYLE.md): src/domain is pure, src/app knows no
 * adapter, database or SDK, and every chat SDK stays inside its own adapter folder.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface SourceFile {
  /** Path relative to the repository root, with forward slashes (`src/domain/x.ts`). */
  path: string;
  source: string;
}

interface ImportRef {
  specifier: string;
  line: number;
}

interface Violation {
  rule: 'domain-imports' | 'domain-clock' | 'app-imports' | 'sdk-location';
  file: string;
  line: number;
  detail: string;
}

/**
 * Blanks out comments (keeping line breaks and string literals), so a doc comment that
 * mentions `new Date()` or an import is not mistaken for code.
 */
function stripComments(source: string): string {
  let out = '';
  let i = 0;
  let lastSignificant = '';
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  while (i < source.length) {
    const ch = source[i] as string;
    const next = source[i + 1];
    if (ch === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (ch === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1;
      while (j < source.length && source[j] !== ch) j += source[j] === '\\' ? 2 : 1;
      out += source.slice(i, j + 1);
      i = j + 1;
      lastSignificant = ch;
    } else if (
      ch === '/' &&
      (lastSignificant === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(lastSignificant))
    ) {
      // A regular expression literal: skip to its closing slash (outside a character class).
      let j = i + 1;
      let inClass = false;
      while (j < source.length && source[j] !== '\n') {
        const c = source[j];
        if (c === '\\') j++;
        else if (c === '[') inClass = true;
        else if (c === ']') inClass = false;
        else if (c === '/' && !inClass) break;
        j++;
      }
      out += source.slice(i, j + 1);
      i = j + 1;
      lastSignificant = '/';
    } else {
      out += ch;
      if (!/\s/.test(ch)) lastSignificant = ch;
      i++;
    }
  }
  return out;
}

const IMPORT_PATTERNS = [
  // import x from '…', import { a, type B } from '…', import * as n from '…',
  // export { a } from '…', export * from '…', export type { T } from '…'
  /\b(?:import|export)\s+(?:type\s+)?[\w$\s{},*]*?\bfrom\s*(['"])([^'"\n]+)\1/g,
  // import '…' (side effects only)
  /\bimport\s*(['"])([^'"\n]+)\1/g,
  // import('…')
  /\bimport\s*\(\s*(['"`])([^'"`\n]+)\1\s*\)/g,
];

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Every module specifier a file imports or re-exports, statically or dynamically. */
function parseImports(source: string): ImportRef[] {
  const code = stripComments(source);
  const found = new Map<number, ImportRef>();
  for (const pattern of IMPORT_PATTERNS) {
    for (const match of code.matchAll(pattern)) {
      const specifier = match[2] as string;
      const at = (match.index ?? 0) + match[0].lastIndexOf(specifier);
      found.set(at, { specifier, line: lineAt(code, at) });
    }
  }
  // A computed import('…' + x) cannot be checked: report it as such.
  for (const match of code.matchAll(/\bimport\s*\(\s*(?!['"`][^'"`\n]+['"`]\s*\))/g)) {
    const at = match.index ?? 0;
    found.set(at, { specifier: '<computed dynamic import>', line: lineAt(code, at) });
  }
  return [...found.entries()].sort(([a], [b]) => a - b).map(([, ref]) => ref);
}

/** Repository-relative target of a relative specifier, or null for a package. */
function resolveRelative(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return null;
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
}

const isUnder = (file: string, folder: string) => file.startsWith(`${folder}/`);
const packageIs = (specifier: string, name: string) =>
  specifier === name || specifier.startsWith(`${name}/`);

const DOMAIN_PACKAGES = ['zod', 'date-holidays'];
const APP_FORBIDDEN_PACKAGES = [
  /^@slack\//,
  /^botbuilder/,
  /^@microsoft\//,
  /^drizzle-orm/,
  /^postgres(\/|$)/,
  /^@electric-sql\//,
];
const SDKS = [
  { pattern: /^@slack\//, home: 'src/adapters/slack' },
  { pattern: /^botbuilder/, home: 'src/adapters/teams' },
  { pattern: /^@microsoft\//, home: 'src/adapters/teams' },
];

const CLOCK_READS = [
  { pattern: /\bDate\s*\.\s*now\s*\(/g, what: 'Date.now()' },
  { pattern: /\bnew\s+Date\s*\(\s*\)/g, what: 'new Date()' },
  { pattern: /\bnew\s+Date\b(?!\s*\()/g, what: 'new Date' },
];

/** The architecture rules, as a pure function of the sources (so it can test itself). */
function checkArchitecture(files: readonly SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const imports = parseImports(file.source);
    const inDomain = isUnder(file.path, 'src/domain');
    const inApp = isUnder(file.path, 'src/app');

    for (const { specifier, line } of imports) {
      const target = resolveRelative(file.path, specifier);
      const add = (rule: Violation['rule'], detail: string) =>
        violations.push({ rule, file: file.path, line, detail });

      if (inDomain) {
        const allowed =
          target !== null
            ? isUnder(target, 'src/domain')
            : DOMAIN_PACKAGES.some((name) => packageIs(specifier, name));
        if (!allowed) add('domain-imports', `imports '${specifier}'`);
      }
      if (inApp) {
        const forbidden =
          target !== null
            ? isUnder(target, 'src/adapters') || isUnder(target, 'db') || target === 'db'
            : specifier.startsWith('<') || APP_FORBIDDEN_PACKAGES.some((p) => p.test(specifier));
        if (forbidden) add('app-imports', `imports '${specifier}'`);
      }
      for (const sdk of SDKS) {
        if (sdk.pattern.test(specifier) && !isUnder(file.path, sdk.home)) {
          add('sdk-location', `imports '${specifier}' outside ${sdk.home}`);
        }
      }
    }

    if (inDomain) {
      const code = stripComments(file.source);
      for (const { pattern, what } of CLOCK_READS) {
        for (const match of code.matchAll(pattern)) {
          violations.push({
            rule: 'domain-clock',
            file: file.path,
            line: lineAt(code, match.index ?? 0),
            detail: `reads the clock with ${what} (take \`now\` as a parameter)`,
          });
        }
      }
    }
  }
  return violations;
}

function readSources(folder: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.[cm]?tsx?$/.test(entry.name)) {
        const relative = path.relative(ROOT, full).split(path.sep).join('/');
        files.push({ path: relative, source: readFileSync(full, 'utf8') });
      }
    }
  };
  walk(path.join(ROOT, folder));
  return files;
}

const format = (violations: Violation[]) =>
  violations.map((v) => `${v.file}:${v.line} ${v.detail}`).join('\n');

describe('architecture', () => {
  const all = readSources('src');
  const violations = checkArchitecture(all);
  const of = (rule: Violation['rule']) => violations.filter((v) => v.rule === rule);

  it('reads the sources it guards', () => {
    const domain = all.filter((f) => isUnder(f.path, 'src/domain'));
    const app = all.filter((f) => isUnder(f.path, 'src/app'));
    expect(domain.length).toBeGreaterThan(0);
    expect(app.length).toBeGreaterThan(0);
    const specifiers = domain.flatMap((f) => parseImports(f.source).map((i) => i.specifier));
    expect(specifiers).toContain('zod');
  });

  it('keeps src/domain free of I/O, adapters, databases and SDKs', () => {
    expect(format(of('domain-imports'))).toBe('');
  });

  it('keeps clock reads out of src/domain', () => {
    expect(format(of('domain-clock'))).toBe('');
  });

  it('keeps adapters, db/, drivers and SDKs out of src/app', () => {
    expect(format(of('app-imports'))).toBe('');
  });

  it('keeps every chat SDK import inside its adapter folder', () => {
    expect(format(of('sdk-location'))).toBe('');
  });
});

describe('architecture checker (self-test)', () => {
  it('parses static, re-export, side-effect and dynamic imports, ignoring comments', () => {
    const source = [
      "import { z } from 'zod';",
      'import {',
      '  type A,',
      '  b as c,',
      "} from './multi-line.js';",
      "import * as ns from 'ns';",
      "import type { T } from './types.js';",
      "export { x } from './re-export.js';",
      "export * from './star.js';",
      "import './side-effect.js';",
      "const lazy = await import('./lazy.js');",
      "const computed = await import(name + '.js');",
      "// import { gone } from 'commented-out';",
      "/* export * from 'also-commented'; */",
      "const text = 'http://example.org'; import { after } from 'after-url';",
    ].join('\n');
    expect(parseImports(source)).toEqual([
      { specifier: 'zod', line: 1 },
      { specifier: './multi-line.js', line: 5 },
      { specifier: 'ns', line: 6 },
      { specifier: './types.js', line: 7 },
      { specifier: './re-export.js', line: 8 },
      { specifier: './star.js', line: 9 },
      { specifier: './side-effect.js', line: 10 },
      { specifier: './lazy.js', line: 11 },
      { specifier: '<computed dynamic import>', line: 12 },
      { specifier: 'after-url', line: 15 },
    ]);
  });

  it('reports each kind of violation with file and line', () => {
    const fake: SourceFile[] = [
      {
        path: 'src/domain/bad.ts',
        source: [
          "import { readFile } from 'node:fs/promises';",
          "import { people } from '../../db/schema/index.js';",
          "import type { Store } from '../app/ports.js';",
          "import { z } from 'zod';",
          "import Holidays from 'date-holidays';",
          "import { ok } from './calendar.js';",
          "const pg = await import('postgres');",
          'export const stamp = () => Date.now();',
          'export const today = () => new Date();',
          'export const parsed = (s: string) => new Date(s); // allowed: not a clock read',
          '/** Never call new Date() here. */',
        ].join('\n'),
      },
      {
        path: 'src/app/bad.ts',
        source: [
          "import { createStore } from '../adapters/postgres/store.js';",
          "import { sql } from 'drizzle-orm';",
          "import { PGlite } from '@electric-sql/pglite';",
          "import postgres from 'postgres';",
          "import { people } from '../../db/schema/index.js';",
          "import type { WebClient } from '@slack/web-api';",
          "import { z } from 'zod';",
          "import { transition } from '../domain/transition.js';",
        ].join('\n'),
      },
      {
        path: 'src/adapters/http/bad.ts',
        source: [
          "import { App } from '@slack/bolt';",
          "import { CloudAdapter } from 'botbuilder';",
          "import { Application } from '@microsoft/teams-ai';",
        ].join('\n'),
      },
      {
        path: 'src/adapters/slack/app.ts',
        source: "import { App } from '@slack/bolt';\nimport { TurnContext } from 'botbuilder';",
      },
      {
        path: 'src/adapters/teams/app.ts',
        source: "import { Application } from '@microsoft/teams-ai';\nimport 'botbuilder-core';",
      },
    ];
    const found = checkArchitecture(fake).map((v) => `${v.rule} ${v.file}:${v.line}`);
    expect(found.sort()).toEqual(
      [
        'domain-imports src/domain/bad.ts:1',
        'domain-imports src/domain/bad.ts:2',
        'domain-imports src/domain/bad.ts:3',
        'domain-imports src/domain/bad.ts:7',
        'domain-clock src/domain/bad.ts:8',
        'domain-clock src/domain/bad.ts:9',
        'app-imports src/app/bad.ts:1',
        'app-imports src/app/bad.ts:2',
        'app-imports src/app/bad.ts:3',
        'app-imports src/app/bad.ts:4',
        'app-imports src/app/bad.ts:5',
        'app-imports src/app/bad.ts:6',
        'sdk-location src/app/bad.ts:6',
        'sdk-location src/adapters/http/bad.ts:1',
        'sdk-location src/adapters/http/bad.ts:2',
        'sdk-location src/adapters/http/bad.ts:3',
        'sdk-location src/adapters/slack/app.ts:2',
      ].sort(),
    );
  });

  it('accepts a clean domain and app file', () => {
    const clean: SourceFile[] = [
      {
        path: 'src/domain/fine.ts',
        source:
          "import { z } from 'zod';\nimport { x } from './sub/y.js';\nexport const at = (now: Date) => new Date(now.getTime());",
      },
      {
        path: 'src/app/fine.ts',
        source:
          "import { z } from 'zod';\nimport type { Complaint } from '../domain/complaint.js';\nimport type { Store } from './ports.js';",
      },
    ];
    expect(checkArchitecture(clean)).toEqual([]);
  });
});
