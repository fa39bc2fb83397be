/**
 * The architecture, as dependency-cruiser rules (DESIGN.md §9, STYLE.md): dependencies point
 * inward (adapters → app → domain), each SDK stays in its adapter folder, the database
 * drivers stay in src/adapters/postgres, and one adapter never imports another.
 * Checked by test/architecture.test.ts (and `npm run depcruise`).
 */

/** Files in src/adapters every adapter may use: the HTTP server and the shared files. */
const SHARED_ADAPTER_FILES = ['^src/adapters/http/', '^src/adapters/(logger|surface)\\.ts$'];

/**
 * Known exceptions to "one adapter never imports another": command-line entry points
 * (`*-cli.ts`) are composition roots like src/service.ts; the scheduler's job wiring builds
 * its stores, and the run-claim type still lives beside its implementation. Move RunClaims
 * into src/app/ports.ts and the job wiring next to src/service.ts to shrink this list.
 */
const ADAPTER_WIRING = [
  '^src/adapters/[^/]+/[^/]+-cli\\.ts$',
  '^src/adapters/scheduler/(job-deps|job-runner|scheduler)\\.ts$',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'src/domain imports only other domain files, zod and date-holidays: no node:*, SDKs, db/ or adapters',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', '(^|/)node_modules/(zod|date-holidays)/'] },
    },
    {
      name: 'app-imports-inward',
      comment:
        'src/app imports only app, domain and zod: no adapters, db/, drivers, SDKs or node:*',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { pathNot: ['^src/(app|domain)/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'slack-sdk-in-slack-adapter',
      comment: 'Every @slack/* import lives in src/adapters/slack',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/adapters/slack/' },
      to: { path: '(^|/)node_modules/@slack/' },
    },
    {
      name: 'teams-sdk-in-teams-adapter',
      comment: 'Every botbuilder* and @microsoft/* import lives in src/adapters/teams',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/adapters/teams/' },
      to: { path: ['(^|/)node_modules/botbuilder', '(^|/)node_modules/@microsoft/'] },
    },
    {
      name: 'database-in-postgres-adapter',
      comment: 'drizzle, postgres.js, PGlite and db/ are used only in src/adapters/postgres',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/adapters/postgres/' },
      to: { path: ['(^|/)node_modules/(drizzle-orm|postgres|@electric-sql)/', '^db/'] },
    },
    {
      name: 'adapters-independent',
      comment: 'one adapter never imports another (the HTTP server and logger/surface aside)',
      severity: 'error',
      from: { path: '^src/adapters/([^/]+)/', pathNot: ADAPTER_WIRING },
      to: { path: '^src/adapters/', pathNot: ['^src/adapters/$1/', ...SHARED_ADAPTER_FILES] },
    },
    {
      name: 'resolvable',
      comment: 'every import resolves (a computed or misspelled import cannot be checked)',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
