import { Type } from 'typebox';
import { OUTCOME_KINDS } from './outcome.service.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Text2 = Type.Object({ it: Type.String(), en: Type.String() });

export const InterviewBody = Type.Object({
  kind: Type.Union([Type.Literal('immediate'), Type.Literal('booked')]),
  startedAt: Type.String({ format: 'date-time', description: 'When the interview began; never in the future' }),
  durationMinutes: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 600 }))),
  questionnaireVersionId: Type.Optional(
    Nullable(Type.String({ format: 'uuid', description: 'The questionnaire version the answers follow' })),
  ),
  answers: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), {
      description: 'Keyed by question id; checked against the questionnaire version (shown, required, type, options)',
    }),
  ),
  confidentialSummary: Type.Optional(
    Nullable(Type.String({ maxLength: 20000, description: 'Professional notes: returned to social workers only' })),
  ),
  helpAtFirstInterview: Type.Boolean({
    description: 'Was concrete help given at this interview? Recorded on the access by its first interview',
  }),
});

export const InterviewView = Type.Object(
  {
    id: Type.String(),
    kind: Type.String(),
    conductedBy: Type.Object({ id: Type.String(), name: Nullable(Type.String()) }),
    startedAt: Type.String(),
    durationMinutes: Nullable(Type.Integer()),
    questionnaire: Nullable(
      Type.Object({ id: Type.String(), code: Nullable(Type.String()), version: Nullable(Type.Integer()) }),
    ),
    answers: Type.Record(Type.String(), Type.Unknown()),
    confidentialSummary: Type.Optional(Nullable(Type.String({ description: 'Present for social workers only' }))),
  },
  { $id: 'Interview' },
);

export const OutcomeBody = Type.Object({
  kind: Type.Union(OUTCOME_KINDS.map((k) => Type.Literal(k))),
  detail: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  reasonCode: Type.Optional(
    Nullable(
      Type.String({
        maxLength: 60,
        description:
          'Required for refused (not_resident_competence, not_eligible, documents_missing, other) and ' +
          'closed_no_action (person_withdrew, resolved_elsewhere, unreachable, other)',
      }),
    ),
  ),
  serviceId: Type.Optional(
    Nullable(
      Type.String({
        format: 'uuid',
        description:
          'information and orientation only: the service of the network directory (an active service of ' +
          'this tenant, see /servizi/{id}) the person was pointed to; otherwise 422 on /serviceId',
      }),
    ),
  ),
});

export const OutcomeView = Type.Object({
  id: Type.String(),
  requestId: Type.String(),
  kind: Type.String(),
  detail: Nullable(Type.String()),
  reasonCode: Nullable(Type.String()),
  serviceId: Nullable(Type.String()),
  recordedAt: Type.String(),
});

export const QuestionnaireView = Type.Object(
  {
    id: Type.String(),
    code: Type.String(),
    version: Type.Integer(),
    title: Text2,
    definition: Type.Unknown({ description: 'sections → questions (type, required, options, showIf)' }),
    publishedAt: Type.String(),
  },
  { $id: 'Questionnaire' },
);

export const PublishQuestionnaireBody = Type.Object({
  code: Type.String({ maxLength: 60, description: 'e.g. colloquio-segretariato; a new version of an existing code' }),
  definition: Type.Unknown({ description: '{ title: {it, en}, sections: [{ id, title, questions: [...] }] }' }),
});
