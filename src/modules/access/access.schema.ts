import { Type } from 'typebox';
import {
  AGE_BANDS,
  BARRIERS,
  CHANNELS,
  DOCUMENTS,
  MANDATED_BY,
  MAX_PERSONS,
  MAX_REASON,
  MAX_REQUESTS,
  PRESENTED_BY,
  REFERRERS,
  SEXES,
  STATUSES,
  URGENCIES,
} from './access.validation.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const Day = Type.String({ format: 'date', description: 'Calendar day in Europe/Rome (YYYY-MM-DD)' });

export const RegisterAccessBody = Type.Object(
  {
    officeId: Type.Optional(Type.String({ format: 'uuid', description: "Default: the operator's first office" })),
    occurredAt: Type.Optional(Type.String({ format: 'date-time', description: 'Default: now; never in the future' })),
    channel: Type.Enum(CHANNELS),
    presentedBy: Type.Enum(PRESENTED_BY),
    referrer: Type.Enum(REFERRERS),
    persons: Type.Optional(
      Type.Array(Uuid, { maxItems: MAX_PERSONS, description: 'Persons concerned (ids of the tenant); may be empty' }),
    ),
    anonymous: Type.Optional(
      Type.Object(
        { sex: Type.Optional(Type.Enum(SEXES)), ageBand: Type.Optional(Type.Enum(AGE_BANDS)) },
        { description: 'Information-only contact with one anonymous person; not together with persons' },
      ),
    ),
    requests: Type.Array(
      Type.Object({
        needAreaId: Type.String({ format: 'uuid', description: 'A need area of the current taxonomy' }),
        reason: Type.String({ minLength: 1, maxLength: MAX_REASON }),
      }),
      { minItems: 1, maxItems: MAX_REQUESTS },
    ),
    urgency: Type.Optional(Type.Enum(URGENCIES)),
    urgencyReason: Type.Optional(
      Type.String({ maxLength: MAX_REASON, description: 'Required unless the urgency is ordinary' }),
    ),
    prontoIntervento: Type.Optional(
      Type.Boolean({ description: 'Handled on the pronto intervento sociale path (needs an urgency)' }),
    ),
    documentsDemanded: Type.Optional(Type.Array(Type.Enum(DOCUMENTS), { maxItems: DOCUMENTS.length })),
    conditionsImposed: Type.Optional(Type.String({ maxLength: MAX_REASON })),
    barriers: Type.Optional(Type.Array(Type.Enum(BARRIERS), { maxItems: BARRIERS.length })),
    mandatedBy: Type.Optional(Type.Enum(MANDATED_BY)),
  },
  { additionalProperties: false },
);

export const AccessView = Type.Object(
  {
    id: Uuid,
    code: Type.String({ description: 'ACC-YYYY-NNNNNN' }),
    officeId: Uuid,
    accessDay: Day,
    occurredAt: Type.String({ format: 'date-time' }),
    channel: Type.Enum(CHANNELS),
    presentedBy: Type.Enum(PRESENTED_BY),
    referrer: Type.Enum(REFERRERS),
    status: Type.Enum(STATUSES),
    registeredBy: Nullable(Uuid),
    triage: Type.Object({
      urgency: Type.Enum(URGENCIES),
      urgencyReason: Nullable(Type.String()),
      prontoIntervento: Type.Boolean(),
    }),
    persons: Type.Array(
      Type.Object({
        personId: Nullable(Uuid),
        anonymousSex: Nullable(Type.Enum(SEXES)),
        anonymousAgeBand: Nullable(Type.Enum(AGE_BANDS)),
      }),
    ),
    requests: Type.Array(
      Type.Object({
        id: Uuid,
        reason: Type.String(),
        createdAt: Type.String({ format: 'date-time' }),
        needArea: Type.Object({
          id: Uuid,
          code: Type.String(),
          parentCode: Nullable(Type.String()),
          siussArea: Nullable(Type.Integer({ minimum: 1, maximum: 3 })),
          labelIt: Type.String(),
          labelEn: Type.String(),
          taxonomyVersion: Type.Integer({ description: 'The taxonomy version the request was recorded with' }),
        }),
        outcomes: Type.Array(
          Type.Object({
            id: Uuid,
            kind: Type.String(),
            detail: Nullable(Type.String()),
            reasonCode: Nullable(Type.String()),
            serviceId: Nullable(Type.String({ description: 'The directory service named (/servizi/{id})' })),
            serviceName: Nullable(Type.String()),
            recordedAt: Type.String({ format: 'date-time' }),
          }),
          { description: 'Outcomes recorded on this request, oldest first' },
        ),
      }),
    ),
    care: Type.Object({
      documentsDemanded: Type.Array(Type.String()),
      conditionsImposed: Nullable(Type.String()),
      helpAtFirstInterview: Nullable(Type.Boolean()),
      barriers: Type.Array(Type.String()),
      mandatedBy: Type.Enum(MANDATED_BY),
    }),
    waitingDays: Nullable(Type.Integer({ description: 'Days waiting for an interview (status waiting only)' })),
    closedAt: Nullable(Type.String({ format: 'date-time' })),
    version: Type.Integer(),
  },
  { $id: 'Access' },
);

export const RegisterAccessResponse = Type.Object({
  attached: Type.Boolean({
    description: 'True when a named person already had an access today at this office (IASS counting rule)',
  }),
  access: Type.Ref('Access'),
});

export const AccessListQuery = Type.Object({
  view: Type.Optional(Type.Enum(['today', 'awaiting', 'mine'] as const)),
  officeId: Type.Optional(Type.String({ format: 'uuid' })),
  channel: Type.Optional(Type.Enum(CHANNELS)),
  needArea: Type.Optional(Type.String({ pattern: '^[a-z0-9_.-]{2,60}$', description: 'A need-area code' })),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});

export const AccessList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      code: Type.String(),
      officeId: Uuid,
      accessDay: Day,
      occurredAt: Type.String({ format: 'date-time' }),
      channel: Type.Enum(CHANNELS),
      urgency: Type.Enum(URGENCIES),
      prontoIntervento: Type.Boolean(),
      status: Type.Enum(STATUSES),
      personCount: Type.Integer(),
      anonymous: Type.Boolean(),
      requestCount: Type.Integer(),
      needAreaCodes: Type.Array(Type.String()),
      waitingDays: Nullable(Type.Integer()),
    }),
  ),
});

const NeedAreaFields = {
  code: Type.String({ pattern: '^[a-z0-9_.-]{2,60}$' }),
  parentCode: Nullable(Type.String()),
  siussArea: Nullable(
    Type.Integer({ minimum: 1, maximum: 3, description: '1 families and minors, 2 disability, 3 poverty' }),
  ),
  labelIt: Type.String({ minLength: 1, maxLength: 200 }),
  labelEn: Type.String({ minLength: 1, maxLength: 200 }),
};

export const Taxonomy = Type.Object({
  version: Nullable(Type.Integer({ description: 'Null while no taxonomy is published' })),
  publishedAt: Nullable(Type.String({ format: 'date-time' })),
  areas: Type.Array(Type.Object({ id: Uuid, ...NeedAreaFields, sortOrder: Type.Integer() })),
});

export const PublishTaxonomyBody = Type.Object(
  {
    note: Type.Optional(Type.String({ maxLength: 500 })),
    areas: Type.Array(
      Type.Object({
        code: NeedAreaFields.code,
        parentCode: Type.Optional(NeedAreaFields.parentCode),
        siussArea: Type.Optional(NeedAreaFields.siussArea),
        labelIt: NeedAreaFields.labelIt,
        labelEn: NeedAreaFields.labelEn,
      }),
      { minItems: 1, maxItems: 500, description: 'The whole taxonomy; children name their parent by code' },
    ),
  },
  { additionalProperties: false },
);
