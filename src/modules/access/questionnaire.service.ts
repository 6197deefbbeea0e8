import type { Ctx, Operator } from '../../platform/context.ts';
import { isOperator } from '../../platform/context.ts';
import { type Db, withTenant } from '../../platform/db/database.ts';
import { Forbidden, NotFound, Unauthenticated } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import { accessPermissions } from './access.policy.ts';
import { interviewPermissions } from './interview.policy.ts';
import { DEMO_QUESTIONNAIRE, DEMO_QUESTIONNAIRE_CODE } from './questionnaire.demo.ts';
import * as repo from './questionnaire.repository.ts';
import { type FieldError, type QuestionnaireDefinition, validateDefinition } from './questionnaire.validation.ts';

export interface QuestionnaireVersion {
  id: string;
  code: string;
  version: number;
  title: { it: string; en: string };
  definition: QuestionnaireDefinition;
  publishedAt: string;
}

export type PublishResult =
  | { kind: 'published'; questionnaire: QuestionnaireVersion }
  | { kind: 'invalid'; errors: FieldError[] };

const CODE = /^[a-z0-9_.-]{2,60}$/;

export function presentQuestionnaire(row: repo.QuestionnaireRow): QuestionnaireVersion {
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    title: { it: row.title_it, en: row.title_en },
    definition: row.definition as QuestionnaireDefinition,
    publishedAt: row.published_at.toISOString(),
  };
}

function operator(ctx: Ctx): Operator {
  if (!isOperator(ctx.actor)) throw new Unauthenticated();
  return ctx.actor;
}

/** Questionnaire definitions are front-door reference data, read like the need taxonomy (staff, not partners). */
async function reader(ctx: Ctx): Promise<Operator> {
  const actor = operator(ctx);
  if (!roleMay(accessPermissions, actor, 'taxonomy.read')) {
    await recordDenied(ctx, { action: 'taxonomy.read', recordType: 'questionnaire' });
    throw new Forbidden('taxonomy.read');
  }
  return actor;
}

/**
 * Publishes version N+1 of a questionnaire (admins only). Published versions are never edited:
 * interviews keep the version they used.
 */
export async function publishQuestionnaire(ctx: Ctx, code: string, definition: unknown): Promise<PublishResult> {
  const actor = ctx.actor;
  if (!roleMay(interviewPermissions, actor, 'questionnaire.publish')) {
    await recordDenied(ctx, { action: 'questionnaire.publish', recordType: 'questionnaire_version' });
    throw new Forbidden('questionnaire.publish');
  }
  const errors = CODE.test(code) ? [] : [{ field: '/code', code: 'badCode' }];
  errors.push(...validateDefinition(definition));
  if (errors.length > 0) return { kind: 'invalid', errors };
  const def = definition as QuestionnaireDefinition;
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    await repo.lockCode(trx, actor.tenantId, code);
    const version = (await repo.latestVersionNumber(trx, actor.tenantId, code)) + 1;
    const id = newId();
    await repo.insertVersion(trx, {
      id,
      tenantId: actor.tenantId,
      code,
      version,
      titleIt: def.title.it,
      titleEn: def.title.en,
      definition: def,
      publishedAt: ctx.clock.now(),
      publishedBy: actor.userId,
    });
    await recordEvent(trx, ctx, {
      action: 'questionnaire.publish',
      recordType: 'questionnaire_version',
      recordId: id,
      details: { code, version },
    });
    const row = await repo.findById(trx, actor.tenantId, id);
    if (!row) throw new Error('questionnaire version vanished');
    return { kind: 'published', questionnaire: presentQuestionnaire(row) };
  });
}

/** The current version of every questionnaire (definitions hold no personal data: any operator). */
export async function listQuestionnaires(ctx: Ctx): Promise<QuestionnaireVersion[]> {
  const actor = await reader(ctx);
  const rows = await withTenant(ctx.db, actor.tenantId, (trx) => repo.listCurrent(trx, actor.tenantId));
  return rows.map(presentQuestionnaire);
}

export async function getQuestionnaireVersion(ctx: Ctx, code: string, version: number): Promise<QuestionnaireVersion> {
  const actor = await reader(ctx);
  const row = await withTenant(ctx.db, actor.tenantId, (trx) => repo.findVersion(trx, actor.tenantId, code, version));
  if (!row) throw new NotFound('Questionnaire version');
  return presentQuestionnaire(row);
}

/** Every version of every questionnaire (definitions hold no personal data: any operator). */
export async function listQuestionnaireVersions(ctx: Ctx): Promise<QuestionnaireVersion[]> {
  const actor = await reader(ctx);
  const rows = await withTenant(ctx.db, actor.tenantId, (trx) => repo.listAll(trx, actor.tenantId));
  return rows.map(presentQuestionnaire);
}

/** One published version by id (the interview form posts the version it rendered). */
export async function getQuestionnaireById(ctx: Ctx, id: string): Promise<QuestionnaireVersion | undefined> {
  const actor = await reader(ctx);
  if (!isUuid(id)) return undefined;
  const row = await withTenant(ctx.db, actor.tenantId, (trx) => repo.findById(trx, actor.tenantId, id));
  return row ? presentQuestionnaire(row) : undefined;
}

/** Seeds `colloquio-segretariato` v1 into every tenant that has no version of it yet (idempotent). */
export async function seedDemoQuestionnaire(db: Db): Promise<void> {
  const errors = validateDefinition(DEMO_QUESTIONNAIRE);
  if (errors.length > 0) throw new Error(`demo questionnaire invalid: ${JSON.stringify(errors)}`);
  for (const tenantId of await repo.tenantsWithout(db, DEMO_QUESTIONNAIRE_CODE)) {
    await withTenant(db, tenantId, async (trx) => {
      const id = newId();
      await repo.insertVersion(trx, {
        id,
        tenantId,
        code: DEMO_QUESTIONNAIRE_CODE,
        version: 1,
        titleIt: DEMO_QUESTIONNAIRE.title.it,
        titleEn: DEMO_QUESTIONNAIRE.title.en,
        definition: DEMO_QUESTIONNAIRE,
        publishedAt: new Date(),
        publishedBy: null,
      });
      await recordEvent(
        trx,
        { actor: { kind: 'system', tenantId }, requestId: 'demo-seed' },
        {
          action: 'questionnaire.publish',
          recordType: 'questionnaire_version',
          recordId: id,
          details: { code: DEMO_QUESTIONNAIRE_CODE, version: 1 },
        },
      );
    });
  }
}
