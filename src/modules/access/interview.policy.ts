import { definePermissions } from '../../platform/policy.ts';

/**
 * Interviews, needs assessments and outcomes. Only social workers conduct interviews and read the
 * confidential professional summary; the front door sees that an interview happened and its answers.
 * Front-office staff may record information and orientation outcomes (the everyday answer at the
 * desk); professional outcomes (referral, take-charge proposal, refusal, …) need a social worker or
 * a coordinator — see PROFESSIONAL_OUTCOMES.
 */
const FRONT_DOOR = ['coordinator', 'social_worker', 'front_office'] as const;

export const interviewPermissions = definePermissions({
  'interview.conduct': ['social_worker'],
  'interview.read': FRONT_DOOR,
  'interview.read_summary': ['social_worker'],
  'outcome.record': FRONT_DOOR,
  'access.close': FRONT_DOOR,
  'questionnaire.publish': ['admin'],
});

/** Outcome kinds a front-office operator may not record (a professional judgement). */
export const PROFESSIONAL_OUTCOMES: readonly string[] = [
  'referral',
  'take_charge_proposal',
  'contribution_application',
  'urgent_intervention',
  'closed_no_action',
  'refused',
];
