import type { App } from '../../platform/http/app.ts';
import { registerFollowUpPages } from './followup.pages.tsx';
import { registerReferralPages } from './referrals.pages.tsx';
import { type ReferralDeps, registerReferralsApi } from './referrals.routes.ts';

/** Every route of the referrals module: the API (operators and partners) and the one-click answer page. */
export function registerReferrals(app: App, deps: ReferralDeps): void {
  registerReferralsApi(app, deps);
  registerFollowUpPages(app, deps);
  registerReferralPages(app, deps);
}
