import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/**
 * The care/control indicators of docs/INDICATORS.md, one SQL query each, over a period of access days
 * (inclusive, calendar days in Europe/Rome as recorded on the access) and optionally one office.
 * Every ratio returns its numerator and denominator; `publishable` applies small-cell suppression.
 */
export interface IndicatorQuery {
  tenantId: string;
  from: string; // YYYY-MM-DD, inclusive
  to: string; // YYYY-MM-DD, inclusive
  officeId?: string | null;
}

export interface Ratio {
  numerator: number;
  denominator: number;
  /** numerator / denominator, or null when the denominator is 0. */
  value: number | null;
}

export interface Median {
  /** Accesses with at least one interview (the values the median is taken over). */
  n: number;
  median: number | null;
}

/** Cells below this count are not published (docs/INDICATORS.md, "Small cells"). */
export const SMALL_CELL = 5;

const ratio = (numerator: number, denominator: number): Ratio => ({
  numerator,
  denominator,
  value: denominator === 0 ? null : numerator / denominator,
});

/** For publication: a ratio whose denominator is below 5 or whose numerator is 1–4 loses its value. */
export function publishable(r: Ratio): Ratio & { suppressed: boolean } {
  const suppressed = r.denominator < SMALL_CELL || (r.numerator > 0 && r.numerator < SMALL_CELL);
  return { ...r, value: suppressed ? null : r.value, suppressed };
}

export function publishableMedian(m: Median): Median & { suppressed: boolean } {
  const suppressed = m.n < SMALL_CELL;
  return { ...m, median: suppressed ? null : m.median, suppressed };
}

/** The accesses of the period (alias `a`). */
function scope(q: IndicatorQuery): RawBuilder<unknown> {
  const office = q.officeId ?? null;
  return sql`a.tenant_id = ${q.tenantId}::uuid
    AND a.access_day BETWEEN ${q.from}::date AND ${q.to}::date
    AND (${office}::uuid IS NULL OR a.office_id = ${office}::uuid)`;
}

async function counts(db: Executor, query: RawBuilder<{ num: number; den: number }>): Promise<Ratio> {
  const { rows } = await query.execute(db);
  const row = rows[0];
  return ratio(Number(row?.num ?? 0), Number(row?.den ?? 0));
}

/** 1. Walk-in share: accesses whose channel is walk_in / all accesses. */
export const walkInShare = (db: Executor, q: IndicatorQuery) =>
  counts(
    db,
    sql`SELECT count(*) FILTER (WHERE a.channel = 'walk_in')::int AS num, count(*)::int AS den
        FROM access a WHERE ${scope(q)}`,
  );

/** 2. Days from first contact (the access day) to the first interview (its day in Europe/Rome): median. */
export async function daysToInterview(db: Executor, q: IndicatorQuery): Promise<Median> {
  const { rows } = await sql<{ median: number | null; n: number }>`
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d)::float8 AS median, count(*)::int AS n
    FROM (SELECT (min(i.started_at AT TIME ZONE 'Europe/Rome')::date - a.access_day) AS d
          FROM access a JOIN interview i ON i.tenant_id = a.tenant_id AND i.access_id = a.id
          WHERE ${scope(q)} GROUP BY a.id, a.access_day) x`.execute(db);
  return { n: Number(rows[0]?.n ?? 0), median: rows[0]?.median ?? null };
}

/** 3. Help at first interview: accesses with help_at_first_interview = true / accesses where it is recorded. */
export const helpAtFirstInterviewRate = (db: Executor, q: IndicatorQuery) =>
  counts(
    db,
    sql`SELECT count(*) FILTER (WHERE a.help_at_first_interview)::int AS num,
               count(a.help_at_first_interview)::int AS den
        FROM access a WHERE ${scope(q)}`,
  );

/** 4. Resolved with information only: closed accesses whose every outcome is `information` / closed accesses. */
export const informationOnlyShare = (db: Executor, q: IndicatorQuery) =>
  counts(
    db,
    sql`SELECT count(*) FILTER (WHERE info_only)::int AS num, count(*)::int AS den
        FROM (SELECT a.id, coalesce(bool_and(o.kind = 'information'), false) AS info_only
              FROM access a
              LEFT JOIN access_request r ON r.tenant_id = a.tenant_id AND r.access_id = a.id
              LEFT JOIN outcome o ON o.tenant_id = r.tenant_id AND o.request_id = r.id
              WHERE ${scope(q)} AND a.status = 'closed' GROUP BY a.id) x`,
  );

/** 5. Documents before help: accesses where any document or ISEE was demanded before help / all accesses. */
export const documentsBeforeHelpShare = (db: Executor, q: IndicatorQuery) =>
  counts(
    db,
    sql`SELECT count(*) FILTER (WHERE cardinality(a.documents_demanded) > 0)::int AS num, count(*)::int AS den
        FROM access a WHERE ${scope(q)}`,
  );

/** 6. Refusal rate: requests with a `refused` outcome / requests with any outcome; and refused requests by reason. */
export async function refusalRate(
  db: Executor,
  q: IndicatorQuery,
): Promise<Ratio & { reasons: { reasonCode: string; requests: number }[] }> {
  const rate = await counts(
    db,
    sql`SELECT count(*) FILTER (WHERE refused)::int AS num, count(*)::int AS den
        FROM (SELECT r.id, bool_or(o.kind = 'refused') AS refused
              FROM access a
              JOIN access_request r ON r.tenant_id = a.tenant_id AND r.access_id = a.id
              JOIN outcome o ON o.tenant_id = r.tenant_id AND o.request_id = r.id
              WHERE ${scope(q)} GROUP BY r.id) x`,
  );
  const { rows } = await sql<{ reason_code: string; requests: number }>`
    SELECT o.reason_code, count(DISTINCT r.id)::int AS requests
    FROM access a
    JOIN access_request r ON r.tenant_id = a.tenant_id AND r.access_id = a.id
    JOIN outcome o ON o.tenant_id = r.tenant_id AND o.request_id = r.id
    WHERE ${scope(q)} AND o.kind = 'refused'
    GROUP BY o.reason_code ORDER BY o.reason_code`.execute(db);
  return { ...rate, reasons: rows.map((r) => ({ reasonCode: r.reason_code, requests: Number(r.requests) })) };
}

/** 7. Mandated share: accesses mandated or reported by an authority (mandated_by ≠ none) / all accesses. */
export const mandatedShare = (db: Executor, q: IndicatorQuery) =>
  counts(
    db,
    sql`SELECT count(*) FILTER (WHERE a.mandated_by <> 'none')::int AS num, count(*)::int AS den
        FROM access a WHERE ${scope(q)}`,
  );

/** 8. Conversion to take-charge proposal: interviewed accesses with a take_charge_proposal outcome / interviewed accesses. */
export const takeChargeConversion = (db: Executor, q: IndicatorQuery) =>
  counts(
    db,
    sql`SELECT count(*) FILTER (WHERE EXISTS (
                 SELECT 1 FROM access_request r JOIN outcome o ON o.tenant_id = r.tenant_id AND o.request_id = r.id
                 WHERE r.tenant_id = a.tenant_id AND r.access_id = a.id AND o.kind = 'take_charge_proposal'))::int AS num,
               count(*)::int AS den
        FROM access a
        WHERE ${scope(q)}
          AND EXISTS (SELECT 1 FROM interview i WHERE i.tenant_id = a.tenant_id AND i.access_id = a.id)`,
  );

/**
 * 9. Re-access within 90 days: identified persons concerned by an access of the period who had another
 * access (any office of the tenant) on one of the 90 days before / identified persons concerned.
 */
export const reAccessWithin90Days = (db: Executor, q: IndicatorQuery) =>
  counts(
    db,
    sql`SELECT count(*) FILTER (WHERE EXISTS (
                 SELECT 1 FROM access_person p2
                 WHERE p2.tenant_id = p.tenant_id AND p2.person_id = p.person_id
                   AND p2.access_day BETWEEN p.access_day - 90 AND p.access_day - 1))::int AS num,
               count(*)::int AS den
        FROM access a JOIN access_person p ON p.tenant_id = a.tenant_id AND p.access_id = a.id
        WHERE ${scope(q)} AND p.person_id IS NOT NULL`,
  );

/** Every indicator of the period, raw (not yet suppressed for publication). */
export async function computeIndicators(db: Executor, q: IndicatorQuery) {
  return {
    walkInShare: await walkInShare(db, q),
    daysToInterview: await daysToInterview(db, q),
    helpAtFirstInterviewRate: await helpAtFirstInterviewRate(db, q),
    informationOnlyShare: await informationOnlyShare(db, q),
    documentsBeforeHelpShare: await documentsBeforeHelpShare(db, q),
    refusalRate: await refusalRate(db, q),
    mandatedShare: await mandatedShare(db, q),
    takeChargeConversion: await takeChargeConversion(db, q),
    reAccessWithin90Days: await reAccessWithin90Days(db, q),
  };
}
