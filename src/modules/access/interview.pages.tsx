import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { roleMay } from '../../platform/policy.ts';
import type { Errors } from './access.fields.tsx';
import { getAccess } from './access.read.service.ts';
import { authorise } from './interview.access.ts';
import { itOf } from './interview.fields.tsx';
import { fieldOf, type InterviewForm, type Posted, readInterviewForm, shownAnswers } from './interview.form.ts';
import type { InterviewMessageKey } from './interview.messages.ts';
import { interviewPermissions } from './interview.policy.ts';
import { getInterviews, recordInterview, startInterview } from './interview.service.ts';
import { InterviewFormPage, InterviewsPage } from './interview.views.tsx';
import { DEMO_QUESTIONNAIRE_CODE } from './questionnaire.demo.ts';
import { getQuestionnaireById, listQuestionnaires, type QuestionnaireVersion } from './questionnaire.service.ts';
import { validateAnswers } from './questionnaire.validation.ts';

const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });
const Str = (max = 2000) => Type.Optional(Type.String({ maxLength: max }));
/**
 * The interview form: fixed fields, plus one field per question (a_<id>) whose values arrive as a
 * list (the form parser coerces them), so a multi-choice question keeps every box ticked.
 */
const FormBody = Type.Object(
  {
    _csrf: Str(),
    action: Str(20),
    kind: Str(20),
    startedAt: Str(40),
    durationMinutes: Str(20),
    help: Str(5),
    summary: Str(20000),
    questionnaireVersionId: Str(100),
  },
  { additionalProperties: Type.Array(Type.String({ maxLength: 20000 }), { maxItems: 50 }), maxProperties: 300 },
);

const KNOWN: Record<string, InterviewMessageKey> = {
  required: 'error.required',
  tooLong: 'error.tooLong',
  notANumber: 'error.notANumber',
  notADate: 'error.notADate',
  outOfRange: 'error.outOfRange',
  notAnOption: 'error.notAnOption',
  notYesNo: 'error.notAnOption',
  inTheFuture: 'error.inTheFuture',
  unknownQuestionnaire: 'error.unknownQuestionnaire',
};

/** The questionnaire a new interview uses: the current version of the secretariat's one, else the first. */
async function currentQuestionnaire(request: FastifyRequest, deps: RouteDeps) {
  const all = await listQuestionnaires(ctxOf(request, deps));
  return all.find((q) => q.code === DEMO_QUESTIONNAIRE_CODE) ?? all[0];
}

export function registerInterviewPages(app: App, deps: RouteDeps): void {
  const formPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: InterviewForm | undefined,
    extra: { errors?: Errors; notice?: string; questionnaire?: QuestionnaireVersion | undefined } = {},
    status = 200,
  ) => {
    const ctx = ctxOf(request, deps);
    const actor = await authorise(ctx, 'interview.conduct', { type: 'access', id });
    const access = await getAccess(ctx, id);
    const page = pageCtx(request, reply);
    const questionnaire = form ? extra.questionnaire : await currentQuestionnaire(request, deps);
    const shown: InterviewForm = form ?? {
      kind: 'immediate',
      startedAt: ctx.clock.now().toISOString(),
      durationMinutes: '',
      help: '',
      summary: '',
      questionnaireVersionId: questionnaire?.id ?? '',
      answers: {},
    };
    const it = itOf(page);
    const notice = access.status === 'closed' ? it('interview.closed') : extra.notice;
    return sendPage(
      reply,
      <InterviewFormPage
        page={page}
        csrf={reply.generateCsrf()}
        access={access}
        questionnaire={questionnaire}
        form={shown}
        errors={extra.errors ?? {}}
        mayWriteSummary={roleMay(interviewPermissions, actor, 'interview.read_summary')}
        notice={notice}
      />,
      status,
    );
  };

  app.post(
    '/operatori/accessi/:id/colloquio/avvia',
    { schema: { hide: true, params: Id }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      await startInterview(ctxOf(request, deps), request.params.id);
      return reply.redirect(`/operatori/accessi/${request.params.id}/colloquio`, 303);
    },
  );

  app.get('/operatori/accessi/:id/colloquio', { schema: { hide: true, params: Id } }, async (request, reply) => {
    requireOperator(request);
    return formPage(request, reply, request.params.id, undefined);
  });

  app.post(
    '/operatori/accessi/:id/colloquio',
    { schema: { hide: true, params: Id, body: FormBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const { id } = request.params;
      const ctx = ctxOf(request, deps);
      const body = request.body as Record<string, string | string[] | undefined>;
      const posted: Posted = Object.fromEntries(
        Object.entries(body).map(([k, v]) => [k, v === undefined ? undefined : Array.isArray(v) ? v : [v]]),
      );
      const versionId = posted.questionnaireVersionId?.[0] ?? '';
      const questionnaire = versionId ? await getQuestionnaireById(ctx, versionId) : undefined;
      const form = readInterviewForm(posted, questionnaire?.definition);
      if (!form.startedAt || Number.isNaN(Date.parse(form.startedAt))) form.startedAt = ctx.clock.now().toISOString();
      const it = itOf(pageCtx(request, reply));
      if (questionnaire) form.answers = shownAnswers(questionnaire.definition, form.answers);
      if (posted.action?.[0] !== 'save') {
        return formPage(request, reply, id, form, { questionnaire, notice: it('interview.refreshed') });
      }
      const errors: Errors = {};
      const add = (field: string, message: string) => {
        errors[field] ??= message;
      };
      const duration = form.durationMinutes.trim();
      const minutes = duration === '' ? null : Number(duration);
      if (minutes !== null && !Number.isInteger(minutes)) add('durationMinutes', it('error.outOfRange'));
      if (form.help !== 'yes' && form.help !== 'no') add('help-yes', it('error.required'));
      if (versionId && !questionnaire) add('assessment', it('error.unknownQuestionnaire'));
      if (Object.keys(errors).length === 0) {
        try {
          const result = await recordInterview(ctx, id, {
            kind: form.kind === 'booked' ? 'booked' : 'immediate',
            startedAt: form.startedAt,
            durationMinutes: minutes,
            helpAtFirstInterview: form.help === 'yes',
            questionnaireVersionId: questionnaire?.id ?? null,
            ...(questionnaire ? { answers: form.answers } : {}),
            confidentialSummary: form.summary.trim() || null,
          });
          if (result.kind === 'recorded') return reply.redirect(`/operatori/accessi/${id}/colloqui?salvato=1`, 303);
          for (const e of result.errors) add(fieldOf(e.field), it(KNOWN[e.code] ?? 'error.invalid'));
        } catch (err) {
          if (!(err instanceof DomainError) || err.status !== 409) throw err;
          const notice = err.code === 'access-closed' ? it('interview.closed') : it('interview.stale');
          return formPage(request, reply, id, form, { questionnaire, notice }, 409);
        }
      } else if (questionnaire) {
        // Report the assessment's own errors at the same time as the interview's.
        for (const e of validateAnswers(questionnaire.definition, form.answers).errors)
          add(fieldOf(e.field), it(KNOWN[e.code] ?? 'error.invalid'));
      }
      return formPage(request, reply, id, form, { questionnaire, errors }, 422);
    },
  );

  app.get('/operatori/accessi/:id/colloqui', { schema: { hide: true, params: Id } }, async (request, reply) => {
    requireOperator(request);
    const ctx = ctxOf(request, deps);
    const access = await getAccess(ctx, request.params.id);
    const interviews = await getInterviews(ctx, request.params.id);
    const questionnaires = new Map<string, QuestionnaireVersion>();
    for (const iv of interviews) {
      const qid = iv.questionnaire?.id;
      if (!qid || questionnaires.has(qid)) continue;
      const q = await getQuestionnaireById(ctx, qid);
      if (q) questionnaires.set(qid, q);
    }
    const page = pageCtx(request, reply);
    const saved = (request.query as Record<string, string | undefined>).salvato === '1';
    return sendPage(
      reply,
      <InterviewsPage
        page={page}
        access={access}
        interviews={interviews}
        questionnaires={questionnaires}
        notice={saved ? itOf(page)('interview.saved') : undefined}
      />,
    );
  });
}
