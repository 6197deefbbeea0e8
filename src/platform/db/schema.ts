/**
 * Row types of the database. They are generated from the migrations by kysely-codegen
 * (`npm run db:types` writes schema.generated.ts; test/db-types.test.ts fails if it is stale).
 */
export type { DB as Database } from './schema.generated.ts';
