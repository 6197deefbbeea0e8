import type { Ctx } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { NotFound } from '../../platform/errors.ts';
import { recordEvent } from '../audit/index.ts';
import { refreshSearch } from './hsds.repository.ts';
import * as places from './places.repository.ts';
import * as repo from './upkeep.repository.ts';
import { type FieldError, manager } from './upkeep.service.ts';

export const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const PHONE = /^[0-9+][0-9 ()./-]{3,29}$/;

export interface LocationRow {
  id: string;
  name: string;
  address: string;
  postal: string;
  city: string;
  province: string;
  remove: boolean;
}
export interface PhoneRow {
  id: string;
  number: string;
  description: string;
  remove: boolean;
}
export interface HourRow {
  id: string;
  days: string[];
  opens: string;
  closes: string;
  remove: boolean;
}
export interface PlacesForm {
  locations: LocationRow[];
  phones: PhoneRow[];
  hours: HourRow[];
}

const blank = (r: Record<string, unknown>) =>
  Object.entries(r).every(([k, v]) => k === 'remove' || (Array.isArray(v) ? v.length === 0 : v === ''));
/** The rows that count: not removed and not an empty new row. */
export const kept = <T extends { id: string; remove: boolean }>(rows: T[]) =>
  rows.filter((r) => !r.remove && !(r.id === '' && blank(r as unknown as Record<string, unknown>)));

export function validatePhones(rows: PhoneRow[], errors: FieldError[], prefix = 'phone'): void {
  rows.forEach((p, i) => {
    if (p.remove || (p.id === '' && blank(p as unknown as Record<string, unknown>))) return;
    if (!p.number.trim()) errors.push({ field: `${prefix}-${i}-number`, code: 'required' });
    else if (!PHONE.test(p.number.trim())) errors.push({ field: `${prefix}-${i}-number`, code: 'invalid' });
    if (p.description.length > 200) errors.push({ field: `${prefix}-${i}-description`, code: 'tooLong' });
  });
}

export function validateHours(rows: HourRow[], errors: FieldError[], prefix = 'hours'): void {
  rows.forEach((h, i) => {
    if (h.remove || (h.id === '' && blank(h as unknown as Record<string, unknown>))) return;
    if (h.days.length === 0 || h.days.some((d) => !(DAYS as readonly string[]).includes(d)))
      errors.push({ field: `${prefix}-${i}-days`, code: 'days' });
    const opens = TIME.test(h.opens);
    const closes = TIME.test(h.closes);
    if (!opens) errors.push({ field: `${prefix}-${i}-opens`, code: 'time' });
    if (!closes) errors.push({ field: `${prefix}-${i}-closes`, code: 'time' });
    if (opens && closes && h.closes <= h.opens) errors.push({ field: `${prefix}-${i}-closes`, code: 'order' });
  });
}

function validateLocations(rows: LocationRow[], errors: FieldError[]): void {
  rows.forEach((l, i) => {
    if (l.remove || (l.id === '' && blank(l as unknown as Record<string, unknown>))) return;
    if (!l.address.trim()) errors.push({ field: `loc-${i}-address`, code: 'required' });
    else if (l.address.length > 200) errors.push({ field: `loc-${i}-address`, code: 'tooLong' });
    if (l.name.length > 200) errors.push({ field: `loc-${i}-name`, code: 'tooLong' });
    if (!/^\d{5}$/.test(l.postal.trim())) errors.push({ field: `loc-${i}-postal`, code: 'invalid' });
    if (!l.city.trim()) errors.push({ field: `loc-${i}-city`, code: 'required' });
    else if (l.city.length > 100) errors.push({ field: `loc-${i}-city`, code: 'tooLong' });
    if (!/^[A-Za-z]{2}$/.test(l.province.trim())) errors.push({ field: `loc-${i}-province`, code: 'invalid' });
  });
}

/** Days in the week's order, as HSDS byday writes them ("MO,TU"). */
export const byday = (days: string[]) => DAYS.filter((d) => days.includes(d)).join(',');
export const hoursText = (rows: { byday: string; opens: string; closes: string }[]) =>
  rows.map((h) => `${h.byday} ${h.opens}-${h.closes}`).join('; ');
const phonesText = (rows: { number: string; description: string }[]) =>
  rows.map((p) => (p.description ? `${p.number} (${p.description})` : p.number)).join('; ');
const locationsText = (rows: { name: string; address: string; postal: string; city: string; province: string }[]) =>
  rows.map((l) => [l.name, l.address, l.postal, l.city, l.province].filter(Boolean).join(', ')).join('; ');

/** A service's places, phones and weekly hours as the form shows them. */
export async function placesForEdit(ctx: Ctx, id: string) {
  const actor = await manager(ctx, id);
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const s = await repo.serviceForUpdate(trx, id);
    if (!s) throw new NotFound('service');
    const form: PlacesForm = {
      locations: (await places.locationsOf(trx, id)).map(({ address_id: _a, ...l }) => ({ ...l, remove: false })),
      phones: (await places.phonesOf(trx, id)).map((p) => ({ ...p, remove: false })),
      hours: (await places.hoursOf(trx, id)).map((h) => ({
        id: h.id,
        days: h.byday.split(',').filter(Boolean),
        opens: h.opens,
        closes: h.closes,
        remove: false,
      })),
    };
    return { id, version: s.version, name: typeof s.data.name === 'string' ? s.data.name : '', form };
  });
}

export type PlacesResult = { kind: 'saved' } | { kind: 'invalid'; errors: FieldError[] } | { kind: 'conflict' };

/**
 * Saves a service's places, phones and hours together if the service is still at `version`: edited rows
 * are updated, removed ones deleted (a place is only unlinked), new ones added. One HSDS metadata row per
 * list that changed (before/after as text); audited with the list names only. All or nothing.
 */
export async function savePlaces(ctx: Ctx, id: string, version: number, form: PlacesForm): Promise<PlacesResult> {
  const actor = await manager(ctx, id);
  const now = ctx.clock.now();
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const s = await repo.serviceForUpdate(trx, id);
    if (!s) throw new NotFound('service');
    const errors: FieldError[] = [];
    validateLocations(form.locations, errors);
    validatePhones(form.phones, errors);
    validateHours(form.hours, errors);
    const before = {
      locations: await places.locationsOf(trx, id),
      phones: await places.phonesOf(trx, id),
      hours: await places.hoursOf(trx, id),
    };
    // A row id the service does not have (tampered or stale form) is an error, not a silent insert.
    const unknown = (rows: { id: string }[], known: { id: string }[], prefix: string, field: string) =>
      rows.forEach((r, i) => {
        if (r.id && !known.some((k) => k.id === r.id))
          errors.push({ field: `${prefix}-${i}-${field}`, code: 'invalid' });
      });
    unknown(form.locations, before.locations, 'loc', 'address');
    unknown(form.phones, before.phones, 'phone', 'number');
    unknown(form.hours, before.hours, 'hours', 'opens');
    if (errors.length) return { kind: 'invalid', errors };
    const locations = kept(form.locations).map((l) => ({
      ...l,
      name: l.name.trim(),
      address: l.address.trim(),
      postal: l.postal.trim(),
      city: l.city.trim(),
      province: l.province.trim().toUpperCase(),
    }));
    const phones = kept(form.phones).map((p) => ({ ...p, number: p.number.trim(), description: p.description.trim() }));
    const hours = kept(form.hours).map((h) => ({ id: h.id, byday: byday(h.days), opens: h.opens, closes: h.closes }));
    const changes = [
      { field: 'locations', before: locationsText(before.locations), after: locationsText(locations) },
      { field: 'phones', before: phonesText(before.phones), after: phonesText(phones) },
      { field: 'schedules', before: hoursText(before.hours), after: hoursText(hours) },
    ].filter((c) => c.before !== c.after);
    if (changes.length === 0) return { kind: 'saved' };
    const real = changes.flatMap((c) => (c.field === 'phones' ? ['phone'] : c.field === 'schedules' ? ['hours'] : []));
    if (!(await places.touchService(trx, id, version, now, real))) return { kind: 'conflict' };
    for (const l of form.locations) if (l.id && l.remove) await places.unlinkLocation(trx, id, l.id);
    for (const [i, l] of locations.entries()) {
      const stored = before.locations.find((b) => b.id === l.id);
      if (stored) await places.updateLocation(trx, actor.tenantId, { ...l, address_id: stored.address_id }, now);
      else
        await places.addLocation(
          trx,
          actor.tenantId,
          id,
          (s.organization_id as string | null) ?? null,
          { ...l, address_id: null },
          before.locations.length + i,
          now,
        );
    }
    for (const p of form.phones) if (p.id && p.remove) await places.deletePhone(trx, id, p.id);
    for (const [i, p] of phones.entries()) await places.savePhone(trx, actor.tenantId, id, p, i, now);
    for (const h of form.hours) if (h.id && h.remove) await places.deleteHour(trx, id, h.id);
    for (const [i, h] of hours.entries()) await places.saveHour(trx, actor.tenantId, id, h, i, now);
    await repo.recordChanges(trx, actor.tenantId, id, changes, actor.userId, now);
    await refreshSearch(trx, [id]);
    await recordEvent(trx, ctx, {
      action: 'directory.manage',
      recordType: 'service',
      recordId: id,
      details: { op: 'places', fields: changes.map((c) => c.field) },
    });
    return { kind: 'saved' };
  });
}
