import type { Executor } from '../../platform/db/database.ts';

const officeColumns = [
  'o.id',
  'o.code',
  'o.name',
  'o.kind',
  'o.street',
  'o.postcode',
  'o.city',
  'o.phone',
  'o.email',
  'o.demo_values',
  'o.version',
] as const;

export type OfficeRow = Awaited<ReturnType<typeof listOffices>>[number];
export type HoursRow = { office_id: string; weekday: number; opens: string; closes: string };

/** Offices of the tenant in `app.tenant_id` (row-level security filters; the explicit filter documents it). */
export async function listOffices(db: Executor, tenantId: string) {
  return db
    .selectFrom('office as o')
    .select(officeColumns)
    .where('o.tenant_id', '=', tenantId)
    .orderBy('o.kind')
    .orderBy('o.name')
    .execute();
}

export async function findOffice(db: Executor, tenantId: string, id: string) {
  return db
    .selectFrom('office as o')
    .select(officeColumns)
    .where('o.tenant_id', '=', tenantId)
    .where('o.id', '=', id)
    .executeTakeFirst();
}

export async function listHours(db: Executor, tenantId: string, officeIds: readonly string[]): Promise<HoursRow[]> {
  if (officeIds.length === 0) return [];
  return db
    .selectFrom('office_hours')
    .select(['office_id', 'weekday', 'opens', 'closes'])
    .where('tenant_id', '=', tenantId)
    .where('office_id', 'in', [...officeIds])
    .orderBy('weekday')
    .orderBy('opens')
    .execute();
}

export interface NewOffice {
  id: string;
  tenantId: string;
  code: string;
  name: string;
  kind: 'central' | 'neighbourhood';
  street: string;
  postcode: string | null;
  city: string;
  phone: string | null;
  email: string | null;
  demoValues: string[];
}

export async function insertOffice(db: Executor, o: NewOffice) {
  await db
    .insertInto('office')
    .values({
      id: o.id,
      tenant_id: o.tenantId,
      code: o.code,
      name: o.name,
      kind: o.kind,
      street: o.street,
      postcode: o.postcode,
      city: o.city,
      phone: o.phone,
      email: o.email,
      demo_values: o.demoValues,
    })
    .execute();
}

export async function insertHours(db: Executor, tenantId: string, rows: (HoursRow & { id: string })[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('office_hours')
    .values(rows.map((r) => ({ ...r, tenant_id: tenantId })))
    .execute();
}
