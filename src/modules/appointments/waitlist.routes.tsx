import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Ctx } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { isUuid } from '../../platform/ids.ts';
import { getPerson } from '../people/index.ts';
import { agendaOffices } from './agenda.service.ts';
import { type BookingMessageKey, bookingT } from './booking.messages.ts';
import { type BookingDeps, baseUrlOf } from './booking.routes.tsx';
import { findBookableOffice, topicsOfOffice } from './booking.service.ts';
import { WindowLimit } from './ratelimit.ts';
import { type WaitlistKey, waitlistT } from './waitlist.messages.ts';
import { OfferPage } from './waitlist.offer.views.tsx';
import { confirmOffer, declineOffer, offerByToken } from './waitlist.offers.ts';
import { joinWaitlist, listWaitlist, type WaitErrorKey, withdrawEntry } from './waitlist.service.ts';
import { EMPTY_JOIN, type JoinForm, JoinPage, WaitlistPage } from './waitlist.views.tsx';

const Str = (max = 200) => Type.Optional(Type.String({ maxLength: max }));
const JoinBody = Type.Object({
  office: Str(100),
  topic: Str(80),
  weekdays: Type.Optional(
    Type.Union([Type.String({ maxLength: 2 }), Type.Array(Type.String({ maxLength: 2 }), { maxItems: 7 })]),
  ),
  partOfDay: Str(20),
  channel: Str(10),
  name: Str(400),
  email: Str(400),
  phone: Str(100),
  language: Str(5),
  privacy: Str(5),
  person: Str(100),
  _csrf: Str(),
});
const AnswerBody = Type.Object({ answer: Str(10), _csrf: Str() });
const VersionBody = Type.Object({ version: Str(10), _csrf: Str() });
const NOTICES: Record<string, { key: WaitlistKey; kind: 'success' | 'warning' }> = {
  aggiunto: { key: 'added', kind: 'success' },
  tolto: { key: 'removed', kind: 'success' },
};

function formOf(b: Record<string, unknown>): JoinForm {
  const s = (k: string) => (typeof b[k] === 'string' ? (b[k] as string).trim() : '');
  const days = Array.isArray(b.weekdays) ? b.weekdays : b.weekdays === undefined ? [] : [b.weekdays];
  return {
    office: s('office'),
    topic: s('topic'),
    weekdays: days.map((d) => Number(d)),
    partOfDay: s('partOfDay') || 'any',
    name: s('name'),
    email: s('email'),
    phone: s('phone'),
    language: s('language') || 'it',
    privacy: s('privacy'),
    channel: s('channel') === 'phone' ? 'phone' : 'desk',
    person: isUuid(s('person')) ? s('person') : '',
  };
}

function messagesOf(locale: 'it' | 'en', errors: { field: string; key: WaitErrorKey }[]): Record<string, string> {
  const tb = bookingT(locale);
  const tw = waitlistT(locale);
  const out: Record<string, string> = {};
  for (const e of errors) {
    out[e.field] ??=
      e.key === 'weekdays.invalid' || e.key === 'partOfDay.invalid'
        ? tw(`error.${e.key}`)
        : tb(`error.${e.key}` as BookingMessageKey);
  }
  return out;
}

/** The waiting list: residents join from the booking; offer links; the desk's list per office. */
export function registerWaitlistPages(app: App, deps: BookingDeps): void {
  const joins = new WindowLimit(10, 3_600_000);
  const publicCtx = (request: FastifyRequest): Ctx => ({
    actor: { kind: 'anonymous', tenantId: request.tenant.id || undefined },
    requestId: request.id,
    clock: deps.clock,
    db: deps.db,
  });
  const topicOptions = async (request: FastifyRequest, officeId: string) =>
    (await topicsOfOffice(deps.db, request.tenant.id, officeId)).map((x) => ({
      code: x.code,
      label: request.locale === 'it' ? x.label_it : x.label_en,
    }));

  async function showJoin(request: FastifyRequest, reply: FastifyReply, form: JoinForm, errors = {}, status = 200) {
    const office = isUuid(form.office) ? await findBookableOffice(deps.db, request.tenant.id, form.office) : undefined;
    if (!office) return reply.redirect('/prenota', 303);
    return sendPage(
      reply,
      <JoinPage
        page={pageCtx(request, reply)}
        csrf={reply.generateCsrf()}
        officeName={office.name}
        form={form}
        errors={errors}
        topics={await topicOptions(request, office.id)}
      />,
      status,
    );
  }

  app.get('/prenota/lista-attesa', { schema: { hide: true } }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    if (q.iscritto === '1') {
      return sendPage(
        reply,
        <JoinPage
          page={pageCtx(request, reply)}
          csrf=""
          officeName=""
          form={EMPTY_JOIN}
          errors={{}}
          topics={[]}
          joined
        />,
      );
    }
    return showJoin(request, reply, { ...EMPTY_JOIN, office: q.ufficio ?? '', language: request.locale });
  });

  app.post(
    '/prenota/lista-attesa',
    { schema: { hide: true, body: JoinBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const form = formOf(request.body);
      if (!joins.allow(request.ip, deps.clock.now().getTime())) {
        throw new DomainError(429, 'too-many-joins', 'Too many requests from this address; try again later');
      }
      const r = await joinWaitlist(publicCtx(request), {
        ...form,
        officeId: form.office,
        topicCode: form.topic,
        channel: 'online',
      });
      if (r.kind === 'invalid') return showJoin(request, reply, form, messagesOf(request.locale, r.errors), 422);
      return reply.redirect('/prenota/lista-attesa?iscritto=1', 303);
    },
  );

  app.get('/prenota/lista-attesa/offerta/:token', { schema: { hide: true } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const offer = await offerByToken(publicCtx(request), token);
    return sendPage(
      reply,
      <OfferPage page={pageCtx(request, reply)} csrf={reply.generateCsrf()} token={token} offer={offer} />,
      offer ? 200 : 404,
    );
  });

  app.post(
    '/prenota/lista-attesa/offerta/:token',
    { schema: { hide: true, body: AnswerBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const { token } = request.params as { token: string };
      const page = pageCtx(request, reply);
      const ctx = publicCtx(request);
      if (request.body.answer === 'decline') {
        const ok = await declineOffer(ctx, token, baseUrlOf(request));
        return sendPage(
          reply,
          <OfferPage page={page} csrf="" token={token} done={ok ? { kind: 'declined' } : undefined} />,
          ok ? 200 : 404,
        );
      }
      const a = await confirmOffer(ctx, token, baseUrlOf(request));
      return sendPage(
        reply,
        <OfferPage
          page={page}
          csrf=""
          token={token}
          done={a ? { kind: 'confirmed', code: a.code, startsAt: a.startsAt, officeName: a.office.name } : undefined}
        />,
        a ? 200 : 404,
      );
    },
  );

  async function showList(
    request: FastifyRequest,
    reply: FastifyReply,
    officeId: string | undefined,
    extra: { form?: JoinForm; errors?: Record<string, string>; notice?: (typeof NOTICES)[string] } = {},
    status = 200,
  ) {
    requireOperator(request);
    const ctx = ctxOf(request, deps);
    const offices = await agendaOffices(ctx);
    const office = offices.find((o) => o.id === officeId) ?? offices[0];
    if (!office) return reply.redirect('/operatori/agenda', 303);
    return sendPage(
      reply,
      <WaitlistPage
        page={pageCtx(request, reply)}
        csrf={reply.generateCsrf()}
        office={office}
        entries={await listWaitlist(ctx, office.id)}
        topics={await topicOptions(request, office.id)}
        form={extra.form ?? { ...EMPTY_JOIN, office: office.id, language: request.locale }}
        errors={extra.errors ?? {}}
        notice={extra.notice}
      />,
      status,
    );
  }

  app.get('/operatori/agenda/lista-attesa', { schema: { hide: true } }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const notice = q.esito ? NOTICES[q.esito] : undefined;
    // From a person's file: name and contacts from the file (read audited by people).
    let form: JoinForm | undefined;
    if (q.persona && isUuid(q.persona)) {
      requireOperator(request);
      const r = await getPerson(ctxOf(request, deps), q.persona);
      if (r.kind === 'person') {
        const p = r.person;
        form = {
          ...EMPTY_JOIN,
          office: q.ufficio ?? '',
          name: `${p.givenNames} ${p.familyNames}`.trim(),
          email: p.email ?? '',
          phone: p.phone ?? '',
          language: request.locale,
          person: p.id,
        };
      }
    }
    return showList(request, reply, q.ufficio, { ...(notice ? { notice } : {}), ...(form ? { form } : {}) });
  });

  app.post(
    '/operatori/agenda/lista-attesa',
    { schema: { hide: true, body: JoinBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const form = formOf(request.body);
      const r = await joinWaitlist(ctxOf(request, deps), {
        ...form,
        privacy: 'yes',
        officeId: form.office,
        topicCode: form.topic,
        channel: form.channel === 'phone' ? 'phone' : 'desk',
        personId: form.person || null,
      });
      if (r.kind === 'invalid') {
        return showList(request, reply, form.office, { form, errors: messagesOf(request.locale, r.errors) }, 422);
      }
      return reply.redirect(`/operatori/agenda/lista-attesa?ufficio=${form.office}&esito=aggiunto`, 303);
    },
  );

  app.post(
    '/operatori/agenda/lista-attesa/:id/togli',
    { schema: { hide: true, body: VersionBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const { id } = request.params as { id: string };
      try {
        const r = await withdrawEntry(ctxOf(request, deps), id, Number(request.body.version));
        return reply.redirect(`/operatori/agenda/lista-attesa?ufficio=${r.officeId}&esito=tolto`, 303);
      } catch (err) {
        if (err instanceof DomainError && err.status === 409) {
          return showList(request, reply, undefined, { notice: { key: 'stale', kind: 'warning' } }, 409);
        }
        throw err;
      }
    },
  );
}
