import { randomBytes } from 'node:crypto';
import { buildApp } from '../../src/entrypoints/server.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createDb } from '../../src/platform/db/database.ts';
import { serveForParent } from './child.ts';

// The real application on the bench database, with the production pool size and logging off.
const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL is not set');
const db = createDb(url);
const app = await buildApp({
  config: loadConfig({ LOG_LEVEL: 'silent' }),
  db,
  cookieSecret: randomBytes(32).toString('base64url'),
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (typeof address !== 'object' || address === null) throw new Error('app server has no TCP address');
serveForParent(address.port, async () => {
  await app.close();
  await db.destroy();
});
