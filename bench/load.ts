import autocannon from 'autocannon';

export interface Target {
  name: string;
  baseUrl: string;
  path: string;
  /** How the path appears in the report when it holds a generated id. */
  label?: string;
  headers?: Record<string, string>;
  /** POST with a JSON body; GET when absent. */
  body?: string;
  /** Checks one real response before the load starts; returns what is wrong, or undefined. */
  check(response: Response, body: string): string | undefined;
}

export interface LoadSettings {
  connections: number;
  warmupSeconds: number;
  seconds: number;
}

export interface Measurement {
  target: Target;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** One request by hand: a target that does not answer 200 with the right content is not measured. */
export async function preflight(target: Target): Promise<void> {
  const url = target.baseUrl + target.path;
  const response = await fetch(url, {
    method: target.body ? 'POST' : 'GET',
    headers: { ...(target.headers ?? {}), ...(target.body ? { 'content-type': 'application/json' } : {}) },
    ...(target.body ? { body: target.body } : {}),
    signal: AbortSignal.timeout(10_000),
  });
  const body = await response.text();
  const ok = response.status === 200 || (target.body !== undefined && response.status === 201);
  const problem = ok
    ? target.check(response, body)
    : `status ${response.status}, expected 200${target.body ? '/201' : ''}`;
  if (problem) {
    throw new Error(
      `Pre-flight of ${target.name} (${target.body ? 'POST' : 'GET'} ${target.path}) failed: ${problem}\n${body.slice(0, 500)}`,
    );
  }
}

/** A discarded warm-up (JIT, pool connections, caches), then the measured run at the same concurrency. */
export async function measure(target: Target, settings: LoadSettings): Promise<Measurement> {
  const options = {
    url: target.baseUrl + target.path,
    connections: settings.connections,
    headers: { ...(target.headers ?? {}), ...(target.body ? { 'content-type': 'application/json' } : {}) },
    ...(target.body ? { method: 'POST' as const, body: target.body } : {}),
    timeout: 10,
  };
  await autocannon({ ...options, duration: settings.warmupSeconds });
  const result = await autocannon({ ...options, duration: settings.seconds });
  return {
    target,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

export function failuresOf(m: Measurement): string | undefined {
  const wrong = [
    m.non2xx > 0 ? `${m.non2xx} non-2xx responses` : '',
    m.errors > 0 ? `${m.errors} connection errors` : '',
    m.timeouts > 0 ? `${m.timeouts} timeouts` : '',
    m.requests === 0 ? 'no requests completed' : '',
  ].filter(Boolean);
  return wrong.length ? `${m.target.name}: ${wrong.join(', ')}` : undefined;
}
