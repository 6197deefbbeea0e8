import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Ctx } from '../../platform/context.ts';
import { Forbidden } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { roleMay } from '../../platform/policy.ts';
import { recordDenied } from '../audit/index.ts';
import { accessPermissions } from './access.policy.ts';
import { areaErrorAt, parseTaxonomyText, taxonomyText } from './admin.form.ts';
import type { AdminMessageKey } from './admin.messages.ts';
import { type AT, atOf, QuestionnairesAdminPage, QuestionnaireVersionPage, TaxonomyAdminPage } from './admin.views.tsx';
import { interviewPermissions } from './interview.policy.ts';
import {
  getQuestionnaireVersion,
  listQuestionnaires,
  listQuestionnaireVersions,
  publishQuestionnaire,
} from './questionnaire.service.ts';
import type { FieldError } from './questionnaire.validation.ts';
import { currentTaxonomy, publishTaxonomy } from './taxonomy.service.ts';

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const TaxonomyBody = Type.Object({ areas: Str(200_000), note: Str(1000), _csrf: Str(2000) });
const QuestionnaireBody = Type.Object({ code: Str(100), definition: Str(500_000), _csrf: Str(2000) });
const VersionParams = Type.Object({ code: Type.String({ maxLength: 60 }), n: Type.Integer({ minimum: 1 }) });

const BASE = '/operatori/amministrazione';

/** The administration pages are for the roles that publish; a refusal is audited like the service's. */
async function requireAdmin(ctx: Ctx, action: 'taxonomy.publish' | 'questionnaire.publish'): Promise<void> {
  const allowed =
    action === 'taxonomy.publish'
      ? roleMay(accessPermissions, ctx.actor, action)
      : roleMay(interviewPermissions, ctx.actor, action);
  if (allowed) return;
  await recordDenied(ctx, { action });
  throw new Forbidden(action);
}

const problem = (at: AT, code: string) => at(`problem.${code}` as AdminMessageKey) || code;

function questionnaireErrors(at: AT, errors: FieldError[]): string[] {
  return errors.map((e) => at('q.error', { pointer: e.field, problem: problem(at, e.code) }));
}

export function registerAccessAdminPages(app: App, deps: RouteDeps): void {
  const taxonomyPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form?: { text: string; note: string; errors: string[] },
    status = 200,
  ) => {
    const ctx = ctxOf(request, deps);
    await requireAdmin(ctx, 'taxonomy.publish');
    const taxonomy = await currentTaxonomy(ctx);
    const page = pageCtx(request, reply);
    const published = (request.query as Record<string, string | undefined>).versione;
    return sendPage(
      reply,
      <TaxonomyAdminPage
        page={page}
        csrf={reply.generateCsrf()}
        taxonomy={taxonomy}
        text={form?.text ?? taxonomyText(taxonomy.areas)}
        note={form?.note ?? ''}
        errors={form?.errors ?? []}
        notice={published && !form ? atOf(page)('tax.published', { version: published }) : undefined}
      />,
      status,
    );
  };

  app.get(`${BASE}/tassonomia`, { schema: { hide: true } }, async (request, reply) => {
    requireOperator(request);
    return taxonomyPage(request, reply);
  });

  app.post(
    `${BASE}/tassonomia`,
    { schema: { hide: true, body: TaxonomyBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const text = request.body.areas ?? '';
      const note = request.body.note ?? '';
      const at = atOf(pageCtx(request, reply));
      const parsed = parseTaxonomyText(text);
      const errors = parsed.malformed.map((line) => at('tax.lineFields', { line }));
      if (errors.length === 0) {
        const result = await publishTaxonomy(ctxOf(request, deps), parsed.areas, note.trim() || undefined);
        if (result.kind === 'published')
          return reply.redirect(`${BASE}/tassonomia?versione=${result.taxonomy.version}`, 303);
        for (const e of result.errors) {
          const where = areaErrorAt(e.field);
          errors.push(
            where
              ? at('tax.lineError', {
                  line: parsed.lines[where.index] ?? where.index + 1,
                  field: at(`field.${where.field}` as AdminMessageKey),
                  problem: problem(at, e.code),
                })
              : at('tax.empty'),
          );
        }
      }
      return taxonomyPage(request, reply, { text, note, errors }, 422);
    },
  );

  const questionnairesPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form?: { code: string; definition: string; errors: string[] },
    status = 200,
  ) => {
    const ctx = ctxOf(request, deps);
    await requireAdmin(ctx, 'questionnaire.publish');
    const versions = await listQuestionnaireVersions(ctx);
    const page = pageCtx(request, reply);
    const q = request.query as Record<string, string | undefined>;
    // The form starts from the current version of the first questionnaire: edit it and publish.
    const current = form ? undefined : (await listQuestionnaires(ctx))[0];
    return sendPage(
      reply,
      <QuestionnairesAdminPage
        page={page}
        csrf={reply.generateCsrf()}
        versions={versions}
        code={form?.code ?? current?.code ?? ''}
        definition={form?.definition ?? (current ? JSON.stringify(current.definition, null, 2) : '')}
        errors={form?.errors ?? []}
        notice={
          q.codice && q.versione && !form
            ? atOf(page)('q.published', { code: q.codice, version: q.versione })
            : undefined
        }
      />,
      status,
    );
  };

  app.get(`${BASE}/questionari`, { schema: { hide: true } }, async (request, reply) => {
    requireOperator(request);
    return questionnairesPage(request, reply);
  });

  app.post(
    `${BASE}/questionari`,
    { schema: { hide: true, body: QuestionnaireBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const code = (request.body.code ?? '').trim();
      const definition = request.body.definition ?? '';
      const at = atOf(pageCtx(request, reply));
      let parsed: unknown;
      try {
        parsed = JSON.parse(definition);
      } catch (err) {
        await requireAdmin(ctxOf(request, deps), 'questionnaire.publish');
        const detail = err instanceof Error ? err.message : '';
        return questionnairesPage(request, reply, { code, definition, errors: [at('q.badJson', { detail })] }, 422);
      }
      const result = await publishQuestionnaire(ctxOf(request, deps), code, parsed);
      if (result.kind === 'published') {
        const v = result.questionnaire;
        return reply.redirect(`${BASE}/questionari?codice=${encodeURIComponent(v.code)}&versione=${v.version}`, 303);
      }
      return questionnairesPage(
        request,
        reply,
        { code, definition, errors: questionnaireErrors(at, result.errors) },
        422,
      );
    },
  );

  app.get(`${BASE}/questionari/:code/:n`, { schema: { hide: true, params: VersionParams } }, async (request, reply) => {
    requireOperator(request);
    const ctx = ctxOf(request, deps);
    await requireAdmin(ctx, 'questionnaire.publish');
    const version = await getQuestionnaireVersion(ctx, request.params.code, request.params.n);
    return sendPage(reply, <QuestionnaireVersionPage page={pageCtx(request, reply)} version={version} />);
  });
}
