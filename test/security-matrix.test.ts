import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  END,
  MODULES,
  NOT_USED_YET,
  renderMatrix,
  SCOPES,
  SECURITY_DOC,
  START,
  withMatrix,
} from '../scripts/security-matrix.ts';

const doc = readFileSync(SECURITY_DOC, 'utf8');
const modulesDir = path.resolve('src/modules');

/** Source files of a module that may check a permission: not its tests, not the policy that declares it. */
function codeOf(module: string): string {
  return readdirSync(path.join(modulesDir, module))
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts') && !f.endsWith('.policy.ts'))
    .map((f) => readFileSync(path.join(modulesDir, module, f), 'utf8'))
    .join('\n');
}

const actions = Object.entries(MODULES).flatMap(([module, permissions]) =>
  Object.keys(permissions).map((action) => ({ module, action })),
);

describe('docs/SECURITY.md', () => {
  it('holds the roles × actions matrix generated from the policy files (run `npm run docs:security`)', () => {
    expect(doc.indexOf(START)).toBeGreaterThan(-1);
    const between = doc.slice(doc.indexOf(START) + START.length, doc.indexOf(END));
    expect(between.trim()).toBe(renderMatrix().trim());
    expect(withMatrix(doc)).toBe(doc);
  });

  it('marks allowed and refused roles exactly as the permission tables do', () => {
    const row = (action: string) =>
      renderMatrix()
        .split('\n')
        .find((l) => l.includes(`| \`${action}\` |`));
    expect(row('audit.read')).toBe('| audit | `audit.read` | — | — | — | — | — | ✅ | — |');
    expect(row('office.today')).toBe('| offices | `office.today` | ✅ | ✅ | ✅ | ✅ | — | — | — |');
  });

  it('covers every module that declares permissions', () => {
    const declaring = readdirSync(modulesDir).filter((m) =>
      readdirSync(path.join(modulesDir, m)).some(
        (f) =>
          f.endsWith('.policy.ts') && readFileSync(path.join(modulesDir, m, f), 'utf8').includes('definePermissions'),
      ),
    );
    expect(Object.keys(MODULES).sort()).toEqual(declaring.sort());
  });

  it('says "not used yet" only of actions no code checks, and gives a scope rule for every one that is', () => {
    const wrong = actions.filter(({ module, action }) => {
      const used = codeOf(module).includes(`'${action}'`);
      return used === (SCOPES[action] === NOT_USED_YET);
    });
    expect(wrong.map(({ action }) => action)).toEqual([]);
  });

  // OpenCRVS habit: one permission test file per action, beside the module that owns it.
  it('has a permission test file for every action in use', () => {
    const missing = actions
      .filter(({ action }) => SCOPES[action] !== NOT_USED_YET)
      .map(({ module, action }) => path.join('src/modules', module, `${action}.scopes.test.ts`))
      .filter((file) => !existsSync(file));
    expect(missing).toEqual([]);
  });
});
