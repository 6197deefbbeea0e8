import { Type } from 'typebox';
import { DomainError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { listPublicOffices } from '../offices/index.ts';
import { areaLabel, tOf } from './access.fields.tsx';
import { AccessFilterSection, type FilterForm } from './access.filter.views.tsx';
import { AccessListPage } from './access.list.views.tsx';
import { inOfficeScope } from './access.policy.ts';
import { type AccessFilters, listAccesses } from './access.read.service.ts';
import { CHANNELS } from './access.validation.ts';
import { currentTaxonomy } from './taxonomy.service.ts';

const URGENCY_RANK: Record<string, number> = { immediate: 0, within_days: 1, ordinary: 2 };
const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
/** Filters only: office, channel, need area code and days (no personal data in the URL). */
const ListQuery = Type.Object({
  officeId: Str(100),
  channel: Str(40),
  needArea: Str(60),
  from: Str(10),
  to: Str(10),
});

/** The working lists: today at my offices (urgent first), awaiting an interview, my open accesses, filters. */
export function registerAccessListPage(app: App, deps: RouteDeps): void {
  app.get('/operatori/accessi', { schema: { hide: true, querystring: ListQuery } }, async (request, reply) => {
    const actor = requireOperator(request);
    const ctx = ctxOf(request, deps);
    const today = (await listAccesses(ctx, { view: 'today' })).sort(
      (a, b) => (URGENCY_RANK[a.urgency] ?? 2) - (URGENCY_RANK[b.urgency] ?? 2),
    );
    const awaiting = await listAccesses(ctx, { view: 'awaiting' });
    const mine = await listAccesses(ctx, { view: 'mine' });
    const page = pageCtx(request, reply);
    const t = tOf(page);
    const allOffices = await listPublicOffices(deps.db, actor.tenantId);
    const offices = new Map(allOffices.map((o) => [o.id, o.name]));
    const taxonomy = await currentTaxonomy(ctx);
    const areas = new Map(taxonomy.areas.map((a) => [a.code, areaLabel(page, a)]));
    const q = request.query;
    const form: FilterForm = {
      officeId: q.officeId ?? '',
      channel: q.channel ?? '',
      needArea: q.needArea ?? '',
      from: q.from ?? '',
      to: q.to ?? '',
    };
    const myOffices = allOffices.filter((o) => inOfficeScope(actor, o.id));
    let results: Awaited<ReturnType<typeof listAccesses>> | undefined;
    let error: string | undefined;
    if (Object.values(form).some((v) => v !== '')) {
      const filters: AccessFilters = {
        ...(myOffices.some((o) => o.id === form.officeId) ? { officeId: form.officeId } : {}),
        ...((CHANNELS as readonly string[]).includes(form.channel) ? { channel: form.channel } : {}),
        ...(areas.has(form.needArea) ? { needArea: form.needArea } : {}),
        ...(form.from ? { from: form.from } : {}),
        ...(form.to ? { to: form.to } : {}),
      };
      try {
        results = await listAccesses(ctx, filters);
      } catch (err) {
        if (!(err instanceof DomainError) || err.status !== 422) throw err;
        error = t('filter.badDate');
      }
    }
    return sendPage(
      reply,
      <AccessListPage
        page={page}
        today={today}
        awaiting={awaiting}
        mine={mine}
        offices={offices}
        areas={areas}
        filters={
          <AccessFilterSection
            page={page}
            form={form}
            officeOptions={myOffices.map((o) => ({ value: o.id, label: o.name }))}
            areaOptions={taxonomy.areas.map((a) => ({ value: a.code, label: areaLabel(page, a) }))}
            results={results}
            error={error}
            offices={offices}
            areas={areas}
          />
        }
      />,
      error ? 422 : 200,
    );
  });
}
