import type { ColumnType, Generated } from 'kysely';

/**
 * Row types of the database, one interface per table, matching db/migrations.
 * `npm run db:check-types` compares them with the live schema so they cannot drift.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface TenantTable {
  id: string;
  code: string;
  name: string;
  kind: 'comune' | 'ambito';
  istat_code: string | null;
  belfiore_code: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface OfficeTable {
  id: string;
  tenant_id: string;
  code: string;
  name: string;
  kind: 'central' | 'neighbourhood';
  street: string;
  postcode: string | null;
  city: string;
  phone: string | null;
  email: string | null;
  demo_values: Defaulted<string[]>;
  version: Defaulted<number>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface OfficeHoursTable {
  id: string;
  tenant_id: string;
  office_id: string;
  weekday: number;
  opens: string;
  closes: string;
}

export interface AppUserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string | null;
  password_changed_at: Timestamp | null;
  failed_logins: Defaulted<number>;
  locked_until: Timestamp | null;
  disabled_at: Timestamp | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface MembershipTable {
  id: string;
  tenant_id: string;
  user_id: string;
  role: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface MembershipOfficeTable {
  tenant_id: string;
  membership_id: string;
  office_id: string;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  tenant_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokenTable {
  id: string;
  tenant_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AuditEventTable {
  seq: ColumnType<string, never, never>;
  occurred_at: ColumnType<Date, never, never>;
  tenant_id: string | null;
  actor_user_id: string | null;
  actor_kind: 'user' | 'token' | 'system' | 'anonymous';
  action: string;
  outcome: 'ok' | 'denied' | 'failed';
  record_type: string | null;
  record_id: string | null;
  request_id: string | null;
  details: unknown;
  prev_hash: string;
  hash: string;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export interface Database {
  tenant: TenantTable;
  office: OfficeTable;
  office_hours: OfficeHoursTable;
  app_user: AppUserTable;
  membership: MembershipTable;
  membership_office: MembershipOfficeTable;
  user_session: SessionTable;
  api_token: ApiTokenTable;
  audit_event: AuditEventTable;
  schema_migration: SchemaMigrationTable;
}
