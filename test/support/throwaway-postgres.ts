import { execFile } from 'node:child_process';
import { access, chmod, chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/**
 * The installed server's bin directory: PG_BINDIR if set, else the newest Debian
 * /usr/lib/postgresql/<version>/bin that has initdb, else `pg_config --bindir`.
 */
export async function postgresBinDir(): Promise<string> {
  const candidates: string[] = [];
  if (process.env.PG_BINDIR) candidates.push(process.env.PG_BINDIR);
  const versions = await readdir('/usr/lib/postgresql').catch(() => [] as string[]);
  const newestFirst = versions
    .filter((name) => /^\d+(\.\d+)?$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of newestFirst) candidates.push(`/usr/lib/postgresql/${version}/bin`);
  const fromPgConfig = await run('pg_config', ['--bindir']).then(
    ({ stdout }) => stdout.trim(),
    () => null,
  );
  if (fromPgConfig) candidates.push(fromPgConfig);
  for (const dir of candidates) if (await exists(path.join(dir, 'initdb'))) return dir;
  throw new Error(
    `no PostgreSQL server binaries (initdb) found in ${candidates.join(', ') || '/usr/lib/postgresql'}; install postgresql or set PG_BINDIR`,
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A PostgreSQL cluster of the test's own (initdb into a temporary directory, own port) that
 * the test may stop and start: never the machine's shared service.
 */
export class ThrowawayPostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly asPostgres: boolean,
    private readonly bin: string,
  ) {}

  static async create(): Promise<ThrowawayPostgres> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kb-pg-'));
    // initdb refuses to run as root: run the server as the postgres user then.
    const asPostgres = process.getuid?.() === 0;
    if (asPostgres) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      await chown(dir, Number(stdout.trim()), Number(gid.trim()));
      await chmod(dir, 0o700);
    }
    const cluster = new ThrowawayPostgres(
      dir,
      await freePort(),
      asPostgres,
      await postgresBinDir(),
    );
    await cluster.exec('initdb', [
      '-D',
      path.join(dir, 'data'),
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
    ]);
    await cluster.start();
    return cluster;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private exec(tool: string, args: string[]) {
    const command = path.join(this.bin, tool);
    return this.asPostgres
      ? run('runuser', ['-u', 'postgres', '--', command, ...args])
      : run(command, args);
  }

  async start(): Promise<void> {
    await this.exec('pg_ctl', [
      '-D',
      path.join(this.dir, 'data'),
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      '-l',
      path.join(this.dir, 'log'),
      '-w',
      'start',
    ]);
  }

  /** Immediate shutdown: connections are cut as in a crash. */
  async stop(): Promise<void> {
    await this.exec('pg_ctl', ['-D', path.join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => {});
    await rm(this.dir, { recursive: true, force: true });
  }
}
