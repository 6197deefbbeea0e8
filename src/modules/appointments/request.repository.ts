import type { Executor } from '../../platform/db/database.ts';

export interface AssistanceServiceRow {
  id: string;
  code: string;
  category_code: string;
  category_it: string;
  category_en: string;
  label_it: string;
  label_en: string;
  need_area_code: string;
  max_days: number;
  office_id: string;
}

export async function servicesOf(db: Executor, tenantId: string): Promise<AssistanceServiceRow[]> {
  return db
    .selectFrom('assistance_service')
    .select([
      'id',
      'code',
      'category_code',
      'category_it',
      'category_en',
      'label_it',
      'label_en',
      'need_area_code',
      'max_days',
      'office_id',
    ])
    .where('tenant_id', '=', tenantId)
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
}

export interface NewAssistanceRequest {
  id: string;
  tenant_id: string;
  number: string;
  service_id: string;
  access_id: string;
  first_name: string;
  last_name: string;
  email: string;
  message: string;
  privacy_acknowledged_at: Date;
  taken_in_charge_on: string;
  due_on: string;
  language: 'it' | 'en';
  created_at: Date;
}

export async function insertRequest(db: Executor, row: NewAssistanceRequest): Promise<void> {
  await db.insertInto('assistance_request').values(row).execute();
}

const REQUEST_COLUMNS = [
  'r.id',
  'r.number',
  'r.access_id',
  'r.first_name',
  'r.last_name',
  'r.email',
  'r.message',
  'r.taken_in_charge_on',
  'r.due_on',
  'r.language',
  'r.created_at',
  's.code as service_code',
  's.label_it as service_it',
  's.label_en as service_en',
  's.category_it',
  's.category_en',
  's.office_id',
] as const;

function requests(db: Executor, tenantId: string) {
  return db
    .selectFrom('assistance_request as r')
    .innerJoin('assistance_service as s', (j) =>
      j.onRef('s.id', '=', 'r.service_id').onRef('s.tenant_id', '=', 'r.tenant_id'),
    )
    .select(REQUEST_COLUMNS)
    .where('r.tenant_id', '=', tenantId);
}

export type AssistanceRequestRow = Awaited<ReturnType<typeof findRequest>> & {};

export async function findRequest(db: Executor, tenantId: string, id: string) {
  return requests(db, tenantId).where('r.id', '=', id).executeTakeFirst();
}

/** The request with this number whose e-mail matches (case-insensitive), or undefined either way. */
export async function findByNumberAndEmail(db: Executor, tenantId: string, number: string, email: string) {
  return requests(db, tenantId)
    .where('r.number', '=', number)
    .where((eb) => eb(eb.fn('lower', ['r.email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

export interface RequestFilter {
  officeIds: readonly string[] | 'all';
  from?: string | undefined;
  to?: string | undefined;
  service?: string | undefined;
  limit: number;
  offset: number;
}

/** Requests in the operator's offices, newest first. */
export async function listRequests(db: Executor, tenantId: string, f: RequestFilter) {
  let q = requests(db, tenantId);
  if (f.officeIds !== 'all') {
    if (f.officeIds.length === 0) return [];
    q = q.where('s.office_id', 'in', f.officeIds);
  }
  if (f.from) q = q.where('r.taken_in_charge_on', '>=', f.from);
  if (f.to) q = q.where('r.taken_in_charge_on', '<=', f.to);
  if (f.service) q = q.where('s.code', '=', f.service);
  return q.orderBy('r.created_at', 'desc').orderBy('r.number', 'desc').limit(f.limit).offset(f.offset).execute();
}
