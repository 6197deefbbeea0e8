import Fastify from 'fastify';
import { serveForParent } from './child.ts';

// The machine's ceiling: bare Fastify, no plugins, no hooks, no database.
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (typeof address !== 'object' || address === null) throw new Error('hello-world server has no TCP address');
serveForParent(address.port, () => app.close());
