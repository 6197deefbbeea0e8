import { type Db, withTenant } from '../../platform/db/database.ts';
import { matchStreet } from './street.repository.ts';

export interface StreetSuggestion {
  officeId: string;
  neighbourhood: string;
  street: string;
  /** The street → neighbourhood row is demo data (street_area.demo). */
  demo: boolean;
}

/** Below this the match is a guess; the resident chooses from the list instead. */
export const MIN_SCORE = 0.6;

/**
 * The neighbourhood office for a street the resident typed (and an optional house number). Nothing is
 * stored or logged: the street only picks an office. Undefined when no street is close enough, or when
 * the best matches point at different offices with the same score (the resident then chooses).
 */
export async function suggestOffice(
  db: Db,
  tenantId: string,
  street: string,
  houseNumber: string,
): Promise<StreetSuggestion | undefined> {
  const typed = street.trim().slice(0, 120);
  if (!tenantId || [...typed].length < 3) return undefined;
  const n = /^\s*(\d{1,5})/.exec(houseNumber)?.[1];
  const rows = await withTenant(db, tenantId, (trx) => matchStreet(trx, tenantId, typed, n ? Number(n) : null));
  const best = rows[0];
  if (!best || best.score < MIN_SCORE) return undefined;
  const tied = rows.filter((r) => r.score === best.score);
  if (new Set(tied.map((r) => r.office_id)).size > 1) return undefined;
  return { officeId: best.office_id, neighbourhood: best.neighbourhood, street: best.street_name, demo: best.demo };
}
