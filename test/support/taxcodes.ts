import cfModule from 'codice-fiscale-js';

const { CodiceFiscale } = cfModule as unknown as { CodiceFiscale: { getCheckCode(first15: string): string } };
const MONTHS = 'ABCDEHLMPRST';
const LETTERS = 'BCDFGHJKLMNPQRSTVZ';

/**
 * A valid codice fiscale for the data given; `seed` picks the six name letters, so different seeds
 * give different codes for the same birth data. The name letters need not match the person's name
 * (the app does not compare them).
 */
export function validTaxCode(
  seed: number,
  birth: { year: number; month: number; day: number; sex: 'F' | 'M'; place?: string },
): string {
  let n = seed;
  let letters = '';
  for (let i = 0; i < 6; i++) {
    letters += LETTERS[n % LETTERS.length];
    n = Math.floor(n / LETTERS.length);
  }
  const day = birth.sex === 'F' ? birth.day + 40 : birth.day;
  const first15 = `${letters}${String(birth.year % 100).padStart(2, '0')}${MONTHS[birth.month - 1]}${String(day).padStart(2, '0')}${birth.place ?? 'F704'}`;
  return first15 + CodiceFiscale.getCheckCode(first15);
}
