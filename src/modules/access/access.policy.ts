import { type Operator, ROLES } from '../../platform/context.ts';
import { definePermissions } from '../../platform/policy.ts';

/** Staff who work the front door with residents. */
const FRONT_DOOR = ['coordinator', 'social_worker', 'front_office'] as const;

/**
 * The access register holds who came, when and why: personal data. Only the front door reads and
 * writes it; administrators, researchers and auditors get the taxonomy, aggregates and the log.
 */
export const accessPermissions = definePermissions({
  'access.register': FRONT_DOOR,
  'access.read': FRONT_DOOR,
  'access.list': FRONT_DOOR,
  // The need taxonomy is reference data, not personal data: all staff read it, only an admin edits it.
  // Partner users (external organizations) use only the partner area.
  'taxonomy.read': ROLES.filter((r) => r !== 'partner'),
  'taxonomy.publish': ['admin'],
  // Care/control indicators are aggregates: coordinators (their offices) and researchers (small cells suppressed).
  'indicator.read': ['coordinator', 'researcher'],
});

/**
 * The offices whose accesses an operator reaches: their assigned offices; a coordinator with none
 * assigned oversees every office (as on the operator home page); other roles with none reach none.
 */
export function officeScope(actor: Operator): 'all' | readonly string[] {
  if (actor.officeIds.length === 0 && actor.role === 'coordinator') return 'all';
  return actor.officeIds;
}

export const inOfficeScope = (actor: Operator, officeId: string): boolean => {
  const scope = officeScope(actor);
  return scope === 'all' || scope.includes(officeId);
};
