import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Operator } from '../../platform/context.ts';
import { Forbidden } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { messagesFor } from '../../platform/i18n/index.ts';
import { roleMay } from '../../platform/policy.ts';
import { duplicatesFileSection } from './duplicates.routes.tsx';
import { householdFileSection } from './households.routes.tsx';
import {
  formOf,
  type PageFieldError,
  type PersonForm,
  PersonFormBody,
  perParam,
  readPersonForm,
} from './people.form.ts';
import { type FormMode, type FormState, PersonFormPage } from './people.form.views.tsx';
import { peopleMessages } from './people.messages.ts';
import { peoplePermissions } from './people.policy.ts';
import { breakGlass, createPerson, getPerson, type SaveResult, searchPeople, updatePerson } from './people.service.ts';
import { type FileSection, PersonFilePage, RestrictedPage, SearchPage } from './people.views.tsx';
import { privacyFileSection } from './privacy.routes.tsx';
import { checkTaxCode, type Mismatch } from './taxcode.ts';

/**
 * Sections of the person file after identity, contacts and address, in order. Adding a section is
 * one line here (and its import).
 */
const FILE_SECTIONS: FileSection[] = [householdFileSection, privacyFileSection, duplicatesFileSection];

/**
 * Sections other modules add to the person file (the access register's timeline, …) without people
 * importing them: they call `addFileSection` when their routes are registered. A Set, so registering
 * twice (several apps in one test process) adds a section once. They follow FILE_SECTIONS.
 */
const ADDED_SECTIONS = new Set<FileSection>();
export function addFileSection(section: FileSection): void {
  ADDED_SECTIONS.add(section);
}

const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });
const SearchBody = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  _csrf: Type.Optional(Type.String()),
});
const ReasonBody = Type.Object({
  reason: Type.Optional(Type.String({ maxLength: 1000 })),
  _csrf: Type.Optional(Type.String()),
});

/** Pages that only show an empty form still refuse roles that could not use it. */
function allow(actor: Operator, action: keyof typeof peoplePermissions): void {
  if (!roleMay(peoplePermissions, actor, action)) throw new Forbidden(action);
}

/** What the tax code itself says, for each field it disagrees on. */
function describeMismatches(taxCode: string | null | undefined, mismatches: Mismatch[], request: FastifyRequest) {
  const t = messagesFor(peopleMessages, request.locale);
  const checked = checkTaxCode(taxCode ?? '');
  const pad = (n: number) => String(n).padStart(2, '0');
  return mismatches.map((field) => {
    if (checked.kind !== 'personal') return { field, value: '?' };
    const d = checked.decoded;
    const value =
      field === 'sex'
        ? t(`sex.${d.sex}`)
        : field === 'birthDate'
          ? `${pad(d.birthDay)}/${pad(d.birthMonth)}/…${pad(d.birthYearTwoDigits)}`
          : `${d.birthplaceName ?? ''} (${d.birthplaceCode})`;
    return { field, value };
  });
}

function formPage(
  request: FastifyRequest,
  reply: FastifyReply,
  mode: FormMode,
  form: PersonForm,
  state: FormState = {},
  status = 200,
) {
  return sendPage(
    reply,
    <PersonFormPage page={pageCtx(request, reply)} csrf={reply.generateCsrf()} mode={mode} form={form} state={state} />,
    status,
  );
}

/** The form again after a save that did not happen, with what stopped it. */
function unsaved(
  request: FastifyRequest,
  reply: FastifyReply,
  mode: FormMode,
  form: PersonForm,
  result: Exclude<SaveResult, { kind: 'saved' }>,
) {
  switch (result.kind) {
    case 'invalid':
      return formPage(request, reply, mode, form, { errors: result.errors }, 422);
    case 'tax-code-mismatch': {
      const errors: PageFieldError[] = [{ field: 'taxCodeMismatchReason', code: 'taxCodeMismatchReason' }];
      const mismatches = describeMismatches(form.taxCode, result.mismatches, request);
      return formPage(request, reply, mode, form, { errors, mismatches }, 422);
    }
    case 'duplicates':
      return formPage(request, reply, mode, form, { duplicates: result.candidates }, 409);
    case 'conflict': {
      // Keep what the operator typed; the next save is made against the version they have now seen.
      const current = formOf(result.current);
      return formPage(request, reply, mode, { ...form, version: current.version }, { conflict: current }, 409);
    }
  }
}

const fileUrl = (id: string) => `/operatori/persone/${id}`;

export function registerPeoplePages(app: App, deps: RouteDeps): void {
  app.get('/operatori/persone', { schema: { hide: true } }, async (request, reply) => {
    allow(requireOperator(request), 'person.search');
    return sendPage(reply, <SearchPage page={pageCtx(request, reply)} csrf={reply.generateCsrf()} />);
  });

  // A POST, so that names and tax codes typed in the box never end up in a URL or a server log.
  app.post(
    '/operatori/persone/cerca',
    { schema: { hide: true, body: SearchBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const q = request.body.q ?? '';
      const page = pageCtx(request, reply);
      if (q.trim().length < 2) {
        const error = messagesFor(peopleMessages, request.locale)('search.tooShort');
        return sendPage(reply, <SearchPage page={page} csrf={reply.generateCsrf()} query={q} error={error} />, 422);
      }
      const results = await searchPeople(ctxOf(request, deps), q);
      return sendPage(reply, <SearchPage page={page} csrf={reply.generateCsrf()} query={q} results={results} />);
    },
  );

  app.get(
    '/operatori/persone/nuova',
    { schema: { hide: true, querystring: Type.Object({ per: Type.Optional(Type.String({ maxLength: 40 })) }) } },
    async (request, reply) => {
      allow(requireOperator(request), 'person.create');
      const per = perParam(request.query.per);
      return formPage(request, reply, { kind: 'create', per }, { addressKind: 'unknown', contactPreference: 'any' });
    },
  );

  app.post(
    '/operatori/persone/nuova',
    { schema: { hide: true, body: PersonFormBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const form = request.body;
      const mode: FormMode = { kind: 'create', per: perParam(form.per) };
      const { input, errors } = readPersonForm(form, deps.clock.now());
      if (errors.length) return formPage(request, reply, mode, form, { errors }, 422);
      const result = await createPerson(ctxOf(request, deps), input);
      if (result.kind !== 'saved') return unsaved(request, reply, mode, form, result);
      const id = result.person.id;
      // Registered while adding someone to a household: go back there with the new person chosen.
      if (mode.per) return reply.redirect(`${fileUrl(mode.per)}/nucleo/aggiungi?persona=${id}`, 303);
      return reply.redirect(`${fileUrl(id)}?salvata=1`, 303);
    },
  );

  app.get(
    '/operatori/persone/:id',
    { schema: { hide: true, params: Id, querystring: Type.Object({ salvata: Type.Optional(Type.String()) }) } },
    async (request, reply) => {
      requireOperator(request);
      const ctx = ctxOf(request, deps);
      const result = await getPerson(ctx, request.params.id);
      const page = pageCtx(request, reply);
      if (result.kind === 'restricted')
        return sendPage(reply, <RestrictedPage page={page} csrf={reply.generateCsrf()} id={result.id} />, 403);
      const filePage = { ...page, ctx, csrf: reply.generateCsrf() };
      const sections = [];
      // One after another: each section opens its own transaction; the pool stays free for others.
      for (const section of [...FILE_SECTIONS, ...ADDED_SECTIONS]) {
        const node = await section({ person: result.person, page: filePage });
        if (node) sections.push(node);
      }
      return sendPage(
        reply,
        <PersonFilePage page={page} person={result.person} sections={sections} saved={request.query.salvata === '1'} />,
      );
    },
  );

  app.post(
    '/operatori/persone/:id/motivo',
    { schema: { hide: true, params: Id, body: ReasonBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const reason = request.body.reason ?? '';
      const result = await breakGlass(ctxOf(request, deps), request.params.id, reason);
      if (result.kind === 'opened') return reply.redirect(fileUrl(request.params.id), 303);
      const error = messagesFor(peopleMessages, request.locale)('restricted.tooShort');
      const page = pageCtx(request, reply);
      return sendPage(
        reply,
        <RestrictedPage page={page} csrf={reply.generateCsrf()} id={request.params.id} reason={reason} error={error} />,
        422,
      );
    },
  );

  app.get('/operatori/persone/:id/modifica', { schema: { hide: true, params: Id } }, async (request, reply) => {
    allow(requireOperator(request), 'person.update');
    const result = await getPerson(ctxOf(request, deps), request.params.id);
    if (result.kind === 'restricted') {
      const page = pageCtx(request, reply);
      return sendPage(reply, <RestrictedPage page={page} csrf={reply.generateCsrf()} id={result.id} />, 403);
    }
    const p = result.person;
    const mode: FormMode = { kind: 'edit', personId: p.id, name: `${p.familyNames} ${p.givenNames}` };
    return formPage(request, reply, mode, formOf(p));
  });

  app.post(
    '/operatori/persone/:id/modifica',
    { schema: { hide: true, params: Id, body: PersonFormBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const form = request.body;
      const id = request.params.id;
      const typedName = `${form.familyNames ?? ''} ${form.givenNames ?? ''}`.trim();
      const mode: FormMode = { kind: 'edit', personId: id, name: typedName || '—' };
      const { input, errors } = readPersonForm(form, deps.clock.now());
      if (errors.length) return formPage(request, reply, mode, form, { errors }, 422);
      const version = /^\d{1,9}$/.test(form.version ?? '') ? Number(form.version) : 0;
      const result = await updatePerson(ctxOf(request, deps), id, { ...input, version });
      if (result.kind !== 'saved') return unsaved(request, reply, mode, form, result);
      return reply.redirect(`${fileUrl(id)}?salvata=1`, 303);
    },
  );
}
