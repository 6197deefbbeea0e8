import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import {
  buildOffice,
  buildOperator,
  buildTenant,
  operatorCtx,
  type TestOffice,
  type TestOperator,
  type TestTenant,
} from '../../../test/support/factories.ts';
import type { Db } from '../../platform/db/database.ts';
import { buildAccess, SMALL } from './interview.fixture.ts';
import { getInterviews, type InterviewInput, recordInterview, startInterview } from './interview.service.ts';
import { publishQuestionnaire } from './questionnaire.service.ts';

let db: Db;
let tenant: TestTenant;
let office: TestOffice;
let ops: Record<'admin' | 'social_worker' | 'front_office' | 'coordinator', TestOperator>;
let v1: string;
let v2: string;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  tenant = await buildTenant(db);
  office = await buildOffice(db, tenant);
  ops = {
    admin: await buildOperator(db, tenant, 'admin'),
    social_worker: await buildOperator(db, tenant, 'social_worker'),
    front_office: await buildOperator(db, tenant, 'front_office'),
    coordinator: await buildOperator(db, tenant, 'coordinator'),
  };
  const p1 = await publishQuestionnaire(operatorCtx(db, ops.admin), 'breve', SMALL);
  // Version 2 makes `dove` optional and adds nothing else.
  const second = structuredClone(SMALL);
  const dove = second.sections[0]?.questions[1];
  if (dove) dove.required = false;
  const p2 = await publishQuestionnaire(operatorCtx(db, ops.admin), 'breve', second);
  if (p1.kind !== 'published' || p2.kind !== 'published') throw new Error('fixture');
  v1 = p1.questionnaire.id;
  v2 = p2.questionnaire.id;
});

const base = (over: Partial<InterviewInput> = {}): InterviewInput => ({
  kind: 'immediate',
  startedAt: new Date(Date.now() - 30 * 60_000).toISOString(),
  durationMinutes: 25,
  helpAtFirstInterview: true,
  ...over,
});

const accessRow = (id: string) =>
  db
    .selectFrom('access')
    .select(['status', 'help_at_first_interview', 'version'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('recordInterview', () => {
  it('stores the answers with the version used, opens the access and records help at the first interview', async () => {
    const { accessId } = await buildAccess(db, tenant, office, ops.front_office);
    const sw = operatorCtx(db, ops.social_worker, undefined, [office.id]);
    await startInterview(sw, accessId);
    expect((await accessRow(accessId)).status).toBe('in_interview');
    const result = await recordInterview(
      sw,
      accessId,
      base({ questionnaireVersionId: v1, answers: { lavora: true, dove: 'Bar' }, confidentialSummary: 'Nota' }),
    );
    expect(result).toMatchObject({
      kind: 'recorded',
      interview: { questionnaire: { id: v1, code: 'breve', version: 1 }, answers: { lavora: true, dove: 'Bar' } },
    });
    expect(await accessRow(accessId)).toMatchObject({ status: 'open', help_at_first_interview: true });
    // A second interview does not rewrite what happened at the first.
    await recordInterview(sw, accessId, base({ kind: 'booked', helpAtFirstInterview: false }));
    expect(await accessRow(accessId)).toMatchObject({ status: 'open', help_at_first_interview: true });
    const audit = await db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'interview.conduct')
      .where('record_id', '=', accessId)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => (a.details as { first: boolean }).first)).toEqual([true, false]);
    expect(JSON.stringify(audit)).not.toContain('Bar');
  });

  it('validates answers against the version chosen, not the newest', async () => {
    const { accessId } = await buildAccess(db, tenant, office, ops.front_office);
    const sw = operatorCtx(db, ops.social_worker, undefined, [office.id]);
    // `dove` is required in v1, optional in v2.
    expect(
      await recordInterview(sw, accessId, base({ questionnaireVersionId: v1, answers: { lavora: true } })),
    ).toEqual({
      kind: 'invalid',
      errors: [{ field: '/answers/dove', code: 'required' }],
    });
    expect(
      await recordInterview(sw, accessId, base({ questionnaireVersionId: v2, answers: { lavora: true } })),
    ).toMatchObject({
      kind: 'recorded',
    });
    const stored = await db
      .selectFrom('interview')
      .select('questionnaire_version_id')
      .where('access_id', '=', accessId)
      .execute();
    expect(stored).toEqual([{ questionnaire_version_id: v2 }]);
  });

  it('keeps the version an interview used after a newer version is published', async () => {
    const { accessId } = await buildAccess(db, tenant, office, ops.front_office);
    const sw = operatorCtx(db, ops.social_worker, undefined, [office.id]);
    await recordInterview(sw, accessId, base({ questionnaireVersionId: v2, answers: { lavora: false } }));
    const v3 = await publishQuestionnaire(operatorCtx(db, ops.admin), 'breve', {
      ...SMALL,
      title: { it: 'Tre', en: 'Three' },
    });
    expect(v3).toMatchObject({ questionnaire: { version: 3 } });
    const [interview] = await getInterviews(sw, accessId);
    expect(interview?.questionnaire).toEqual({ id: v2, code: 'breve', version: 2 });
    expect(interview?.answers).toEqual({ lavora: false });
  });

  it('refuses hidden answers and bad input, writing nothing', async () => {
    const { accessId } = await buildAccess(db, tenant, office, ops.front_office);
    const sw = operatorCtx(db, ops.social_worker, undefined, [office.id]);
    const r = await recordInterview(
      sw,
      accessId,
      base({ questionnaireVersionId: v1, answers: { lavora: false, dove: 'X' }, durationMinutes: 0 }),
    );
    expect(r).toEqual({ kind: 'invalid', errors: [{ field: '/durationMinutes', code: 'outOfRange' }] });
    const r2 = await recordInterview(
      sw,
      accessId,
      base({ questionnaireVersionId: v1, answers: { lavora: false, dove: 'X' } }),
    );
    expect(r2).toEqual({ kind: 'invalid', errors: [{ field: '/answers/dove', code: 'notShown' }] });
    expect(await accessRow(accessId)).toMatchObject({ status: 'waiting', help_at_first_interview: null });
  });

  it('is for social workers only, and not on a closed access', async () => {
    const { accessId } = await buildAccess(db, tenant, office, ops.front_office);
    for (const role of ['front_office', 'coordinator', 'admin'] as const)
      await expect(
        recordInterview(operatorCtx(db, ops[role], undefined, [office.id]), accessId, base()),
      ).rejects.toMatchObject({
        status: 403,
      });
    const closed = await buildAccess(db, tenant, office, ops.front_office, { status: 'closed' });
    await expect(
      recordInterview(operatorCtx(db, ops.social_worker, undefined, [office.id]), closed.accessId, base()),
    ).rejects.toMatchObject({
      status: 409,
      code: 'access-closed',
    });
  });
});

describe('getInterviews', () => {
  it('shows the confidential summary to social workers only', async () => {
    const { accessId } = await buildAccess(db, tenant, office, ops.front_office);
    await recordInterview(
      operatorCtx(db, ops.social_worker, undefined, [office.id]),
      accessId,
      base({ confidentialSummary: 'Valutazione' }),
    );
    const [forWorker] = await getInterviews(operatorCtx(db, ops.social_worker, undefined, [office.id]), accessId);
    expect(forWorker?.confidentialSummary).toBe('Valutazione');
    for (const role of ['coordinator', 'front_office'] as const) {
      const list = await getInterviews(operatorCtx(db, ops[role], undefined, [office.id]), accessId);
      expect(list).toHaveLength(1);
      expect(list[0]).not.toHaveProperty('confidentialSummary');
      expect(JSON.stringify(list)).not.toContain('Valutazione');
    }
    await expect(getInterviews(operatorCtx(db, ops.admin), accessId)).rejects.toMatchObject({ status: 403 });
  });

  it("keeps an operator to their offices' accesses (404 elsewhere)", async () => {
    const other = await buildOffice(db, tenant);
    const { accessId } = await buildAccess(db, tenant, other, ops.front_office);
    const ctx = operatorCtx(db, ops.coordinator, undefined, [office.id]);
    await expect(getInterviews(ctx, accessId)).rejects.toMatchObject({ status: 404 });
    expect(await getInterviews(operatorCtx(db, ops.coordinator, undefined, [other.id]), accessId)).toEqual([]);
  });
});
