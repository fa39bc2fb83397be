// postgres.js 3.4.9 (the newest) throws an uncaught TypeError when a buffered write fires after
// its connection was closed (PostgreSQL restarting under load: `socket` is null in nextWrite),
// which kills the process. The fault suite reproduces it (test/faults/restart.test.ts). Until
// upstream fixes it, this postinstall step adds the missing null check; it is idempotent and
// fails loudly if the code it patches has changed.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'node_modules',
  'postgres',
);
const before = '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)';
const after =
  '  function nextWrite(fn) {\n    if (socket === null) { chunk = nextWriteTimer = null; return false } // klachtenbot patch\n    const x = socket.write(chunk, fn)';
let patched = 0;
for (const file of ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js']) {
  const full = path.join(root, file);
  let text;
  try {
    text = readFileSync(full, 'utf8');
  } catch {
    continue;
  }
  if (text.includes('klachtenbot patch')) {
    patched++;
    continue;
  }
  if (!text.includes(before)) throw new Error(`postgres.js changed: cannot patch ${full}`);
  writeFileSync(full, text.replace(before, after));
  patched++;
}
if (patched === 0) throw new Error('postgres.js connection.js not found');
console.log(`postgres.js nextWrite null check in place (${patched} files)`);
