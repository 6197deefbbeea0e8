/**
 * The child side of bench/processes.ts: tell the parent our port, and stop cleanly on SIGTERM,
 * on Ctrl-C, or when the parent goes away (its IPC channel closes), so no server outlives a bench.
 */
export function serveForParent(port: number, close: () => Promise<void>): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    close().then(
      () => process.exit(0),
      (err: Error) => {
        process.stderr.write(`${err.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
  if (!process.send) throw new Error('Start this file through bench/processes.ts (it needs an IPC channel).');
  process.send({ port });
}
