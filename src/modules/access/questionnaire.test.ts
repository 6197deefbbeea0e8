import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOperator, buildTenant, operatorCtx, type TestTenant } from '../../../test/support/factories.ts';
import type { Db } from '../../platform/db/database.ts';
import { SMALL } from './interview.fixture.ts';
import { DEMO_QUESTIONNAIRE } from './questionnaire.demo.ts';
import {
  getQuestionnaireVersion,
  listQuestionnaires,
  publishQuestionnaire,
  seedDemoQuestionnaire,
} from './questionnaire.service.ts';
import { validateAnswers, validateDefinition } from './questionnaire.validation.ts';

const t = (s: string) => ({ it: s, en: s });

describe('validateDefinition', () => {
  it('accepts a well-formed definition and the demo questionnaire', () => {
    expect(validateDefinition(SMALL)).toEqual([]);
    expect(validateDefinition(DEMO_QUESTIONNAIRE)).toEqual([]);
  });

  it('names duplicate ids, choice questions without options, bad types and showIf to a later question', () => {
    const bad = {
      title: t('X'),
      sections: [
        {
          id: 's1',
          title: t('S'),
          questions: [
            { id: 'a', type: 'yes_no', label: t('A'), required: true, showIf: { question: 'b', equals: true } },
            { id: 'a', type: 'text', label: t('A2'), required: false },
            { id: 'b', type: 'single_choice', label: t('B'), required: true },
            { id: 'c', type: 'slider', label: t('C'), required: true },
            { id: 'd', type: 'text', label: t('D'), required: true, showIf: { question: 'a', equals: 'maybe' } },
          ],
        },
      ],
    };
    expect(validateDefinition(bad)).toEqual([
      { field: '/definition/sections/0/questions/0/showIf/question', code: 'notAnEarlierQuestion' },
      { field: '/definition/sections/0/questions/1/id', code: 'duplicateId' },
      { field: '/definition/sections/0/questions/2/options', code: 'atLeastTwoOptions' },
      { field: '/definition/sections/0/questions/3/type', code: 'badType' },
      { field: '/definition/sections/0/questions/4/showIf/equals', code: 'notAPossibleAnswer' },
    ]);
    expect(validateDefinition({ title: t('X'), sections: [] })).toEqual([
      { field: '/definition/sections', code: 'required' },
    ]);
  });
});

describe('validateAnswers', () => {
  it('requires shown required questions and accepts a complete set', () => {
    expect(validateAnswers(SMALL, {}).errors).toEqual([{ field: '/answers/lavora', code: 'required' }]);
    expect(validateAnswers(SMALL, { lavora: true }).errors).toEqual([{ field: '/answers/dove', code: 'required' }]);
    const ok = validateAnswers(SMALL, { lavora: true, dove: 'Bar', aiuti: ['cibo'], quanti: 2, quando: '2026-02-28' });
    expect(ok.errors).toEqual([]);
    expect(ok.clean).toEqual({ lavora: true, dove: 'Bar', aiuti: ['cibo'], quanti: 2, quando: '2026-02-28' });
  });

  it('refuses answers to hidden questions, unknown questions, wrong types and options', () => {
    const { errors } = validateAnswers(SMALL, {
      lavora: false,
      dove: 'Bar',
      aiuti: ['casa', 'auto'],
      quando: '2026-02-30',
      extra: 1,
    });
    expect(errors).toEqual([
      { field: '/answers/extra', code: 'unknownQuestion' },
      { field: '/answers/dove', code: 'notShown' },
      { field: '/answers/aiuti', code: 'notAnOption' },
      { field: '/answers/quando', code: 'notADate' },
    ]);
    expect(validateAnswers(SMALL, { lavora: 'sì', aiuti: ['casa'], quanti: 3 }).errors).toEqual([
      { field: '/answers/lavora', code: 'notYesNo' },
      { field: '/answers/quanti', code: 'notShown' },
    ]);
  });
});

describe('publishing questionnaires', () => {
  let db: Db;
  let tenant: TestTenant;
  let admin: Awaited<ReturnType<typeof buildOperator>>;
  beforeAll(async () => {
    ({ db } = await freshDatabase());
    tenant = await buildTenant(db);
    admin = await buildOperator(db, tenant, 'admin');
  });

  it('creates version N+1, keeps the old one, and lists only the current version', async () => {
    const ctx = operatorCtx(db, admin);
    const v1 = await publishQuestionnaire(ctx, 'breve', SMALL);
    const changed = { ...SMALL, title: t('Breve 2') };
    const v2 = await publishQuestionnaire(ctx, 'breve', changed);
    expect(v1).toMatchObject({ kind: 'published', questionnaire: { version: 1 } });
    expect(v2).toMatchObject({ kind: 'published', questionnaire: { version: 2, title: { it: 'Breve 2' } } });
    expect((await getQuestionnaireVersion(ctx, 'breve', 1)).title.it).toBe('Breve');
    const current = await listQuestionnaires(ctx);
    expect(current.map((q) => [q.code, q.version])).toEqual([['breve', 2]]);
    const audit = await db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'questionnaire.publish')
      .where('tenant_id', '=', tenant.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.details)).toEqual([
      { code: 'breve', version: 1 },
      { code: 'breve', version: 2 },
    ]);
  });

  it('answers invalid with the fields, and writes nothing', async () => {
    const result = await publishQuestionnaire(operatorCtx(db, admin), 'Bad Code', { title: t('X'), sections: [] });
    expect(result).toEqual({
      kind: 'invalid',
      errors: [
        { field: '/code', code: 'badCode' },
        { field: '/definition/sections', code: 'required' },
      ],
    });
  });

  it('seeds the demo questionnaire once per tenant', async () => {
    await seedDemoQuestionnaire(db);
    await seedDemoQuestionnaire(db);
    const rows = await db
      .selectFrom('questionnaire_version')
      .select(['version', 'title_it', 'title_en'])
      .where('tenant_id', '=', tenant.id)
      .where('code', '=', 'colloquio-segretariato')
      .execute();
    expect(rows).toEqual([
      { version: 1, title_it: 'Colloquio di segretariato sociale', title_en: 'Social secretariat interview' },
    ]);
  });
});
