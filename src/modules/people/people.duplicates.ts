import type { DuplicateCandidateRow, PersonColumns } from './people.repository.ts';

/** Why a record is proposed as the same person — shown to the operator, who decides. */
export type DuplicateReason =
  | 'sameTaxCode'
  | 'sameDocument'
  | 'similarNameSameBirthDate'
  | 'similarNameSameBirthYear'
  | 'sameNameBirthUnknown'
  | 'samePhone';

// Trigram similarity of the normalised full name: 0.5 catches one or two typos in a short name;
// 0.8 is "practically the same name".
const SIMILAR = 0.5;
const SAME = 0.8;

export function duplicateReasons(probe: PersonColumns, c: DuplicateCandidateRow): DuplicateReason[] {
  const reasons: DuplicateReason[] = [];
  if (probe.tax_code && c.tax_code === probe.tax_code) reasons.push('sameTaxCode');
  if (c.same_document === true || c.same_document === 1) reasons.push('sameDocument');
  const similar = c.name_similarity >= SIMILAR;
  const fullDate = (y: number | null, m: number | null, d: number | null) =>
    y !== null && m !== null && d !== null ? `${y}-${m}-${d}` : null;
  const probeDate = fullDate(probe.birth_year, probe.birth_month, probe.birth_day);
  const candDate = fullDate(c.birth_year, c.birth_month, c.birth_day);
  if (similar && probeDate && probeDate === candDate) reasons.push('similarNameSameBirthDate');
  else if (similar && probe.birth_year !== null && probe.birth_year === c.birth_year && (!probeDate || !candDate)) {
    reasons.push('similarNameSameBirthYear');
  } else if (c.name_similarity >= SAME && (probe.birth_year === null || c.birth_year === null)) {
    reasons.push('sameNameBirthUnknown');
  }
  // Phones are stored normalised (+39…), so equality is exact.
  if (probe.phone && probe.phone === c.phone) reasons.push('samePhone');
  return reasons;
}
