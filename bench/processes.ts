import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import type { Cleanup } from './cleanup.ts';
import { withTimeout } from './cleanup.ts';

export interface ServerProcess {
  name: string;
  baseUrl: string;
}

/**
 * Runs a server entry (a .ts file under bench/servers) in its own Node process, so the load
 * generator never shares an event loop with the server it measures. The child reports its port
 * over IPC once it listens on 127.0.0.1.
 */
export async function startServerProcess(
  name: string,
  entry: URL,
  env: Record<string, string>,
  cleanup: Cleanup,
): Promise<ServerProcess> {
  const child = fork(entry, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  cleanup.push(`${name} server process`, () => stopProcess(child));
  const port = await withTimeout(portOf(child, name), 60_000, `the ${name} server start`);
  return { name, baseUrl: `http://127.0.0.1:${port}` };
}

function portOf(child: ChildProcess, name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('message', (message: { port?: unknown }) => {
      if (typeof message.port === 'number') resolve(message.port);
      else reject(new Error(`The ${name} server sent an unexpected message: ${JSON.stringify(message)}`));
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`The ${name} server exited before listening (code ${code}, signal ${signal}).`)),
    );
  });
}

/** SIGTERM (the servers close their app and database pool), then SIGKILL if it hangs. */
async function stopProcess(child: ChildProcess): Promise<void> {
  for (const [signal, ms] of [
    ['SIGTERM', 10_000],
    ['SIGKILL', 5_000],
  ] as const) {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    try {
      await withTimeout(exited, ms, `process ${child.pid} after ${signal}`);
      return;
    } catch {
      // fall through to the next, harder signal
    }
  }
  throw new Error(`Process ${child.pid} did not exit after SIGKILL.`);
}
