import { Type } from 'typebox';
import { DomainError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import type { RouteDeps } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { romeWeekdayAndTime } from '../../platform/time.ts';
import { allowRequest } from './ratelimit.ts';
import { evaluateAll } from './rules.catalogue.ts';
import { listRuleSets } from './rules.service.ts';
import { parseSelfCheck, type SelfCheckForm } from './selfcheck.form.ts';
import { SelfCheckPage } from './selfcheck.views.tsx';

const Body = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 200 }), { maxProperties: 60 });

/**
 * The resident's self-check, public and anonymous: GET shows the form, POST (answers never in the URL)
 * shows the results with the form below to change answers. Nothing is stored, nothing is audited.
 */
export function registerSelfCheckPages(app: App, deps: RouteDeps): void {
  app.get('/verifica-aiuti', { schema: { hide: true } }, async (request, reply) =>
    sendPage(reply, <SelfCheckPage page={pageCtx(request, reply)} form={{}} errors={{}} csrf={reply.generateCsrf()} />),
  );

  app.post(
    '/verifica-aiuti',
    { schema: { hide: true, body: Body }, preHandler: app.csrfProtection },
    async (request, reply) => {
      if (!allowRequest(`selfcheck:${request.ip}`, deps.clock.now())) {
        throw new DomainError(429, 'too-many-requests', 'Too many requests');
      }
      const form = Object.fromEntries(Object.entries(request.body).filter(([k]) => k !== '_csrf')) as SelfCheckForm;
      const { inputs, errors } = parseSelfCheck(form);
      const page = pageCtx(request, reply);
      const csrf = reply.generateCsrf();
      if (Object.keys(errors).length > 0) {
        return sendPage(reply, <SelfCheckPage page={page} form={form} errors={errors} csrf={csrf} />, 422);
      }
      const day = romeWeekdayAndTime(deps.clock.now()).date;
      const versions = request.tenant.id ? await listRuleSets(deps.db, request.tenant.id) : [];
      const byMeasure = new Map(versions.map((v) => [`${v.measure}:${v.version}`, v.definition]));
      const results = evaluateAll(versions, inputs, day).flatMap((evaluation) => {
        const info = byMeasure.get(`${evaluation.measure}:${evaluation.version}`);
        return info ? [{ evaluation, info }] : [];
      });
      return sendPage(reply, <SelfCheckPage page={page} form={form} errors={{}} csrf={csrf} results={results} />);
    },
  );
}
