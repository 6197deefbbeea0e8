import type { Ctx } from '../../platform/context.ts';
import type { Trx } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { recordEvent } from '../audit/index.ts';
import * as repo from './access.repository.ts';
import { accessCode, romeDay } from './access.service.ts';
import { loadCurrentTaxonomy } from './taxonomy.service.ts';

/** A request a resident sent online (richiesta di assistenza), filed in the register by nobody. */
export interface OnlineRequestInput {
  tenantId: string;
  officeId: string;
  /** Code of a need area of the current taxonomy. */
  needAreaCode: string;
  /** The request in the resident's words (personal data, like every access request's reason). */
  reason: string;
  receivedAt: Date;
}

export type OnlineRequestResult =
  | { kind: 'registered'; accessId: string; code: string; requestId: string; officeId: string }
  | { kind: 'unknown-need-area' }
  | { kind: 'unknown-office' };

/**
 * Files an online request as an access of the register: channel `online_request`, presented by the
 * person, on their own initiative, waiting, with no registering operator (allowed for this channel
 * only, migration 0014). Runs in the caller's tenant transaction and writes no audit entry: the caller
 * finishes its own writes and then calls `auditOnlineRequest` as the last statement.
 */
export async function registerOnlineRequest(trx: Trx, input: OnlineRequestInput): Promise<OnlineRequestResult> {
  const { tenantId, officeId } = input;
  if (!(await repo.officeExists(trx, tenantId, officeId))) return { kind: 'unknown-office' };
  const taxonomy = await loadCurrentTaxonomy(trx, tenantId);
  const area = taxonomy.areas.find((a) => a.code === input.needAreaCode);
  if (!area) return { kind: 'unknown-need-area' };
  const day = romeDay(input.receivedAt);
  const year = Number(day.slice(0, 4));
  const id = newId();
  const code = accessCode(year, await repo.nextCodeNumber(trx, tenantId, year));
  await repo.insertAccess(trx, {
    id,
    tenant_id: tenantId,
    code,
    office_id: officeId,
    access_day: day,
    occurred_at: input.receivedAt,
    channel: 'online_request',
    presented_by: 'person',
    referrer: 'self',
    urgency: 'ordinary',
    urgency_reason: null,
    pronto_intervento: false,
    registered_by: null,
    documents_demanded: [],
    conditions_imposed: null,
    barriers: [],
    mandated_by: 'none',
  });
  const requestId = newId();
  await repo.insertRequests(trx, tenantId, id, [
    { id: requestId, need_area_id: area.id, reason: input.reason.trim(), created_at: input.receivedAt },
  ]);
  return { kind: 'registered', accessId: id, code, requestId, officeId };
}

/** The register's audit entry for an online access (actor: the public, or the system). Ids and codes only. */
export async function auditOnlineRequest(
  trx: Trx,
  ctx: Pick<Ctx, 'actor' | 'requestId'>,
  registered: Extract<OnlineRequestResult, { kind: 'registered' }>,
): Promise<void> {
  await recordEvent(trx, ctx, {
    action: 'access.register',
    recordType: 'access',
    recordId: registered.accessId,
    details: {
      channel: 'online_request',
      officeId: registered.officeId,
      code: registered.code,
      requestIds: [registered.requestId],
    },
  });
}

/** Where an access stands, for the resident's status lookup (no operator detail). */
export async function onlineAccessStatus(
  trx: Trx,
  tenantId: string,
  accessId: string,
): Promise<{ status: string; closedAt: Date | null } | undefined> {
  const row = await repo.findAccess(trx, tenantId, accessId);
  return row ? { status: row.status, closedAt: row.closed_at } : undefined;
}
