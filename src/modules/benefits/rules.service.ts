import type { Ctx } from '../../platform/context.ts';
import { asSystem, type Db, withTenant } from '../../platform/db/database.ts';
import { Forbidden } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { startOfRomeDay } from '../../platform/time.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import { benefitsPermissions } from './benefits.policy.ts';
import { evaluateAll, measuresInEffect, SEED_RULE_SETS } from './rules.catalogue.ts';
import type { Evaluation } from './rules.engine.ts';
import * as repo from './rules.repository.ts';
import type { Inputs, RuleSetDefinition } from './rules.types.ts';
import { type RuleError, validateRuleSet } from './rules.validate.ts';

export type { RuleSetRow } from './rules.repository.ts';

export interface PublishInput {
  effectiveFrom: string;
  effectiveTo?: string | null;
  definition: unknown;
}

export type PublishResult = { kind: 'published'; ruleSet: repo.RuleSetRow } | { kind: 'invalid'; errors: RuleError[] };

/** Every version of every measure (reference data, no personal data: readable by anyone). */
export async function listRuleSets(db: Db, tenantId: string, measure?: string): Promise<repo.RuleSetRow[]> {
  return withTenant(db, tenantId, (trx) => repo.listVersions(trx, tenantId, measure));
}

/** The version of each measure in effect on a day. */
export async function ruleSetsInEffect(db: Db, tenantId: string, day: string): Promise<repo.RuleSetRow[]> {
  return measuresInEffect(await listRuleSets(db, tenantId), day) as repo.RuleSetRow[];
}

/** Anonymous evaluation (the resident's self-check, the public API): nothing is stored. */
export async function evaluateMeasures(db: Db, tenantId: string, inputs: Inputs, day: string): Promise<Evaluation[]> {
  return evaluateAll(await listRuleSets(db, tenantId), inputs, day);
}

/**
 * Publishes version N+1 of a measure's rules (admins only), after validating it and running its own
 * test table. Earlier versions are never changed: they keep deciding the days of their period.
 */
export async function publishRuleSet(ctx: Ctx, input: PublishInput): Promise<PublishResult> {
  const actor = ctx.actor;
  if (!roleMay(benefitsPermissions, actor, 'benefit_rules.publish')) {
    await recordDenied(ctx, { action: 'benefit_rules.publish', recordType: 'benefit_rule_set' });
    throw new Forbidden('benefit_rules.publish');
  }
  const errors = validateRuleSet(input.definition);
  if (!startOfRomeDay(input.effectiveFrom)) errors.push({ field: '/effectiveFrom', code: 'badDate' });
  const to = input.effectiveTo ?? null;
  if (to !== null && (!startOfRomeDay(to) || to < input.effectiveFrom)) {
    errors.push({ field: '/effectiveTo', code: 'badDate' });
  }
  if (errors.length > 0) return { kind: 'invalid', errors };
  const definition = input.definition as RuleSetDefinition;
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    await repo.lockMeasure(trx, actor.tenantId, definition.measure);
    const version = (await repo.latestVersionNumber(trx, actor.tenantId, definition.measure)) + 1;
    const id = newId();
    await repo.insertVersion(trx, {
      id,
      tenantId: actor.tenantId,
      version,
      effectiveFrom: input.effectiveFrom,
      effectiveTo: to,
      definition,
      publishedAt: ctx.clock.now(),
      publishedBy: actor.userId,
    });
    const row = await repo.findVersionById(trx, actor.tenantId, id);
    if (!row) throw new Error('rule set vanished');
    await recordEvent(trx, ctx, {
      action: 'benefit_rules.publish',
      recordType: 'benefit_rule_set',
      recordId: id,
      details: { measure: definition.measure, version, effectiveFrom: input.effectiveFrom },
    });
    return { kind: 'published', ruleSet: row };
  });
}

/** Publishes the seed rule sets into a tenant for every measure it has no version of (idempotent). */
export async function seedRuleSets(db: Db, tenantId: string): Promise<void> {
  await asSystem(db, async (trx) => {
    const existing = new Set((await repo.listVersions(trx, tenantId)).map((v) => v.measure));
    const toSeed = SEED_RULE_SETS.filter((s) => !existing.has(s.definition.measure));
    const seeded = toSeed.map((s) => ({ ...s, id: newId() }));
    for (const s of seeded) {
      await repo.insertVersion(trx, { ...s, tenantId, publishedAt: new Date(), publishedBy: null });
    }
    // Audit last: the audit chain lock is held until commit.
    for (const s of seeded) {
      await recordEvent(
        trx,
        { actor: { kind: 'system', tenantId }, requestId: 'benefits-seed' },
        {
          action: 'benefit_rules.publish',
          recordType: 'benefit_rule_set',
          recordId: s.id,
          details: { measure: s.definition.measure, version: s.version, effectiveFrom: s.effectiveFrom },
        },
      );
    }
  });
}
