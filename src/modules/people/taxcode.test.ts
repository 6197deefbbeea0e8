import { describe, expect, it } from 'vitest';
import { checkTaxCode, compareWithDeclared, placeName } from './taxcode.ts';

// Codes computed for fictitious people; checksums are real.
const MARIO = 'RSSMRA85T10A562S'; // M, 10 Dec 1985, San Giuliano Terme (A562)
const MARIO_OMOCODIC = 'RSSMRAU5T10A562P'; // same person, omocodia on the year

describe('checkTaxCode', () => {
  it('decodes a valid code', () => {
    const r = checkTaxCode(' rssmra85t10a562s ');
    expect(r).toMatchObject({
      kind: 'personal',
      code: MARIO,
      decoded: {
        sex: 'M',
        birthYearTwoDigits: 85,
        birthMonth: 12,
        birthDay: 10,
        birthplaceCode: 'A562',
        omocodic: false,
      },
    });
    if (r.kind === 'personal') expect(r.decoded.birthplaceName).toBe('SAN GIULIANO TERME');
  });

  it('accepts an omocodic code and decodes the same data', () => {
    const r = checkTaxCode(MARIO_OMOCODIC);
    expect(r).toMatchObject({ kind: 'personal', decoded: { birthYearTwoDigits: 85, birthDay: 10, omocodic: true } });
  });

  it('reports a wrong check character as a checksum error', () => {
    expect(checkTaxCode('RSSMRA85T10A562T')).toEqual({ kind: 'invalid', reason: 'checksum' });
  });

  it('reports a malformed code as a format error', () => {
    expect(checkTaxCode('RSSMRA85T10A562')).toEqual({ kind: 'invalid', reason: 'format' });
    expect(checkTaxCode('RSSMRA85Z10A562S')).toEqual({ kind: 'invalid', reason: 'format' }); // Z is no month
  });

  it('recognises an 11-digit provisional code', () => {
    expect(checkTaxCode('12345678901')).toEqual({ kind: 'provisional', code: '12345678901' });
  });

  it('decodes women (day + 40) and foreign birthplaces', () => {
    const first15 = 'BNCLRA90A41Z404';
    // compute the check character the same way the library does
    const r = checkTaxCode(`${first15}${checkChar(first15)}`);
    expect(r).toMatchObject({
      kind: 'personal',
      decoded: { sex: 'F', birthDay: 1, birthMonth: 1, birthplaceCode: 'Z404' },
    });
    if (r.kind === 'personal') expect(r.decoded.birthplaceName).toMatch(/STATI UNITI/);
  });
});

describe('compareWithDeclared', () => {
  const r = checkTaxCode(MARIO);
  if (r.kind !== 'personal') throw new Error('fixture');
  it('finds nothing when the data agree or are unknown', () => {
    expect(
      compareWithDeclared(r.decoded, {
        sex: 'M',
        birthYear: 1985,
        birthMonth: 12,
        birthDay: 10,
        birthplaceCode: 'A562',
      }),
    ).toEqual([]);
    expect(compareWithDeclared(r.decoded, { birthYear: 1985 })).toEqual([]);
  });
  it('names each contradiction', () => {
    expect(compareWithDeclared(r.decoded, { sex: 'F', birthYear: 1986, birthplaceCode: 'F704' })).toEqual([
      'sex',
      'birthDate',
      'birthplace',
    ]);
  });
});

describe('placeName', () => {
  it('knows Monza and historical municipalities', () => {
    expect(placeName('F704')).toBe('MONZA');
    expect(placeName('A001')).toMatch(/ABANO/);
    expect(placeName('nope')).toBeUndefined();
  });
});

/** Check character per the official algorithm (independent of the library under test). */
function checkChar(first15: string): string {
  const odd: Record<string, number> = {};
  const oddValues = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').forEach((c, i) => {
    odd[c] = oddValues[i] ?? 0;
  });
  '0123456789'.split('').forEach((c, i) => {
    odd[c] = oddValues[i] ?? 0;
  });
  let sum = 0;
  [...first15].forEach((c, i) => {
    if (i % 2 === 0) sum += odd[c] ?? 0;
    else sum += /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 65;
  });
  return String.fromCharCode(65 + (sum % 26));
}
