/**
 * Runs one job by hand: `npm run job -- <daily|monthly|digest|retention> [--date YYYY-MM-DD]
 * [--year YYYY] [--force] [--out DIR] [--for director]`. Uses the same claim as the scheduler,
 * so a manual run and a scheduled one never both run a period; `--force` re-runs a finished
 * period (a backfill). `digest --out DIR` also writes the chart PNG and the register XLSX/CSV.
 * Messages go to the outbox; the running service delivers them to Slack and Teams.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sendYearlyDigest } from '../../app/jobs/send-yearly-digest.js';
import { demoOrgConfig } from '../../config/demo-org.js';
import { loadEnv } from '../../config/env.js';
import { loadOrgConfig } from '../../config/org-file.js';
import { parseLocalDate, WorkingDayCalendar } from '../../domain/calendar.js';
import { createLogger } from '../logger.js';
import { openDatabase } from '../postgres/database.js';
import { createRunClaims } from '../postgres/job-store.js';
import { migrateDatabase } from '../postgres/migrate.js';
import { syncOrganisation } from '../postgres/org-sync.js';
import { createStore } from '../postgres/store.js';
import { createJobDeps } from './job-deps.js';
import { DEFAULT_RUNNER_OPTIONS, runClaimedJob } from './job-runner.js';
import { isJobName, JOB_NAMES, JOBS } from './jobs.js';

const USAGE = `usage: npm run job -- <${JOB_NAMES.join('|')}> [--date YYYY-MM-DD] [--year YYYY] [--force] [--out DIR] [--for director]`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      date: { type: 'string' },
      year: { type: 'string' },
      force: { type: 'boolean', default: false },
      out: { type: 'string' },
      for: { type: 'string' },
    },
  });
  const name = positionals[0] ?? '';
  if (!isJobName(name) || (values.year && !/^\d{4}$/.test(values.year))) {
    console.error(USAGE);
    return 2;
  }
  if (values.date) parseLocalDate(values.date);
  const env = loadEnv();
  const logger = createLogger(env.logLevel);
  const org = env.orgConfigPath ? await loadOrgConfig(env.orgConfigPath) : demoOrgConfig();
  const database = await openDatabase(env.database);
  try {
    await migrateDatabase(database);
    await syncOrganisation(database.db, org);
    const calendar = new WorkingDayCalendar(org.calendar);
    const deps = createJobDeps(
      {
        store: createStore(database.db),
        clock: { now: () => new Date() },
        calendar,
        deadlines: org.deadlines,
        procedure: org.procedure,
        measures: org.measures,
        logger,
      },
      database.db,
      org,
    );
    const today = values.date ?? calendar.localDate(deps.clock.now());
    const year = values.year ? Number(values.year) : null;
    const job = JOBS[name];
    const period = job.manualPeriod(today, year);
    if (name === 'digest' && values.out) {
      // A direct export: the files on disk, for the recipient named by --for.
      const audience = values.for === 'director' ? 'director' : 'quality';
      const result = await sendYearlyDigest(deps, Number(period), today, { audience, post: false });
      await mkdir(values.out, { recursive: true });
      const base = path.join(values.out, `klachten-${period}`);
      if (result.files.chartPng) await writeFile(`${base}.png`, result.files.chartPng);
      if (result.files.registerXlsx) await writeFile(`${base}.xlsx`, result.files.registerXlsx);
      if (result.files.registerCsv) await writeFile(`${base}.csv`, result.files.registerCsv);
      console.log(`wrote ${base}.png, .xlsx and .csv (${audience})`);
    }
    const outcome = await runClaimedJob(deps, createRunClaims(database.db), job, period, today, {
      ...DEFAULT_RUNNER_OPTIONS,
      force: values.force,
    });
    console.log(JSON.stringify({ job: name, ...outcome, error: undefined }));
    return outcome.status === 'failed' ? 1 : 0;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
