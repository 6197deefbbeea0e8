import type { Ctx, Operator } from '../../platform/context.ts';
import { type Db, withTenant } from '../../platform/db/database.ts';
import { Forbidden } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { auditOnlineRequest, officeScope, onlineAccessStatus, registerOnlineRequest } from '../access/index.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import * as repo from './appointments.repository.ts';
import { addDays, romeDayTime } from './calendar.ts';
import { queueRequestAcknowledgement } from './request.mail.ts';
import { requestPermissions } from './request.policy.ts';
import * as requests from './request.repository.ts';
import { checkRequest, type RequestFieldError, type RequestForm } from './request.validation.ts';

export interface AssistanceService {
  id: string;
  code: string;
  category: { code: string; it: string; en: string };
  it: string;
  en: string;
  maxDays: number;
}

export async function listAssistanceServices(db: Db, tenantId: string): Promise<AssistanceService[]> {
  if (!tenantId) return [];
  const rows = await withTenant(db, tenantId, (trx) => requests.servicesOf(trx, tenantId));
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    category: { code: r.category_code, it: r.category_it, en: r.category_en },
    it: r.label_it,
    en: r.label_en,
    maxDays: r.max_days,
  }));
}

/** What the resident is shown and e-mailed: the number and the dates, nothing they wrote. */
export interface RequestReceipt {
  id: string;
  number: string;
  takenInChargeOn: string;
  dueOn: string;
  email: string;
  language: 'it' | 'en';
}

export type SubmitResult =
  | { kind: 'created'; receipt: RequestReceipt }
  | { kind: 'invalid'; errors: RequestFieldError[] };

/**
 * A resident's request for assistance: filed in the access register as an online access (no operator),
 * numbered RA-YYYY-NNNNNN, taken in charge the day it arrives (Europe/Rome) and due within the
 * service's `max_days`. The access, the request and the audit entries are one transaction.
 */
export async function submitRequest(ctx: Ctx, form: RequestForm, language: 'it' | 'en'): Promise<SubmitResult> {
  const tenantId = ctx.actor.tenantId;
  const errors = checkRequest(form);
  const services = tenantId ? await listAssistanceServices(ctx.db, tenantId) : [];
  const service = services.find((s) => s.code === form.service || s.id === form.service);
  if (form.service && !service) errors.push({ field: 'service', key: 'service.required' });
  if (errors.length > 0 || !tenantId || !service) return { kind: 'invalid', errors };
  const now = ctx.clock.now();
  const today = romeDayTime(now).day;
  const receipt = await withTenant(ctx.db, tenantId, async (trx) => {
    const row = (await requests.servicesOf(trx, tenantId)).find((s) => s.id === service.id);
    if (!row) throw new Error('assistance service vanished');
    const registered = await registerOnlineRequest(trx, {
      tenantId,
      officeId: row.office_id,
      needAreaCode: row.need_area_code,
      reason: form.message,
      receivedAt: now,
    });
    // A misconfigured service (need area not in the current taxonomy) is the municipality's error, not the resident's.
    if (registered.kind !== 'registered') throw new Error(`assistance service ${row.code}: ${registered.kind}`);
    const id = newId();
    const number = await repo.nextCode(trx, tenantId, 'RA', Number(today.slice(0, 4)));
    const dueOn = addDays(today, row.max_days);
    await requests.insertRequest(trx, {
      id,
      tenant_id: tenantId,
      number,
      service_id: row.id,
      access_id: registered.accessId,
      first_name: form.firstName,
      last_name: form.lastName,
      email: form.email,
      message: form.message,
      privacy_acknowledged_at: now,
      taken_in_charge_on: today,
      due_on: dueOn,
      language,
      created_at: now,
    });
    const receipt = { id, number, takenInChargeOn: today, dueOn, email: form.email, language };
    await queueRequestAcknowledgement(trx, tenantId, receipt, now);
    await auditOnlineRequest(trx, ctx, registered);
    await recordEvent(trx, ctx, {
      action: 'assistance.create',
      recordType: 'assistance_request',
      recordId: id,
      details: { number, service: row.code, accessId: registered.accessId },
    });
    return receipt;
  });
  return { kind: 'created', receipt };
}

export async function getReceipt(db: Db, tenantId: string, id: string): Promise<RequestReceipt | undefined> {
  if (!tenantId) return undefined;
  const row = await withTenant(db, tenantId, (trx) => requests.findRequest(trx, tenantId, id));
  return row
    ? {
        id: row.id,
        number: row.number,
        takenInChargeOn: row.taken_in_charge_on,
        dueOn: row.due_on,
        email: row.email,
        language: row.language as 'it' | 'en',
      }
    : undefined;
}

export type RequestStage = 'received' | 'in_progress' | 'closed';

export interface RequestStatus {
  number: string;
  service: { it: string; en: string };
  receivedOn: string;
  takenInChargeOn: string;
  dueOn: string;
  stage: RequestStage;
  closedOn: string | null;
}

/** waiting → received; in interview or open → in progress (an operator is working on it); closed → closed. */
export function stageOf(accessStatus: string): RequestStage {
  if (accessStatus === 'closed') return 'closed';
  if (accessStatus === 'waiting') return 'received';
  return 'in_progress';
}

/**
 * The status a resident sees with the number and the e-mail they used. A wrong e-mail and an unknown
 * number both give undefined: the answer never tells whether a number exists. Audited (a read of the
 * request by the public) only when found.
 */
export async function requestStatus(ctx: Ctx, number: string, email: string): Promise<RequestStatus | undefined> {
  const tenantId = ctx.actor.tenantId;
  const wanted = number.trim().toUpperCase();
  if (!tenantId || !/^RA-\d{4}-\d{6}$/.test(wanted) || !email.trim()) return undefined;
  return withTenant(ctx.db, tenantId, async (trx) => {
    const row = await requests.findByNumberAndEmail(trx, tenantId, wanted, email.trim());
    if (!row) return undefined;
    const access = await onlineAccessStatus(trx, tenantId, row.access_id);
    await recordEvent(trx, ctx, {
      action: 'assistance.status',
      recordType: 'assistance_request',
      recordId: row.id,
      details: { number: row.number },
    });
    return {
      number: row.number,
      service: { it: row.service_it, en: row.service_en },
      receivedOn: romeDayTime(row.created_at).day,
      takenInChargeOn: row.taken_in_charge_on,
      dueOn: row.due_on,
      stage: stageOf(access?.status ?? 'waiting'),
      closedOn: access?.closedAt ? romeDayTime(access.closedAt).day : null,
    };
  });
}

export interface RequestListItem {
  id: string;
  number: string;
  accessId: string;
  service: { code: string; it: string; en: string };
  officeId: string;
  firstName: string;
  lastName: string;
  email: string;
  message: string;
  takenInChargeOn: string;
  dueOn: string;
  language: 'it' | 'en';
  createdAt: Date;
}

async function allowRead(ctx: Ctx): Promise<Operator> {
  const actor = ctx.actor;
  if (!roleMay(requestPermissions, actor, 'assistance.read')) {
    await recordDenied(ctx, { action: 'assistance.read' });
    throw new Forbidden('assistance.read');
  }
  return actor;
}

/** Requests of the operator's offices (names, e-mail, text: personal data), audited with the ids shown. */
export async function listAssistanceRequests(
  ctx: Ctx,
  filter: Omit<requests.RequestFilter, 'officeIds'>,
): Promise<RequestListItem[]> {
  const actor = await allowRead(ctx);
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const rows = await requests.listRequests(trx, actor.tenantId, { ...filter, officeIds: officeScope(actor) });
    await recordEvent(trx, ctx, {
      action: 'assistance.read',
      recordType: 'assistance_request',
      details: {
        ids: rows.map((r) => r.id),
        filter: Object.entries(filter)
          .filter(([k, v]) => v !== undefined && k !== 'limit' && k !== 'offset')
          .map(([k]) => k),
      },
    });
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      accessId: r.access_id,
      service: { code: r.service_code, it: r.service_it, en: r.service_en },
      officeId: r.office_id,
      firstName: r.first_name,
      lastName: r.last_name,
      email: r.email,
      message: r.message,
      takenInChargeOn: r.taken_in_charge_on,
      dueOn: r.due_on,
      language: r.language as 'it' | 'en',
      createdAt: r.created_at,
    }));
  });
}
