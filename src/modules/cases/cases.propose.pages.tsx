import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { Forbidden } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { isUuid } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import type { FieldError } from './cases.access.ts';
import { ErrorSummary, errorOf, Field, mOf, Options } from './cases.forms.tsx';
import type { CaseMessageKey } from './cases.messages.ts';
import { casesPermissions } from './cases.policy.ts';
import { proposeCase } from './cases.service.ts';
import { CASE_AREAS, URGENCIES } from './cases.view.ts';
import { tOf } from './cases.views.tsx';

const Str = (max = 20000) => Type.Optional(Type.String({ maxLength: max }));
const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });
const Body = Type.Object({
  area: Str(40),
  reasons: Str(4000),
  urgency: Str(40),
  assessment: Str(),
  sourceOutcomeId: Str(100),
  _csrf: Str(),
});

interface ProposeForm {
  area: string;
  reasons: string;
  urgency: string;
  assessment: string;
  sourceOutcomeId: string;
}

function ProposePage(props: {
  page: PageCtx;
  csrf: string;
  personId: string;
  form: ProposeForm;
  errors: FieldError[];
}) {
  const t = tOf(props.page);
  const m = mOf(props.page.locale);
  const { form, errors } = props;
  const k = (key: string) => key as CaseMessageKey;
  return (
    <Layout
      page={props.page}
      title={m('propose.title')}
      crumbs={[
        { label: m('person.file'), href: `/operatori/persone/${props.personId}` },
        { label: m('propose.title') },
      ]}
    >
      <h1>{m('propose.title')}</h1>
      <ErrorSummary m={m} errors={errors} />
      <p>{m('propose.lead')}</p>
      {form.sourceOutcomeId ? <p class="text-muted">{m('propose.fromOutcome')}</p> : null}
      <form method="post" action={`/operatori/persone/${props.personId}/casi`} novalidate>
        <Csrf token={props.csrf} />
        <input type="hidden" name="sourceOutcomeId" value={form.sourceOutcomeId} />
        <span id="f-sourceOutcomeId" />
        {errorOf(m, errors, 'sourceOutcomeId') ? (
          <p class="invalid-feedback d-block">{errorOf(m, errors, 'sourceOutcomeId')}</p>
        ) : null}
        <Field id="f-area" label={m('propose.area')} error={errorOf(m, errors, 'area')}>
          {(d) => (
            <select class="form-select" id="f-area" name="area" aria-describedby={d}>
              <option value="">—</option>
              <Options value={form.area} options={CASE_AREAS.map((a) => ({ value: a, label: t(k(`area.${a}`)) }))} />
            </select>
          )}
        </Field>
        <Field id="f-reasons" label={m('propose.reasons')} error={errorOf(m, errors, 'reasons')}>
          {(d) => (
            <textarea class="form-control" id="f-reasons" name="reasons" rows={4} aria-describedby={d}>
              {form.reasons}
            </textarea>
          )}
        </Field>
        <Field id="f-urgency" label={m('propose.urgency')} error={errorOf(m, errors, 'urgency')}>
          {(d) => (
            <select class="form-select" id="f-urgency" name="urgency" aria-describedby={d}>
              <Options
                value={form.urgency}
                options={URGENCIES.map((u) => ({ value: u, label: t(k(`urgency.${u}`)) }))}
              />
            </select>
          )}
        </Field>
        <Field id="f-assessment" label={m('propose.assessment')} error={errorOf(m, errors, 'assessment')}>
          {(d) => (
            <textarea class="form-control" id="f-assessment" name="assessment" rows={6} aria-describedby={d}>
              {form.assessment}
            </textarea>
          )}
        </Field>
        <button type="submit" class="btn btn-primary">
          {m('propose.submit')}
        </button>
      </form>
    </Layout>
  );
}

/**
 * Proposing taking charge from the person's file or from a take-charge outcome of an access
 * (`?esito=<outcome id>`, ids only in the address). Refused input comes back as the form (422).
 */
export function registerProposePages(app: App, deps: RouteDeps): void {
  const show = (
    request: FastifyRequest,
    reply: FastifyReply,
    personId: string,
    form: ProposeForm,
    errors: FieldError[],
    status = 200,
  ) =>
    sendPage(
      reply,
      <ProposePage
        page={pageCtx(request, reply)}
        csrf={reply.generateCsrf()}
        personId={personId}
        form={form}
        errors={errors}
      />,
      status,
    );

  app.get(
    '/operatori/persone/:id/casi/nuova',
    {
      schema: {
        hide: true,
        params: Id,
        querystring: Type.Object({ esito: Type.Optional(Type.String({ format: 'uuid' })) }),
      },
    },
    async (request, reply) => {
      // The empty form still refuses roles that could not send it.
      if (!roleMay(casesPermissions, requireOperator(request), 'case.propose')) throw new Forbidden('case.propose');
      const empty = {
        area: '',
        reasons: '',
        urgency: 'ordinary',
        assessment: '',
        sourceOutcomeId: request.query.esito ?? '',
      };
      return show(request, reply, request.params.id, empty, []);
    },
  );

  app.post(
    '/operatori/persone/:id/casi',
    { schema: { hide: true, params: Id, body: Body }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const b = request.body;
      const form: ProposeForm = {
        area: b.area ?? '',
        reasons: b.reasons ?? '',
        urgency: b.urgency ?? 'ordinary',
        assessment: b.assessment ?? '',
        sourceOutcomeId: b.sourceOutcomeId && isUuid(b.sourceOutcomeId) ? b.sourceOutcomeId : '',
      };
      const result = await proposeCase(ctxOf(request, deps), {
        personId: request.params.id,
        area: form.area,
        reasons: form.reasons,
        urgency: form.urgency,
        assessment: form.assessment || null,
        sourceOutcomeId: form.sourceOutcomeId || null,
      });
      if (result.kind === 'invalid') return show(request, reply, request.params.id, form, result.errors, 422);
      return reply.redirect(`/operatori/casi/${result.case.id}`, 303);
    },
  );
}
