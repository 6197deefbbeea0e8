import type { App } from '../../platform/http/app.ts';
import { addFileSection } from '../people/index.ts';
import { registerReferralAdminPages } from './admin.pages.tsx';
import { registerFollowUpPages } from './followup.pages.tsx';
import { registerPartnerSuggestPages } from './partner.suggest.routes.tsx';
import { referralFileSection } from './referrals.file.tsx';
import { registerNewReferralPages } from './referrals.new.pages.tsx';
import { registerReferralPages } from './referrals.pages.tsx';
import { type ReferralDeps, registerReferralsApi } from './referrals.routes.ts';
import { registerScorecardPage } from './referrals.scorecard.pages.tsx';
import { registerSenderPages } from './referrals.sender.pages.tsx';

/** Every route of the referrals module: the API (operators and partners) and the one-click answer page. */
export function registerReferrals(app: App, deps: ReferralDeps): void {
  registerReferralsApi(app, deps);
  registerFollowUpPages(app, deps);
  registerReferralPages(app, deps);
  registerScorecardPage(app, deps);
  registerNewReferralPages(app, deps);
  registerSenderPages(app, deps);
  registerReferralAdminPages(app, deps);
  registerPartnerSuggestPages(app, deps);
  // The person file lists the person's referrals with their closed loop (people does not import referrals).
  addFileSection(referralFileSection);
}
