import { Type } from 'typebox';
import { PLAN_KINDS, REVIEW_OUTCOMES } from './careplan.service.ts';
import { CASE_AREAS, CASE_STATUSES, CLOSE_REASONS, URGENCIES } from './cases.view.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const Day = Type.String({ format: 'date' });
const Text = (maxLength = 4000) => Type.String({ maxLength });

export const ProposeCaseBody = Type.Object(
  {
    personId: Uuid,
    area: Type.Enum(CASE_AREAS),
    reasons: Type.String({ minLength: 1, maxLength: 4000 }),
    urgency: Type.Optional(Type.Enum(URGENCIES)),
    assessment: Type.Optional(Nullable(Text(20000))),
    sourceOutcomeId: Type.Optional(
      Nullable(Type.String({ format: 'uuid', description: 'A take_charge_proposal outcome of an access' })),
    ),
    householdId: Type.Optional(Nullable(Uuid)),
    officeId: Type.Optional(Type.String({ format: 'uuid', description: "Default: the proposer's first office" })),
  },
  { additionalProperties: false },
);

export const DecideBody = Type.Object(
  {
    decision: Type.Enum(['accept', 'decline']),
    version: Type.Integer({ minimum: 1 }),
    responsibleWorkerId: Type.Optional(Uuid),
    teamIds: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
    reasons: Type.Optional(Text()),
  },
  { additionalProperties: false },
);

export const StatusBody = Type.Object(
  {
    action: Type.Enum(['suspend', 'reopen', 'close']),
    version: Type.Integer({ minimum: 1 }),
    reasonCode: Type.Optional(Type.Enum(CLOSE_REASONS)),
    note: Type.Optional(Text()),
  },
  { additionalProperties: false },
);

export const TransferBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    toWorkerId: Type.Optional(Uuid),
    toArea: Type.Optional(Type.Enum(CASE_AREAS)),
    note: Type.String({ minLength: 1, maxLength: 4000 }),
  },
  { additionalProperties: false },
);

const Goal = Type.Object({ text: Type.String({ minLength: 1, maxLength: 1000 }) });
const Action = Type.Object({
  service: Type.String({ minLength: 1, maxLength: 300 }),
  owner: Type.String({ minLength: 1, maxLength: 200, description: 'Who does it (a service, the person, a worker)' }),
  from: Day,
  to: Type.Optional(Nullable(Day)),
});

export const CarePlanBody = Type.Object(
  {
    basedOnVersion: Type.Integer({ minimum: 0, description: 'The plan version edited (0 for the first plan)' }),
    kind: Type.Enum(PLAN_KINDS),
    goals: Type.Array(Goal, { minItems: 1, maxItems: 30 }),
    actions: Type.Array(Action, { maxItems: 50 }),
    agreedOn: Type.Optional(Nullable(Day)),
    reviewDates: Type.Optional(Type.Array(Day, { maxItems: 24 })),
  },
  { additionalProperties: false },
);

export const ReviewBody = Type.Object(
  { doneOn: Day, outcome: Type.Enum(REVIEW_OUTCOMES), note: Type.Optional(Text()) },
  { additionalProperties: false },
);

export const DiaryBody = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 20000 }), confidential: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const CaseloadQuery = Type.Object(
  {
    workerId: Type.Optional(Uuid),
    area: Type.Optional(Type.Enum(CASE_AREAS)),
    view: Type.Optional(Type.Enum(['active', 'proposed', 'all'])),
  },
  { additionalProperties: false },
);

const summaryFields = {
  id: Uuid,
  code: Type.String(),
  personId: Uuid,
  area: Type.Enum(CASE_AREAS),
  status: Type.Enum(CASE_STATUSES),
  urgency: Type.Enum(URGENCIES),
  responsibleWorkerId: Nullable(Uuid),
  proposedAt: Type.String({ format: 'date-time' }),
  decidedAt: Nullable(Type.String({ format: 'date-time' })),
  decisionHours: Nullable(Type.Number({ description: 'Hours from proposal to decision' })),
  version: Type.Integer(),
};

export const CaseSummary = Type.Object(summaryFields);
export const Caseload = Type.Object({ items: Type.Array(CaseSummary) });

export const OverdueReviews = Type.Object({
  items: Type.Array(
    Type.Object({
      reviewId: Uuid,
      caseId: Uuid,
      caseCode: Type.String(),
      kind: Type.Enum(['review', 'conditionality_check']),
      dueOn: Day,
      responsibleWorkerId: Nullable(Uuid),
    }),
  ),
});

export const CaseView = Type.Object(
  {
    ...summaryFields,
    householdId: Nullable(Uuid),
    reasons: Type.String(),
    assessment: Nullable(Type.String()),
    sourceOutcomeId: Nullable(Uuid),
    proposingOfficeId: Uuid,
    proposedBy: Uuid,
    decidedBy: Nullable(Uuid),
    declineReasons: Nullable(Type.String()),
    closedReasonCode: Nullable(Type.String()),
    closedAt: Nullable(Type.String({ format: 'date-time' })),
    team: Type.Array(Uuid),
    history: Type.Array(
      Type.Object({
        kind: Type.String(),
        at: Type.String({ format: 'date-time' }),
        byUser: Uuid,
        fromWorkerId: Nullable(Uuid),
        toWorkerId: Nullable(Uuid),
        fromArea: Nullable(Type.String()),
        toArea: Nullable(Type.String()),
        reasonCode: Nullable(Type.String()),
        note: Nullable(Type.String()),
      }),
    ),
    plan: Nullable(
      Type.Object({
        version: Type.Integer(),
        kind: Type.Enum(PLAN_KINDS),
        goals: Type.Array(Goal),
        actions: Type.Array(
          Type.Object({ service: Type.String(), owner: Type.String(), from: Day, to: Nullable(Day) }),
        ),
        agreedOn: Nullable(Day),
        createdAt: Type.String({ format: 'date-time' }),
      }),
    ),
    planVersions: Type.Array(
      Type.Object({ version: Type.Integer(), kind: Type.String(), agreedOn: Nullable(Day), createdAt: Type.String() }),
    ),
    reviews: Type.Array(
      Type.Object({
        id: Uuid,
        kind: Type.Enum(['review', 'conditionality_check']),
        dueOn: Day,
        doneOn: Nullable(Day),
        outcome: Nullable(Type.Enum(REVIEW_OUTCOMES)),
        note: Nullable(Type.String()),
        overdue: Type.Boolean(),
      }),
    ),
    diary: Type.Array(
      Type.Object({
        id: Uuid,
        writtenBy: Uuid,
        writtenAt: Type.String({ format: 'date-time' }),
        note: Type.String(),
        confidential: Type.Boolean(),
      }),
    ),
  },
  { $id: 'Case' },
);
