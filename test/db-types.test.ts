import { execFile } from 'node:child_process';
import { expect, it } from 'vitest';
import { codegenArgs } from '../scripts/db-types.ts';
import { freshDatabase } from './support/db.ts';

it('the committed database types match the migrated schema (npm run db:types regenerates them)', async () => {
  const { url } = await freshDatabase();
  const result = await new Promise<{ code: number; output: string }>((resolve) =>
    execFile('node', codegenArgs(url, true), (err, stdout, stderr) =>
      resolve({ code: err ? 1 : 0, output: `${stdout}${stderr}` }),
    ),
  );
  expect(result.output).not.toMatch(/not up.to.date|outdated|mismatch/i);
  expect(result.code, result.output).toBe(0);
});
