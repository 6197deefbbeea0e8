import type { FastifyReply, FastifyRequest } from 'fastify';
import { withTenant } from '../../platform/db/database.ts';
import { NotFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { messagesFor } from '../../platform/i18n/index.ts';
import { roleMay } from '../../platform/policy.ts';
import { romeWeekdayAndTime } from '../../platform/time.ts';
import { directoryMessages } from './directory.messages.ts';
import { directoryPermissions } from './directory.policy.ts';
import { filterChoices, searchCards, servicePage } from './directory.read.ts';
import { type SearchForm, SearchPage, TARGET_GROUPS } from './search.views.tsx';
import { ServicePage } from './service.views.tsx';

const PER_PAGE = 20;
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** Weekday code and HH:MM:SS of an instant in Rome, as HSDS schedules write them. */
function openAt(now: Date): { day: (typeof DAYS)[number]; time: string } {
  const { weekday, time } = romeWeekdayAndTime(now);
  return { day: DAYS[weekday - 1] ?? 'MO', time: `${time}:00` };
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^[a-z0-9_.-]{2,60}$/;

function formOf(query: unknown): SearchForm {
  const q = (query ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const page = Number.parseInt(str(q.pagina), 10);
  return {
    q: str(q.q).slice(0, 200),
    area: CODE.test(str(q.area)) ? str(q.area) : '',
    neighbourhood: UUID.test(str(q.quartiere)) ? str(q.quartiere) : '',
    group: (TARGET_GROUPS as readonly string[]).includes(str(q.per)) ? str(q.per) : '',
    language: /^[a-z]{2,3}$/.test(str(q.lingua)) ? str(q.lingua) : '',
    free: str(q.gratuito) === '1',
    openNow: str(q.aperto) === '1',
    page: Number.isFinite(page) && page > 0 && page < 10_000 ? page : 1,
  };
}

/** The booking entry point of a service page: the appointments module's /prenota, first office served. */
export function bookingHref(officeId: string | undefined, topic?: string): string | undefined {
  if (!officeId) return undefined;
  const q = new URLSearchParams({ ufficio: officeId, ...(topic ? { argomento: topic } : {}) });
  return `/prenota?${q.toString()}`;
}

/**
 * Public pages of the directory (no login): /servizi (search, GET — a service search holds no personal
 * data) and /servizi/:id (the service page); /operatori/servizi is the same search for operators
 * during an interview.
 */
export function registerDirectoryPages(app: App, deps: RouteDeps): void {
  const search = async (
    request: FastifyRequest,
    reply: FastifyReply,
    base: string,
    tenantId: string,
    title: 'search.title' | 'search.operatorTitle',
    manage = false,
  ) => {
    const page = pageCtx(request, reply);
    const form = formOf(request.query);
    const searched =
      form.q.trim() !== '' ||
      form.area !== '' ||
      form.neighbourhood !== '' ||
      form.group !== '' ||
      form.language !== '' ||
      form.free;
    const filters = {
      needArea: form.area || undefined,
      neighbourhoodId: form.neighbourhood || undefined,
      targetGroup: form.group || undefined,
      language: form.language || undefined,
      free: form.free || undefined,
      openAt: form.openNow ? openAt(deps.clock.now()) : undefined,
    };
    const { choices, found } = await withTenant(deps.db, tenantId, async (trx) => ({
      choices: await filterChoices(trx, page.locale),
      found: searched
        ? await searchCards(trx, form.q, filters, { offset: (form.page - 1) * PER_PAGE, limit: PER_PAGE }, page.locale)
        : { cards: [], total: 0 },
    }));
    return sendPage(
      reply,
      <SearchPage
        page={page}
        base={base}
        title={messagesFor(directoryMessages, page.locale)(title)}
        form={form}
        choices={choices}
        cards={found.cards}
        total={found.total}
        perPage={PER_PAGE}
        searched={searched}
        manage={manage}
      />,
    );
  };

  app.get('/servizi', { schema: { hide: true } }, async (request, reply) => {
    if (!request.tenant.id) throw new NotFound('directory');
    return search(request, reply, '/servizi', request.tenant.id, 'search.title');
  });

  app.get('/operatori/servizi', { schema: { hide: true } }, async (request, reply) => {
    const actor = requireOperator(request);
    const manage = roleMay(directoryPermissions, actor, 'directory.manage');
    return search(request, reply, '/operatori/servizi', actor.tenantId, 'search.operatorTitle', manage);
  });

  app.get<{ Params: { id: string } }>('/servizi/:id', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params;
    if (!UUID.test(id) || !request.tenant.id) throw new NotFound('service');
    const page = pageCtx(request, reply);
    const s = await withTenant(deps.db, request.tenant.id, (trx) => servicePage(trx, id, page.locale));
    if (!s) throw new NotFound('service');
    return sendPage(reply, <ServicePage page={page} s={s} bookingHref={bookingHref(s.offices[0]?.id, s.topicCode)} />);
  });
}
