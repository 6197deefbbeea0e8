import { Fragment } from 'preact';
import { Alert, Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { areaLabel, type Errors, when } from './access.fields.tsx';
import type { AccessView } from './access.view.ts';
import { ChoiceGroup, controllingQuestions, InputField, type IT, itOf, QuestionField } from './interview.fields.tsx';
import { answerText, type InterviewForm } from './interview.form.ts';
import type { InterviewView } from './interview.service.ts';
import type { QuestionnaireVersion } from './questionnaire.service.ts';
import { visibleQuestions } from './questionnaire.validation.ts';

function Summary({ it, errors }: { it: IT; errors: Errors }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="alert alert-danger" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" class="h5">
        {it('errors.title')}
      </h2>
      <ul class="mb-0">
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${field}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

const accessCrumbs = (a: AccessView, label: string) => [
  { label: a.code, href: `/operatori/accessi/${a.id}` },
  { label },
];

export function InterviewFormPage(props: {
  page: PageCtx;
  csrf: string;
  access: AccessView;
  questionnaire: QuestionnaireVersion | undefined;
  form: InterviewForm;
  errors: Errors;
  mayWriteSummary: boolean;
  notice?: string | undefined;
}) {
  const { page, access: a, form, errors, questionnaire: qv } = props;
  const closed = a.status === 'closed';
  const it = itOf(page);
  const title = it('interview.formTitle', { code: a.code });
  const shown = qv ? visibleQuestions(qv.definition, form.answers) : new Set<string>();
  const controls = qv ? controllingQuestions(qv.definition) : new Set<string>();
  return (
    <Layout page={page} title={title} crumbs={accessCrumbs(a, it('interview.section'))}>
      <h1>{title}</h1>
      <p>{it('interview.formIntro')}</p>
      {props.notice ? <Alert kind="info">{props.notice}</Alert> : null}
      <Summary it={it} errors={errors} />
      <h2>{it('interview.requests')}</h2>
      <ul>
        {a.requests.map((r) => (
          <li key={r.id}>
            <strong>{areaLabel(page, r.needArea)}</strong>: {r.reason}
          </li>
        ))}
      </ul>
      <form method="post" action={`/operatori/accessi/${a.id}/colloquio`} novalidate>
        <Csrf token={props.csrf} />
        <input type="hidden" name="startedAt" value={form.startedAt} />
        <input type="hidden" name="questionnaireVersionId" value={form.questionnaireVersionId} />
        <h2>{it('interview.details')}</h2>
        <p>{it('interview.startedAt', { at: when(page, new Date(form.startedAt)) })}</p>
        <ChoiceGroup
          id="kind-immediate"
          name="kind"
          legend={it('interview.kind')}
          type="radio"
          options={(['immediate', 'booked'] as const).map((k) => ({ value: k, label: it(`interview.kind.${k}`) }))}
          checked={(v) => form.kind === v}
          error={errors['kind-immediate']}
        />
        <InputField
          id="durationMinutes"
          name="durationMinutes"
          label={it('interview.duration')}
          hint={it('interview.durationHint')}
          value={form.durationMinutes}
          numeric={true}
          error={errors.durationMinutes}
        />
        <ChoiceGroup
          id="help-yes"
          name="help"
          legend={it('interview.help')}
          type="radio"
          options={[
            { value: 'yes', label: it('interview.yes') },
            { value: 'no', label: it('interview.no') },
          ]}
          checked={(v) => form.help === v}
          hint={it('interview.helpHint')}
          error={errors['help-yes']}
        />
        <h2 id="assessment">{it('interview.assessment')}</h2>
        {qv ? (
          <>
            <p>{it('interview.questionnaire', { title: qv.title[page.locale], version: qv.version })}</p>
            {qv.definition.sections.map((s) => (
              <section key={s.id} class="mb-3">
                <h3 class="h4">{s.title[page.locale]}</h3>
                {s.questions
                  .filter((q) => shown.has(q.id))
                  .map((q) => (
                    <QuestionField
                      key={q.id}
                      page={page}
                      question={q}
                      value={form.answers[q.id]}
                      error={errors[`q-${q.id}`]}
                      controls={controls.has(q.id)}
                    />
                  ))}
              </section>
            ))}
            <button type="submit" name="action" value="refresh" class="btn btn-outline-primary mb-4">
              {it('interview.refresh')}
            </button>
          </>
        ) : (
          <p>{it('interview.noQuestionnaire')}</p>
        )}
        {props.mayWriteSummary ? (
          <>
            <h2>{it('interview.summary')}</h2>
            <InputField
              id="summary"
              name="summary"
              label={it('interview.summary')}
              hint={it('interview.summaryHint')}
              value={form.summary}
              long={true}
              error={errors.summary}
            />
          </>
        ) : null}
        {closed ? null : (
          <button type="submit" name="action" value="save" class="btn btn-primary">
            {it('interview.save')}
          </button>
        )}
      </form>
    </Layout>
  );
}

function InterviewItem(props: {
  page: PageCtx;
  it: IT;
  n: number;
  interview: InterviewView;
  questionnaire: QuestionnaireVersion | undefined;
}) {
  const { page, it, interview: iv, questionnaire: qv } = props;
  const yesNo = { yes: it('interview.yes'), no: it('interview.no') };
  const questions = qv ? qv.definition.sections.flatMap((s) => s.questions) : [];
  const answered = questions.filter((q) => iv.answers[q.id] !== undefined);
  return (
    <section class="mb-4" id={`interview-${iv.id}`}>
      <h2>{it('interview.item', { n: props.n, at: when(page, new Date(iv.startedAt)) })}</h2>
      <dl class="row">
        <dt class="col-sm-3">{it('interview.kind').replace(' *', '')}</dt>
        <dd class="col-sm-9">{it(iv.kind === 'booked' ? 'interview.kind.booked' : 'interview.kind.immediate')}</dd>
        <dt class="col-sm-3">{it('interview.by')}</dt>
        <dd class="col-sm-9">{iv.conductedBy.name ?? it('interview.notGiven')}</dd>
        <dt class="col-sm-3">{it('interview.duration')}</dt>
        <dd class="col-sm-9">
          {iv.durationMinutes ? it('interview.minutes', { n: iv.durationMinutes }) : it('interview.notGiven')}
        </dd>
      </dl>
      <h3 class="h4">{it('interview.assessment')}</h3>
      {qv ? <p>{it('interview.questionnaire', { title: qv.title[page.locale], version: qv.version })}</p> : null}
      {answered.length === 0 ? (
        <p>{it('interview.noAnswers')}</p>
      ) : (
        <dl class="row">
          {answered.map((q) => (
            <Fragment key={q.id}>
              <dt class="col-sm-5">{q.label[page.locale]}</dt>
              <dd class="col-sm-7">{answerText(q, iv.answers[q.id] ?? '', page.locale, yesNo)}</dd>
            </Fragment>
          ))}
        </dl>
      )}
      {'confidentialSummary' in iv ? (
        <>
          <h3 class="h4">{it('interview.summary')}</h3>
          <p class="text-pre-wrap">{iv.confidentialSummary || it('interview.notGiven')}</p>
        </>
      ) : null}
    </section>
  );
}

export function InterviewsPage(props: {
  page: PageCtx;
  access: AccessView;
  interviews: InterviewView[];
  questionnaires: Map<string, QuestionnaireVersion>;
  notice?: string | undefined;
}) {
  const { page, access: a } = props;
  const it = itOf(page);
  const title = it('interview.listTitle', { code: a.code });
  return (
    <Layout page={page} title={title} crumbs={accessCrumbs(a, it('interview.section'))}>
      <h1>{title}</h1>
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      {props.interviews.length === 0 ? <p>{it('interview.none')}</p> : null}
      {props.interviews.map((iv, i) => (
        <InterviewItem
          key={iv.id}
          page={page}
          it={it}
          n={i + 1}
          interview={iv}
          questionnaire={iv.questionnaire ? props.questionnaires.get(iv.questionnaire.id) : undefined}
        />
      ))}
      <p>
        <a href={`/operatori/accessi/${a.id}`}>{it('interview.back')}</a>
      </p>
    </Layout>
  );
}

/** The interviews part of the access page: how many, a link to them, and the start button. */
export function InterviewsSection(props: {
  page: PageCtx;
  csrf: string;
  accessId: string;
  count: number | undefined;
  mayStart: boolean;
}) {
  const it = itOf(props.page);
  if (props.count === undefined && !props.mayStart) return null;
  return (
    <section class="mb-4">
      <h2>{it('interview.section')}</h2>
      {props.count !== undefined ? (
        <p>
          {props.count === 0 ? it('interview.none') : it('interview.count', { n: props.count })}{' '}
          {props.count > 0 ? (
            <a href={`/operatori/accessi/${props.accessId}/colloqui`}>{it('interview.view')}</a>
          ) : null}
        </p>
      ) : null}
      {props.mayStart ? (
        <form method="post" action={`/operatori/accessi/${props.accessId}/colloquio/avvia`}>
          <Csrf token={props.csrf} />
          <button type="submit" class="btn btn-primary">
            {it('interview.start')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
