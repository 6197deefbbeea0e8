/**
 * A small fixed-window limiter for the anonymous evaluation endpoints (one process; a deployment with
 * several processes gets a limit per process, which is still a bound). Keys hold an IP address only
 * in memory, never in logs.
 */
const WINDOW_MS = 60_000;
export const LIMIT_PER_MINUTE = 30;
const windows = new Map<string, { start: number; count: number }>();

export function allowRequest(key: string, now: Date, limit = LIMIT_PER_MINUTE): boolean {
  const t = now.getTime();
  const w = windows.get(key);
  if (!w || t - w.start >= WINDOW_MS) {
    if (windows.size > 10_000) windows.clear();
    windows.set(key, { start: t, count: 1 });
    return true;
  }
  w.count += 1;
  return w.count <= limit;
}
