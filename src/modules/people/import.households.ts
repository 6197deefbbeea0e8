import type { Ctx } from '../../platform/context.ts';
import type { Trx } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { recordEvent } from '../audit/index.ts';
import * as repo from './import.repository.ts';
import type { Relationship } from './import.rows.ts';

export interface FamilyMember {
  personId: string;
  relationship: Relationship;
  /** data_iscrizione: when a newcomer joins. */
  since: string | null;
}

export interface HouseholdCounts {
  created: number;
  joined: number;
  left: number;
}

/**
 * The register family (codice_famiglia) becomes our household without a stored register code: the
 * household whose current reference person is the family's intestatario, else the one in which the
 * family's members are at least half of the current members, else a new one. Neither rule depends
 * on the order of the file, and a household goes to one register family per run (`claimed`), so a
 * family that split in the register splits here too. Re-running finds everyone where they are and
 * changes nothing.
 */
async function targetOf(
  trx: Trx,
  members: FamilyMember[],
  current: Map<string, repo.Membership>,
  claimed: Set<string>,
): Promise<string | undefined> {
  const reference = members.find((m) => m.relationship === 'reference');
  const held = reference ? current.get(reference.personId) : undefined;
  if (held?.relationship === 'reference' && !claimed.has(held.household_id)) return held.household_id;
  const votes = new Map<string, number>();
  for (const m of members) {
    const h = current.get(m.personId)?.household_id;
    if (h && !claimed.has(h)) votes.set(h, (votes.get(h) ?? 0) + 1);
  }
  const sizes = await repo.currentSizes(trx, [...votes.keys()]);
  return [...votes.entries()].find(([h, n]) => n * 2 >= (sizes.get(h) ?? 0))?.[0];
}

/**
 * Brings one register family into line: members living elsewhere (or recorded with another
 * relationship) leave their current row on `today` and join with the register's relationship;
 * newcomers join from data_iscrizione. Members we hold but the register does not list stay — the
 * ISEE household can include people the register family does not — except a reference person who is
 * no longer in the family, who gives way to the register's one.
 */
export async function syncFamily(
  trx: Trx,
  ctx: Pick<Ctx, 'actor' | 'requestId'>,
  tenantId: string,
  members: FamilyMember[],
  claimed: Set<string>,
  at: { now: Date; today: string },
): Promise<HouseholdCounts> {
  const memberships = await repo.currentMemberships(
    trx,
    tenantId,
    members.map((m) => m.personId),
  );
  const current = new Map(memberships.map((m) => [m.person_id, m]));
  let household = await targetOf(trx, members, current, claimed);
  const created = household === undefined;
  if (!household) {
    household = newId();
    await repo.insertHousehold(trx, tenantId, household, at.now);
  }
  claimed.add(household);

  const closing: repo.Membership[] = [];
  const joining: FamilyMember[] = [];
  for (const m of members) {
    const now = current.get(m.personId);
    if (now?.household_id === household && now.relationship === m.relationship) continue;
    if (now) closing.push(now);
    joining.push(m);
  }
  if (joining.some((m) => m.relationship === 'reference')) {
    const reference = await repo.currentReference(trx, household);
    if (reference && !closing.some((c) => c.id === reference.id)) closing.push(reference);
  }
  await repo.closeMemberships(
    trx,
    closing.map((c) => c.id),
    at.today,
  );
  await repo.insertMemberships(
    trx,
    joining.map((m) => ({
      id: newId(),
      tenant_id: tenantId,
      household_id: household,
      person_id: m.personId,
      relationship: m.relationship,
      joined_on: current.has(m.personId) ? at.today : (m.since ?? at.today),
    })),
  );

  const touched = new Map<string, { joined: string[]; left: string[] }>();
  const entry = (h: string) => {
    const found = touched.get(h) ?? { joined: [], left: [] };
    touched.set(h, found);
    return found;
  };
  for (const c of closing) entry(c.household_id).left.push(c.person_id);
  for (const j of joining) entry(household).joined.push(j.personId);
  await repo.bumpHouseholds(
    trx,
    [...touched.keys()].filter((h) => h !== household || !created),
  );
  for (const [id, change] of touched) {
    await recordEvent(trx, ctx, {
      action: id === household && created ? 'household.create' : 'household.update',
      recordType: 'household',
      recordId: id,
      details: { source: 'import', joined: change.joined, left: change.left },
    });
  }
  return { created: created ? 1 : 0, joined: joining.length, left: closing.length };
}
