import { beforeAll, describe, expect, it } from 'vitest';
import { buildOperator, operatorCtx } from '../../../test/support/factories.ts';
import { accessWorld } from './access.fixture.ts';
import { getAccess } from './access.read.service.ts';
import { registerAccess } from './access.service.ts';
import { currentTaxonomy, type NeedAreaInput, publishTaxonomy, validateTaxonomy } from './taxonomy.service.ts';

let w: Awaited<ReturnType<typeof accessWorld>>;
let admin: ReturnType<typeof operatorCtx>;
beforeAll(async () => {
  w = await accessWorld();
  admin = operatorCtx(w.db, await buildOperator(w.db, w.tenant, 'admin'));
});

const V2: NeedAreaInput[] = [
  { code: 'families_minors', siussArea: 1, labelIt: 'Famiglie e minori', labelEn: 'Families and minors' },
  { code: 'poverty_exclusion', siussArea: 3, labelIt: 'Povertà ed esclusione', labelEn: 'Poverty and exclusion' },
  // housing renamed; school removed
  { code: 'housing', parentCode: 'poverty_exclusion', labelIt: 'Abitare', labelEn: 'Home' },
];

describe('need taxonomy versions', () => {
  it('keeps old records on the version they were recorded with when an admin publishes a new one', async () => {
    const before = await currentTaxonomy(w.ctx());
    expect(before.version).toBe(1);
    const old = await registerAccess(w.ctx(), {
      officeId: w.office.id,
      channel: 'walk_in',
      presentedBy: 'person',
      referrer: 'self',
      anonymous: {},
      requests: [
        { needAreaId: w.area.housing as string, reason: 'Casa' },
        { needAreaId: w.area.school as string, reason: 'Mensa' },
      ],
    });
    if (old.kind === 'invalid') throw new Error('invalid');

    const published = await publishTaxonomy(admin, V2, 'Casa diventa Abitare; Scuola tolta');
    expect(published.kind).toBe('published');
    const now = await currentTaxonomy(w.ctx());
    expect(now.version).toBe(2);
    expect(now.areas.map((a) => [a.code, a.labelIt, a.siussArea])).toEqual([
      ['families_minors', 'Famiglie e minori', 1],
      ['poverty_exclusion', 'Povertà ed esclusione', 3],
      ['housing', 'Abitare', 3],
    ]);

    const reread = await getAccess(w.ctx(), old.access.id);
    expect(reread.requests.map((r) => [r.needArea.code, r.needArea.labelIt, r.needArea.taxonomyVersion])).toEqual([
      ['housing', 'Casa', 1],
      ['school', 'Scuola', 1],
    ]);
    // Version 1 is still stored, untouched.
    const v1Areas = await w.db
      .selectFrom('need_area as a')
      .innerJoin('need_taxonomy_version as v', 'v.id', 'a.taxonomy_version_id')
      .select('a.code')
      .where('v.tenant_id', '=', w.tenant.id)
      .where('v.version', '=', 1)
      .execute();
    expect(v1Areas).toHaveLength(4);

    // New requests must use the current version: a version-1 area is refused.
    const stale = await registerAccess(w.ctx(), {
      officeId: w.office.id,
      channel: 'phone',
      presentedBy: 'person',
      referrer: 'self',
      requests: [{ needAreaId: w.area.school as string, reason: 'Mensa' }],
    });
    expect(stale).toEqual({ kind: 'invalid', errors: [{ field: 'requests.0.needAreaId', code: 'not-current' }] });
  });

  it('validates a taxonomy before publishing it', () => {
    expect(
      validateTaxonomy([
        { code: 'top', labelIt: 'A', labelEn: 'A' },
        { code: 'top', siussArea: 4, labelIt: 'B', labelEn: '' },
        { code: 'Bad Code', parentCode: 'nowhere', labelIt: 'C', labelEn: 'C' },
      ]),
    ).toEqual([
      { field: 'areas.0.siussArea', code: 'required' },
      { field: 'areas.1.code', code: 'duplicate' },
      { field: 'areas.1.siussArea', code: 'invalid' },
      { field: 'areas.1.labelEn', code: 'required' },
      { field: 'areas.2.code', code: 'invalid' },
      { field: 'areas.2.parentCode', code: 'unknown-parent' },
    ]);
    expect(validateTaxonomy([])).toEqual([{ field: 'areas', code: 'required' }]);
  });
});
