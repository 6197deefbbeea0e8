import { Type } from 'typebox';

export const NOTICE_CHANNELS = ['in_person', 'phone', 'email', 'online', 'post'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];
export const CONSENT_PURPOSES = ['share_with_partner', 'follow_up_contact', 'research_contact', 'other'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** A notice version is a code printed on the notice ("2026-01"), so it may appear in the audit log. */
export const NOTICE_VERSION_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$';
export const SCOPE_MAX = 300;

const Day = (description: string) => Type.String({ format: 'date', description });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Worker = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String({ description: 'Display name of the operator' }),
});

export const NoticeInput = Type.Object({
  acknowledgedOn: Type.Optional(Day('Day the person received and read the notice (Europe/Rome); default today')),
  noticeVersion: Type.String({ pattern: NOTICE_VERSION_PATTERN, description: 'Version printed on the notice' }),
  channel: Type.Enum(NOTICE_CHANNELS, { description: 'How the notice was given' }),
});
export type NoticeInput = Type.Static<typeof NoticeInput>;

export const Notice = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    acknowledgedOn: Type.String({ format: 'date' }),
    noticeVersion: Type.String(),
    channel: Type.Enum(NOTICE_CHANNELS),
    recordedBy: Worker,
    recordedAt: Type.String({ format: 'date-time' }),
  },
  {
    $id: 'PrivacyNotice',
    description: 'The person received and read the privacy notice (the legal basis is public interest, not consent)',
  },
);
export type Notice = Type.Static<typeof Notice>;

export const ConsentInput = Type.Object({
  purpose: Type.Enum(CONSENT_PURPOSES),
  scope: Type.String({
    maxLength: SCOPE_MAX,
    description: 'For share_with_partner and other: required (the partner named, or what exactly is allowed)',
  }),
  givenOn: Type.Optional(Day('Day the consent was given; default today')),
  expiresOn: Type.Optional(Nullable(Day('Last day the consent holds (included); null = no expiry'))),
});
export type ConsentInput = Type.Static<typeof ConsentInput>;

export const CONSENT_STATES = ['active', 'not_yet_valid', 'expired', 'revoked'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

export const Consent = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    purpose: Type.Enum(CONSENT_PURPOSES),
    scope: Type.String(),
    givenOn: Type.String({ format: 'date' }),
    expiresOn: Nullable(Type.String({ format: 'date' })),
    revokedOn: Nullable(Type.String({ format: 'date' })),
    state: Type.Enum(CONSENT_STATES, { description: 'On today’s date in Europe/Rome' }),
    recordedBy: Worker,
    recordedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Consent' },
);
export type Consent = Type.Static<typeof Consent>;

export const RevokeInput = Type.Object({
  revokedOn: Type.Optional(Day('Day the person withdrew the consent; default today')),
});
export type RevokeInput = Type.Static<typeof RevokeInput>;

export const AssignmentInput = Type.Object({
  userId: Type.String({ format: 'uuid', description: 'A worker of the same tenant' }),
});
export type AssignmentInput = Type.Static<typeof AssignmentInput>;

export const Assignment = Type.Object(
  {
    userId: Type.String({ format: 'uuid' }),
    name: Type.String(),
    role: Type.String(),
    assignedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Assignment' },
);
export type Assignment = Type.Static<typeof Assignment>;
