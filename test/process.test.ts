import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * The app as an operator runs it: `segretariato serve` and CLI commands as real processes on a real
 * DATA_DIR with the embedded PostgreSQL. Slow-ish (seconds), so one data folder serves the whole file.
 */
const BIN = path.resolve('bin/segretariato.js');
// Real processes on a 2-core machine shared with the rest of the suite: allow them time.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 60_000 });
let dataDir: string;
const children: ChildProcess[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const env = (extra: Record<string, string> = {}) => ({
  ...process.env,
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  ...extra,
});

function cli(args: string[], extra: Record<string, string> = {}, input?: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile('node', [BIN, ...args], { env: env(extra), timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

interface Server {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

async function startServer(extra: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const child = spawn('node', [BIN, 'serve'], { env: env({ PORT: String(port), ...extra }) });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = Date.now();
  while (!out.includes('Segretariato is running at') && Date.now() - started < 60_000) {
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, port, output: () => out, exited };
}

const pgRunning = async () => {
  const pid = await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (!pid) return false;
  try {
    process.kill(Number(pid.split('\n')[0]), 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'segretariato-proc-'));
  await fs.chmod(dataDir, 0o755); // PostgreSQL runs as the OS user postgres when tests run as root
});

// A test that fails half-way must not leave its server to refuse the next test's one.
afterEach(async () => {
  for (const c of children) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    const exited = new Promise((resolve) => c.once('exit', resolve));
    c.kill('SIGTERM');
    await exited;
  }
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  // Stop whatever PostgreSQL is left on the folder, through the CLI's own path (it reuses and stops nothing)…
  const pid = await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (pid) {
    try {
      process.kill(Number(pid.split('\n')[0]), 'SIGINT'); // fast shutdown
    } catch {}
    for (let i = 0; i < 50 && (await pgRunning()); i++) await new Promise((r) => setTimeout(r, 100));
  }
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('configuration', () => {
  it('stops with a message naming the variable when a value is invalid', async () => {
    const res = await cli(['serve'], { PORT: 'eighty' });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('PORT');
    expect(res.stderr).toContain('whole number');
    const bad = await cli(['db', 'status'], { DATABASE_URL: 'mysql://x@y/z' });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('DATABASE_URL');
  });
});

describe('server lifecycle on one data folder', () => {
  it('starts on a fresh folder, survives kill -9, refuses a second instance, stops cleanly on SIGTERM', async () => {
    const first = await startServer();
    expect(first.output()).toContain('Segretariato is running at');
    expect(first.output()).toMatch(/demo password: demo-[0-9a-f]+/);
    const home = await fetch(`http://127.0.0.1:${first.port}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('San Fruttuoso');

    // A CLI command while the server runs uses the same PostgreSQL and leaves it running.
    const created = await cli(
      [
        'users',
        'create',
        '--username',
        'nuova.operatrice',
        '--name',
        'Nuova Operatrice',
        '--role',
        'social_worker',
        '--tenant',
        'monza',
        '--office',
        'san-rocco',
        '--password-stdin',
      ],
      {},
      'una password abbastanza lunga\n',
    );
    expect(created.stderr).not.toContain('Error');
    expect(created.code).toBe(0);
    expect(created.stderr).toContain('Reusing the PostgreSQL server already running');
    expect((await fetch(`http://127.0.0.1:${first.port}/readyz`)).status).toBe(200);

    // kill -9: PostgreSQL is left running on the folder; the next start must reuse it with all data.
    first.child.kill('SIGKILL');
    await first.exited;
    expect(await pgRunning()).toBe(true);
    const second = await startServer();
    expect(second.output()).toContain('Reusing the PostgreSQL server already running');
    const status = await cli(['tokens', 'create', '--user', 'nuova.operatrice', '--name', 'after-crash']);
    expect(status.code).toBe(0);
    const token = status.stdout.trim().split('\n').pop() ?? '';
    const offices = await fetch(`http://127.0.0.1:${second.port}/api/v1/offices`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(offices.status).toBe(200);

    // A second instance on the same folder is refused with a clear message.
    const third = await startServer();
    expect(await third.exited).toBe(3);
    expect(third.output()).toContain('Another Segretariato server is already running on the data folder');
    expect((await fetch(`http://127.0.0.1:${second.port}/healthz`)).status).toBe(200);

    // SIGTERM: exit 0 and PostgreSQL stopped.
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(await pgRunning()).toBe(false);
  });
});

describe('CLI', () => {
  it('reports migrations and verifies the audit chain, naming a tampered event', async () => {
    const status = await cli(['db', 'status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/0001_create_foundation {2}applied/);
    expect(status.stdout).toMatch(/\d+ applied, 0 pending\./);

    const intact = await cli(['audit', 'verify']);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/Audit log intact: \d+ events\./);

    // Edit one audit row by hand, as an attacker with database access would.
    const creds = JSON.parse(await fs.readFile(path.join(dataDir, 'pg-credentials.json'), 'utf8')) as {
      password: string;
    };
    const server = await startServer();
    const pid = await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8');
    const port = pid.split('\n')[3];
    const { default: pg } = await import('pg');
    const client = new pg.Client({
      connectionString: `postgres://segretariato:${encodeURIComponent(creds.password)}@127.0.0.1:${port}/segretariato`,
    });
    await client.connect();
    await client.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update');
    await client.query("UPDATE audit_event SET action = 'nothing.to.see' WHERE seq = 2");
    await client.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update');
    await client.end();
    const broken = await cli(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('BROKEN at event 2');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('shows help for every command', async () => {
    const help = await cli(['--help']);
    for (const c of ['serve', 'migrate', 'db', 'seed', 'users', 'tokens', 'audit']) expect(help.stdout).toContain(c);
    const tokens = await cli(['tokens', '--help']);
    for (const c of ['create', 'list', 'revoke']) expect(tokens.stdout).toContain(c);
  });
});
