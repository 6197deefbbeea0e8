import { definePermissions } from '../../platform/policy.ts';

/**
 * The residents' ratings are anonymous, but their free texts may still name someone by mistake:
 * only coordinators read the results (counts, stars, follow-up answers and the texts).
 */
export const feedbackResultsPermissions = definePermissions({
  'feedback.read': ['coordinator'],
});
