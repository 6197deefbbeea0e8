import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { END, renderMatrix, SECURITY_DOC, START, withMatrix } from '../scripts/security-matrix.ts';
import { auditPermissions } from '../src/modules/audit/index.ts';
import { identityPermissions } from '../src/modules/identity/index.ts';
import { officesPermissions } from '../src/modules/offices/index.ts';

const doc = readFileSync(SECURITY_DOC, 'utf8');

describe('docs/SECURITY.md', () => {
  it('holds the roles × actions matrix generated from the policy files (run `npm run docs:security`)', () => {
    const between = doc.slice(doc.indexOf(START) + START.length, doc.indexOf(END));
    expect(doc.indexOf(START)).toBeGreaterThan(-1);
    expect(between.trim()).toBe(renderMatrix().trim());
    expect(withMatrix(doc)).toBe(doc);
  });

  it('marks allowed and refused roles exactly as the permission tables do', () => {
    const row = (action: string) =>
      renderMatrix()
        .split('\n')
        .find((l) => l.includes(`| \`${action}\` |`));
    expect(row('audit.read')).toBe('| audit | `audit.read` | — | — | — | — | — | ✅ |');
    expect(row('office.today')).toBe('| offices | `office.today` | ✅ | ✅ | ✅ | ✅ | — | — |');
  });

  // OpenCRVS habit: one permission test file per action, beside the module that owns it.
  it.each([
    ['audit', auditPermissions],
    ['identity', identityPermissions],
    ['offices', officesPermissions],
  ] as const)('every %s action has its own *.scopes.test.ts', (module, permissions) => {
    for (const action of Object.keys(permissions)) {
      const file = path.resolve('src/modules', module, `${action}.scopes.test.ts`);
      expect(existsSync(file), `missing ${path.relative(process.cwd(), file)}`).toBe(true);
    }
  });
});
