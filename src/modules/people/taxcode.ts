import cfModule from 'codice-fiscale-js';

/**
 * Codice fiscale: validation through codice-fiscale-js (checksum, omocodia, the historical list of
 * municipalities and foreign countries), decoding of the data the code carries, and comparison with
 * what the person declared. A mismatch is a warning an operator may override with a reason — people
 * do hold codes that disagree with their papers — never a hard block.
 */
interface CodiceFiscaleClass {
  new (code: string): { birthplace: { nome: string; prov: string; cc: string } };
  check(code: string): boolean;
  getCheckCode(first15: string): string;
}
const { CodiceFiscale } = cfModule as unknown as { CodiceFiscale: CodiceFiscaleClass };

// Omocodia replaces digits with these letters, right to left, when two people would share a code.
const OMOCODIA = 'LMNPQRSTUV';
const MONTHS = 'ABCDEHLMPRST';
const DIGIT_POSITIONS = [6, 7, 9, 10, 12, 13, 14];

export interface DecodedTaxCode {
  sex: 'F' | 'M';
  /** Two digits only: the century is not in the code. */
  birthYearTwoDigits: number;
  birthMonth: number;
  birthDay: number;
  birthplaceCode: string;
  birthplaceName: string | undefined;
  omocodic: boolean;
}

export type TaxCodeCheck =
  | { kind: 'personal'; code: string; decoded: DecodedTaxCode }
  | { kind: 'provisional'; code: string }
  | { kind: 'invalid'; reason: 'format' | 'checksum' | 'date' };

export function normaliseTaxCode(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

function deOmocode(code: string): string {
  const chars = [...code];
  for (const i of DIGIT_POSITIONS) {
    const at = OMOCODIA.indexOf(chars[i] ?? '');
    if (at >= 0) chars[i] = String(at);
  }
  return chars.join('');
}

/** The name of a municipality or foreign country from its Belfiore code, using the library's list. */
export function placeName(belfiore: string): string | undefined {
  if (!/^[A-Z]\d{3}$/.test(belfiore)) return undefined;
  const first15 = `XXXXXX00A01${belfiore}`;
  try {
    return new CodiceFiscale(first15 + CodiceFiscale.getCheckCode(first15)).birthplace.nome;
  } catch {
    return undefined;
  }
}

export function checkTaxCode(raw: string): TaxCodeCheck {
  const code = normaliseTaxCode(raw);
  // Provisional codes given to people waiting for a real one are 11 digits (like a VAT number).
  if (/^\d{11}$/.test(code)) return { kind: 'provisional', code };
  if (!/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/.test(code)) {
    return { kind: 'invalid', reason: 'format' };
  }
  if (!CodiceFiscale.check(code)) return { kind: 'invalid', reason: 'checksum' };
  const plain = deOmocode(code);
  const dayField = Number(plain.slice(9, 11));
  const sex = dayField > 40 ? 'F' : 'M';
  const birthDay = sex === 'F' ? dayField - 40 : dayField;
  if (birthDay < 1 || birthDay > 31) return { kind: 'invalid', reason: 'date' };
  const birthplaceCode = plain.slice(11, 15);
  return {
    kind: 'personal',
    code,
    decoded: {
      sex,
      birthYearTwoDigits: Number(plain.slice(6, 8)),
      birthMonth: MONTHS.indexOf(plain[8] ?? '') + 1,
      birthDay,
      birthplaceCode,
      birthplaceName: placeName(birthplaceCode),
      omocodic: plain !== code,
    },
  };
}

export interface Declared {
  sex?: 'F' | 'M' | null | undefined;
  birthYear?: number | null | undefined;
  birthMonth?: number | null | undefined;
  birthDay?: number | null | undefined;
  birthplaceCode?: string | null | undefined;
}

export type Mismatch = 'sex' | 'birthDate' | 'birthplace';

/** What the code says that the declared data contradicts. Unknown declared values contradict nothing. */
export function compareWithDeclared(decoded: DecodedTaxCode, declared: Declared): Mismatch[] {
  const out: Mismatch[] = [];
  if (declared.sex && declared.sex !== decoded.sex) out.push('sex');
  const yearOff = declared.birthYear != null && declared.birthYear % 100 !== decoded.birthYearTwoDigits;
  const monthOff = declared.birthMonth != null && declared.birthMonth !== decoded.birthMonth;
  const dayOff = declared.birthDay != null && declared.birthDay !== decoded.birthDay;
  if (yearOff || monthOff || dayOff) out.push('birthDate');
  if (declared.birthplaceCode && declared.birthplaceCode !== decoded.birthplaceCode) out.push('birthplace');
  return out;
}
