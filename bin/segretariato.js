#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx segretariato` works in a checkout.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/entrypoints/cli.ts');
await main(process.argv);
