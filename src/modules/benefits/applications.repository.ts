import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';

/** All SQL of applications, checks, funds and payments. Amounts travel as numbers, stored as numeric. */

export interface ApplicationRow {
  id: string;
  code: string;
  person_id: string;
  access_id: string | null;
  case_id: string | null;
  measure: string;
  status: 'open' | 'approved' | 'rejected';
  inputs: unknown;
  isee_value: string | null;
  dsu_protocol: string | null;
  dsu_date: string | null;
  isee_valid_until: string | null;
  means_test: number;
  presa_carico: boolean;
  documents_demanded: string[];
  documents_received: string[];
  rule_set_id: string | null;
  evaluation: unknown;
  evaluated_on: string | null;
  isee_threshold: string | null;
  prepared_by: string;
  opened_at: Date;
  decision: 'approved' | 'rejected' | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  monthly_amount: string | null;
  months: number | null;
  total_amount: string | null;
  period_start: string | null;
  period_end: string | null;
  fund_id: string | null;
  version: number;
}

export async function nextCodeNumber(db: Executor, tenantId: string, year: number): Promise<number> {
  const row = await db
    .insertInto('benefit_code_counter')
    .values({ tenant_id: tenantId, year, last: 1 })
    .onConflict((oc) => oc.columns(['tenant_id', 'year']).doUpdateSet({ last: sql`benefit_code_counter.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

export async function insertApplication(
  db: Executor,
  row: Omit<Insertable<Database['benefit_application']>, 'inputs' | 'evaluation'> & {
    inputs: unknown;
    evaluation: unknown;
  },
): Promise<void> {
  await db
    .insertInto('benefit_application')
    .values({ ...row, inputs: JSON.stringify(row.inputs), evaluation: JSON.stringify(row.evaluation) })
    .execute();
}

export async function findApplication(
  db: Executor,
  tenantId: string,
  id: string,
  lock = false,
): Promise<ApplicationRow | undefined> {
  let q = db.selectFrom('benefit_application').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  return (await q.executeTakeFirst()) as ApplicationRow | undefined;
}

export async function listApplications(
  db: Executor,
  tenantId: string,
  filter: { status?: string; personId?: string },
): Promise<ApplicationRow[]> {
  let q = db.selectFrom('benefit_application').selectAll().where('tenant_id', '=', tenantId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.personId) q = q.where('person_id', '=', filter.personId);
  return (await q.orderBy('opened_at', 'desc').limit(200).execute()) as ApplicationRow[];
}

/** Updates an open application at the version read; false when someone changed it meanwhile. */
export async function updateApplication(
  db: Executor,
  tenantId: string,
  id: string,
  version: number,
  changes: Record<string, unknown>,
): Promise<boolean> {
  const result = await db
    .updateTable('benefit_application')
    .set({ ...changes, version: sql`version + 1` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface CheckRow {
  id: string;
  application_id: string;
  kind: string;
  requested_at: Date;
  requested_by: string;
  result: 'pending' | 'passed' | 'failed';
  done_on: string | null;
  done_by: string | null;
}

export async function listChecks(db: Executor, tenantId: string, applicationId: string): Promise<CheckRow[]> {
  return (await db
    .selectFrom('benefit_check')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('application_id', '=', applicationId)
    .orderBy('requested_at')
    .execute()) as CheckRow[];
}

export async function insertCheck(db: Executor, row: CheckRow & { tenant_id: string }): Promise<void> {
  await db.insertInto('benefit_check').values(row).execute();
}

export interface FundRow {
  id: string;
  measure: string;
  year: number;
  amount: string;
  committed: string;
  paid: string;
  version: number;
}

const FUND_COLUMNS = ['id', 'measure', 'year', 'amount', 'committed', 'paid', 'version'] as const;

/** The fund of a measure and year, locked FOR UPDATE: concurrent approvals queue here. */
export async function lockFund(db: Executor, tenantId: string, measure: string, year: number) {
  return (await db
    .selectFrom('benefit_fund')
    .select(FUND_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('measure', '=', measure)
    .where('year', '=', year)
    .forUpdate()
    .executeTakeFirst()) as FundRow | undefined;
}

export async function lockFundById(db: Executor, tenantId: string, id: string) {
  return (await db
    .selectFrom('benefit_fund')
    .select(FUND_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()) as FundRow | undefined;
}

export async function listFunds(db: Executor, tenantId: string, year?: number): Promise<FundRow[]> {
  let q = db.selectFrom('benefit_fund').select(FUND_COLUMNS).where('tenant_id', '=', tenantId);
  if (year) q = q.where('year', '=', year);
  return (await q.orderBy('year', 'desc').orderBy('measure').execute()) as FundRow[];
}

export async function addToFund(db: Executor, id: string, column: 'committed' | 'paid', amount: number) {
  await db
    .updateTable('benefit_fund')
    .set({ [column]: sql`${sql.ref(column)} + ${amount}`, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

export async function upsertFund(
  db: Executor,
  row: { id: string; tenant_id: string; measure: string; year: number; amount: number },
): Promise<string> {
  const saved = await db
    .insertInto('benefit_fund')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'measure', 'year'])
        .doUpdateSet({ amount: row.amount, version: sql`benefit_fund.version + 1` }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return saved.id;
}

export interface PaymentRow {
  id: string;
  application_id: string;
  fund_id: string;
  due_on: string;
  amount: string;
  status: 'scheduled' | 'paid';
  paid_on: string | null;
  paid_by: string | null;
  version: number;
}

export async function insertPayments(
  db: Executor,
  rows: (Omit<PaymentRow, 'status' | 'paid_on' | 'paid_by' | 'version' | 'amount'> & {
    tenant_id: string;
    amount: number;
  })[],
) {
  if (rows.length > 0) await db.insertInto('benefit_payment').values(rows).execute();
}

export async function listPayments(
  db: Executor,
  tenantId: string,
  filter: { applicationId?: string; status?: string },
) {
  let q = db.selectFrom('benefit_payment').selectAll().where('tenant_id', '=', tenantId);
  if (filter.applicationId) q = q.where('application_id', '=', filter.applicationId);
  if (filter.status) q = q.where('status', '=', filter.status);
  return (await q.orderBy('due_on').execute()) as PaymentRow[];
}

export async function findPayment(db: Executor, tenantId: string, id: string, lock = false) {
  let q = db.selectFrom('benefit_payment').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  return (await q.executeTakeFirst()) as PaymentRow | undefined;
}

export async function markPaid(db: Executor, id: string, paidOn: string, paidBy: string) {
  await db
    .updateTable('benefit_payment')
    .set({ status: 'paid', paid_on: paidOn, paid_by: paidBy, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** Records the result of a pending check; false if it is not pending (or not of this application). */
export async function completeCheck(
  db: Executor,
  tenantId: string,
  applicationId: string,
  checkId: string,
  done: { result: 'passed' | 'failed'; done_on: string; done_by: string },
): Promise<boolean> {
  const r = await db
    .updateTable('benefit_check')
    .set(done)
    .where('tenant_id', '=', tenantId)
    .where('application_id', '=', applicationId)
    .where('id', '=', checkId)
    .where('result', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
