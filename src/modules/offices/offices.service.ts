import type { Ctx } from '../../platform/context.ts';
import { type Db, withTenant } from '../../platform/db/database.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { romeWeekdayAndTime } from '../../platform/time.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import { officesPermissions } from './offices.policy.ts';
import * as repo from './offices.repository.ts';

export interface OpeningHours {
  weekday: number;
  opens: string;
  closes: string;
}

export interface Office {
  id: string;
  code: string;
  name: string;
  kind: 'central' | 'neighbourhood';
  address: { street: string; postcode: string | null; city: string };
  phone: string | null;
  email: string | null;
  /** Fields whose value is invented demo data. */
  demoValues: string[];
  hours: OpeningHours[];
}

const hhmm = (t: string) => t.slice(0, 5);

function present(o: repo.OfficeRow, hours: repo.HoursRow[]): Office {
  return {
    id: o.id,
    code: o.code,
    name: o.name,
    kind: o.kind,
    address: { street: o.street, postcode: o.postcode, city: o.city },
    phone: o.phone,
    email: o.email,
    demoValues: o.demo_values,
    hours: hours
      .filter((h) => h.office_id === o.id)
      .map((h) => ({ weekday: h.weekday, opens: hhmm(h.opens), closes: hhmm(h.closes) })),
  };
}

async function officesWithHours(trx: Parameters<typeof repo.listOffices>[0], tenantId: string) {
  const offices = await repo.listOffices(trx, tenantId);
  const hours = await repo.listHours(
    trx,
    tenantId,
    offices.map((o) => o.id),
  );
  return offices.map((o) => present(o, hours));
}

/** For the public site: no actor, no personal data. */
export async function listPublicOffices(db: Db, tenantId: string): Promise<Office[]> {
  if (!tenantId) return [];
  return withTenant(db, tenantId, (trx) => officesWithHours(trx, tenantId));
}

export async function listOfficesFor(ctx: Ctx): Promise<Office[]> {
  const actor = ctx.actor;
  if (!roleMay(officesPermissions, actor, 'office.read')) throw new Forbidden('office.read');
  return withTenant(ctx.db, actor.tenantId, (trx) => officesWithHours(trx, actor.tenantId));
}

/**
 * One office of the actor's tenant. Another tenant's office is invisible under row-level security,
 * so it is reported as not found — and the attempt is on record.
 */
export async function getOffice(ctx: Ctx, id: string): Promise<Office> {
  const actor = ctx.actor;
  if (!roleMay(officesPermissions, actor, 'office.read')) {
    await recordDenied(ctx, { action: 'office.read', recordType: 'office', recordId: id });
    throw new Forbidden('office.read');
  }
  const found = isUuid(id)
    ? await withTenant(ctx.db, actor.tenantId, async (trx) => {
        const office = await repo.findOffice(trx, actor.tenantId, id);
        if (!office) return undefined;
        const hours = await repo.listHours(trx, actor.tenantId, [id]);
        // Audit last: appending holds the chain's lock until commit, so nothing else should follow it.
        await recordEvent(trx, ctx, { action: 'office.read', recordType: 'office', recordId: id });
        return present(office, hours);
      })
    : undefined;
  if (!found) {
    await recordDenied(ctx, {
      action: 'office.read',
      recordType: 'office',
      recordId: id.slice(0, 64),
      details: { reason: 'not-found' },
    });
    throw new NotFound('office');
  }
  return found;
}

export interface OfficeToday {
  office: Office;
  openNow: boolean;
  todayHours: OpeningHours[];
}

/**
 * The operator's home: each of their offices with today's hours. Today's accesses come from the
 * access register, composed on the home page (site), so offices does not depend on access.
 */
export async function officesToday(ctx: Ctx): Promise<OfficeToday[]> {
  const actor = ctx.actor;
  if (!roleMay(officesPermissions, actor, 'office.today')) {
    await recordDenied(ctx, { action: 'office.today' });
    throw new Forbidden('office.today');
  }
  const now = romeWeekdayAndTime(ctx.clock.now());
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const all = await officesWithHours(trx, actor.tenantId);
    // Coordinators and admins without an assigned office oversee every office; others see their own.
    const overseesAll = actor.officeIds.length === 0 && (actor.role === 'admin' || actor.role === 'coordinator');
    const mine = overseesAll ? all : all.filter((o) => actor.officeIds.includes(o.id));
    for (const o of mine) {
      await recordEvent(trx, ctx, {
        action: 'office.today',
        recordType: 'office',
        recordId: o.id,
        details: { date: now.date },
      });
    }
    return mine.map((office) => {
      const todayHours = office.hours.filter((h) => h.weekday === now.weekday);
      const openNow = todayHours.some((h) => h.opens <= now.time && now.time < h.closes);
      return { office, openNow, todayHours };
    });
  });
}
