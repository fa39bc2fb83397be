import { loadEnv } from '../../config/env.js';
import { openDatabase } from './database.js';
import { migrateDatabase } from './migrate.js';

/** `npm run db:migrate`: applies the committed migrations to DATABASE_URL (or the PGlite dir). */
const env = loadEnv();
const handle = await openDatabase(env.database);
try {
  await migrateDatabase(handle);
  console.log(`migrations applied (${handle.kind})`);
} finally {
  await handle.close();
}
