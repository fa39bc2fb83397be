/**
 * Builds the Teams app package (upload it in Teams or the Teams admin center):
 *   MICROSOFT_APP_ID=<bot app id> npm run manifest:teams   →   dist/klachtenbot-teams.zip
 * The bot id in manifest/teams/manifest.json is a placeholder; MICROSOFT_APP_ID replaces it.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { crc32, deflateRawSync } from 'node:zlib';

const SOURCE = new URL('../manifest/teams/', import.meta.url);
const OUT_DIR = new URL('../dist/', import.meta.url);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Entry {
  name: string;
  data: Buffer;
}

/** A minimal ZIP writer (deflate, no extras): enough for a Teams package of three files. */
export function zip(entries: readonly Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00 (reproducible)
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0x00210000, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export async function buildTeamsPackage(appId: string | undefined): Promise<Buffer> {
  const manifest = JSON.parse(await readFile(new URL('manifest.json', SOURCE), 'utf8'));
  if (appId) {
    if (!GUID.test(appId)) throw new Error('MICROSOFT_APP_ID must be a GUID');
    for (const bot of manifest.bots ?? []) bot.botId = appId;
    for (const extension of manifest.composeExtensions ?? []) extension.botId = appId;
    manifest.webApplicationInfo = { id: appId, resource: `api://botid-${appId}` };
  }
  return zip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: 'color.png', data: await readFile(new URL('color.png', SOURCE)) },
    { name: 'outline.png', data: await readFile(new URL('outline.png', SOURCE)) },
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const appId = process.env.MICROSOFT_APP_ID?.trim() || undefined;
  if (!appId) console.warn('MICROSOFT_APP_ID is not set: the package keeps the placeholder bot id');
  await mkdir(OUT_DIR, { recursive: true });
  const out = new URL('klachtenbot-teams.zip', OUT_DIR);
  await writeFile(out, await buildTeamsPackage(appId));
  console.log(`wrote ${out.pathname}`);
}
