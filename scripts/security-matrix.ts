/**
 * Renders the roles × actions matrix of docs/SECURITY.md from the modules' permission tables, so the
 * document cannot drift from the code. `npm run docs:security` writes it between the markers;
 * test/security-matrix.test.ts fails when the document is not current.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// The access module has two permission tables (register; interviews and outcomes), shown as one module.
import { accessPermissions } from '../src/modules/access/access.policy.ts';
import { interviewPermissions } from '../src/modules/access/interview.policy.ts';
import {
  appointmentsPermissions,
  feedbackResultsPermissions,
  requestPermissions,
} from '../src/modules/appointments/index.ts';
import { auditPermissions } from '../src/modules/audit/index.ts';
import { benefitsPermissions } from '../src/modules/benefits/index.ts';
import { casesPermissions } from '../src/modules/cases/index.ts';
import { directoryPermissions } from '../src/modules/directory/index.ts';
import { identityPermissions } from '../src/modules/identity/index.ts';
import { notificationsPermissions } from '../src/modules/notifications/index.ts';
import { officesPermissions } from '../src/modules/offices/index.ts';
import { peoplePermissions } from '../src/modules/people/index.ts';
import { referralsPermissions } from '../src/modules/referrals/index.ts';
import { ROLES } from '../src/platform/context.ts';
import type { Permissions } from '../src/platform/policy.ts';

export const SECURITY_DOC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/SECURITY.md');
export const START = '<!-- matrix:start -->';
export const END = '<!-- matrix:end -->';

export const MODULES: Record<string, Permissions> = {
  access: { ...accessPermissions, ...interviewPermissions },
  appointments: { ...appointmentsPermissions, ...requestPermissions, ...feedbackResultsPermissions },
  audit: auditPermissions,
  cases: casesPermissions,
  directory: directoryPermissions,
  benefits: benefitsPermissions,
  identity: identityPermissions,
  notifications: notificationsPermissions,
  offices: officesPermissions,
  people: peoplePermissions,
  referrals: referralsPermissions,
};

/** An action the policy declares but no code checks yet; the matrix test proves it is still unused. */
export const NOT_USED_YET = 'Declared in the policy; no service checks it yet.';

/**
 * The scope of each action, in words, read from the policy and service code. The role column says
 * who may try; this says which records they reach. A new action without a sentence here fails the run.
 */
export const SCOPES: Record<string, string> = {
  'access.register':
    'Own tenant; office-scoped: at one of the operator’s assigned offices (default: the first); a coordinator with ' +
    'none assigned reaches every office. Another office of the tenant is 403, audited `denied` (`reason = other-office`, ' +
    'record = the office); another tenant’s office is 422 (`officeId` unknown). Persons concerned are checked through ' +
    'the people module (`getPerson`, itself audited `person.read`). IASS counting rule: a named person with an access ' +
    'today (Rome day) at that office gets the requests attached to it (200, `attached`). Audited `access.register` in ' +
    'the same transaction (ids only). Route: `POST /api/v1/accesses`. The same roles, at the access’s office, later ' +
    'record its care/control facts on the page (`POST /operatori/accessi/{id}/fatti`, optimistic on the version, ' +
    'audited `access.care_facts` with codes only).',
  'access.read':
    'Own tenant; office-scoped as `access.register`. An unknown or another tenant’s access is 404, audited `denied` ' +
    '(`reason = not-found`); another office’s is 403, audited `denied` (`reason = other-office`). Every read is ' +
    'audited (`access.read`, record = the access). Route: `GET /api/v1/accesses/{id}`.',
  'access.list':
    'Own tenant; office-scoped as `access.register` (no office assigned and not a coordinator: an empty list). Asking ' +
    'for an office out of scope is 403, audited `denied`. Every list shown is audited (`access.list`, with the view and ' +
    'the ids listed; no free text). Route: `GET /api/v1/accesses`.',
  'taxonomy.read':
    'Own tenant; reference data (need areas and assessment questionnaires), no personal data, so every staff role ' +
    'reads it (partner users use only the partner area: refused, audited `denied`) and reads are not audited. ' +
    'Routes: `GET /api/v1/need-areas`, `GET /api/v1/questionnaires`, `GET /api/v1/questionnaires/{code}/versions/{n}`.',
  'taxonomy.publish':
    'Own tenant. Publishes version N+1 of the whole taxonomy; earlier versions are never changed and recorded ' +
    'requests keep pointing at the area of their version. Audited (`taxonomy.publish`, record = the version). ' +
    'Route: `POST /api/v1/need-areas`.',
  'indicator.read':
    'Aggregates only (the nine care/control indicators of docs/INDICATORS.md, period of access days, optionally one office). ' +
    'A coordinator reads one of their offices at a time (the tenant total only when overseeing every office) and sees raw ' +
    'counts with small cells flagged; a researcher reads any office or the tenant with small cells suppressed (counts ' +
    'withheld). Audited (`indicator.read`, period and office). Routes: `GET /api/v1/indicators/access`, page `/operatori/indicatori`.',
  'directory.manage':
    'Own tenant. Coordinators and admins edit a service of the directory (Italian text, English translation, status, ' +
    'need areas; row version checked, a stale save is 409 with the current version), mark it verified (`assured_date`) ' +
    'and list the services not verified for 12 months. Each changed field becomes a public HSDS `metadata` row ' +
    '(change history, `updated_by` = the operator id). Refused: 403, audited `denied`. Audited (`directory.manage`, ' +
    'service id and the names of the changed fields; never the text). Reading the directory is public (`/servizi`, ' +
    '`/hsds`). The same roles keep the synonym table of the search (residents’ phrases → catalogue words; audited ' +
    '`synonym.save` / `synonym.delete`). Routes: `GET|POST /operatori/servizi/{id}/modifica`, ' +
    '`GET /operatori/servizi/da-verificare`, `GET|POST /operatori/servizi/sinonimi`. The same roles create services ' +
    '(`GET|POST /operatori/servizi/nuovo`, an organization of the tenant) and organizations, edit organizations ' +
    '(`/operatori/organizzazioni…`, row version checked), edit a service’s places, phones and weekly hours ' +
    '(`GET|POST /operatori/servizi/{id}/sedi-orari`, all or nothing, 409 on a stale version) and moderate partners’ ' +
    'suggestions (`GET /operatori/servizi/proposte`, `GET|POST /operatori/servizi/proposte/{id}`: accept applies the ' +
    'values as the moderator’s edit, reject needs a reason; deciding twice is 409). Audited `directory.manage` with ' +
    'ids, op and field names only.',
  'directory.suggest':
    'Own tenant; own organization only: a partner user proposes new values (four texts, main phone, weekly hours, a ' +
    'note) for a service of the organization it belongs to (`partner_user`, resolved by the referrals module). A ' +
    'service of another organization, or an unknown one, is 403, audited `denied` (`reason = other-organization` / ' +
    '`not-found`, record = the service). The partner sees its organization’s services and its suggestions with their ' +
    'status and the moderator’s reason. Audited (`directory.suggest`, service and suggestion ids, field names). ' +
    'Routes: `GET /partner/servizi`, `GET|POST /partner/servizi/{id}/proposta`.',
  'interview.conduct':
    'Own tenant; office-scoped: the accesses of the operator’s assigned offices (a coordinator with none assigned ' +
    'reaches every office; other roles with none reach none). An unknown, foreign or out-of-scope access is 404, ' +
    'audited `denied` (`reason = not-found`); a closed access is 409. Answers are checked against the questionnaire ' +
    'version chosen, which the interview keeps. The first interview records `help_at_first_interview`; the access ' +
    'moves to `open` (`interview.start` moves it to `in_interview`). Audited (`interview.conduct`, with the interview ' +
    'and questionnaire ids; never answers or the summary). Routes: `POST /api/v1/accesses/{id}/interviews`, ' +
    '`POST /api/v1/accesses/{id}/interviews/start`.',
  'interview.read':
    'Own tenant; office-scoped as `interview.conduct`. Lists the interviews of an access (who, when, how long, ' +
    'questionnaire version, answers); audited (`interview.read`, with the ids shown and whether the summary was ' +
    'included). Route: `GET /api/v1/accesses/{id}/interviews`.',
  'interview.read_summary':
    'Not an entry point: decides, inside `interview.read`, whether the confidential professional summary is ' +
    'included. For everyone else the presenter drops the field (absent, not null).',
  'outcome.record':
    'Own tenant; office-scoped as `interview.conduct`; the request must belong to the access in the URL (else 404, ' +
    'audited `denied`). Front-office staff record `information` and `orientation` only; professional outcomes ' +
    '(referral, take-charge proposal, contribution application, urgent intervention, closing without action, ' +
    'refusal) need a social worker or coordinator (403, audited `denied`, `reason = professional-outcome`). A closed ' +
    'access takes no new outcome (409). Refusals and closings without action need a coded reason. Audited ' +
    '(`outcome.record`, with kind and reason code; never the detail text). Route: ' +
    '`POST /api/v1/accesses/{id}/requests/{requestId}/outcomes`.',
  'access.close':
    'Own tenant; office-scoped as `interview.conduct`. Only when every request of the access has at least one ' +
    'outcome: otherwise 409 `requests-without-outcome` listing the request ids. Sets `closed` and `closed_at`; ' +
    'audited (`access.close`). Route: `POST /api/v1/accesses/{id}/close`.',
  'questionnaire.publish':
    'Own tenant. Validates the definition (unique ids, options for choice questions, `showIf` pointing to an ' +
    'earlier question with a possible answer) and publishes version N+1; published versions are never edited. ' +
    'Audited (`questionnaire.publish`, code and version). Reading questionnaires is open to every operator ' +
    '(no personal data). Routes: `POST /api/v1/questionnaires`, `GET /api/v1/questionnaires[/{code}/versions/{n}]`.',
  'benefit_rules.publish':
    'Own tenant. Validates the rule set (known inputs, parameters and operators; known documents; a test case for ' +
    'every outcome) and refuses it unless every case of its own test table passes; publishes version N+1 of the ' +
    'measure with its effective period; earlier versions are never changed. Audited (`benefit_rules.publish`, ' +
    'measure, version, start date). Reading rules and evaluating are public and anonymous (nothing stored, rate-limited). ' +
    'Routes: `POST /api/v1/benefits/measures/versions`; public `GET /api/v1/benefits/measures`, ' +
    '`POST /api/v1/benefits/evaluate`, page `/verifica-aiuti`.',
  'benefit_application.prepare':
    'Own tenant, not office-scoped (economic help is one municipal procedure). Opens an application for a person of ' +
    'the tenant (read through the people module, audited `person.read`; another tenant’s or a restricted person is ' +
    '422), optionally from an access (through the access module, office-scoped there); only municipal measures with ' +
    'rules in effect. Stores inputs, documents demanded (a control fact) and the evaluation with rule version and ' +
    'trace. Requests checks and records their results (who, when) on open applications only (409 once decided); ' +
    'another tenant’s application is 404, audited `denied`. Audited (`benefit_application.prepare`, ' +
    '`benefit_check.request`, `benefit_check.complete`: ids, codes, result; never the inputs). Routes: ' +
    '`POST /api/v1/benefit-applications`, `POST /api/v1/benefit-applications/{id}/checks`.',
  'benefit_application.read':
    'Own tenant (row-level security; another tenant’s application is 404, audited `denied`). Every read is audited ' +
    '(`benefit_application.read`), every list with the ids shown (`benefit_application.list`); the decision notice ' +
    'PDF is such a read (409 while undecided). Routes: `GET /api/v1/benefit-applications[/{id}]`, ' +
    '`GET /api/v1/benefit-applications/{id}/notice.pdf`, pages `/operatori/aiuti[/{id}[/comunicazione.pdf]]`.',
  'benefit_application.decide':
    'Own tenant. Four eyes: the operator who prepared the application never decides it (403, audited `denied`, ' +
    '`reason = four-eyes`; also a database CHECK). Only open applications at the version read (409 stale). Approval ' +
    'needs no pending or failed check and a stored evaluation "likely eligible" with an amount (409), and commits the ' +
    'amount on the fund of the measure and year under a row lock (409 `fund-exhausted`; a CHECK keeps committed ≤ ' +
    'amount); payments are scheduled. Rejection needs a coded reason. Audited (`benefit_application.decide`, decision, ' +
    'reason code, total, fund). Route: `POST /api/v1/benefit-applications/{id}/decision`.',
  'benefit_fund.manage':
    'Own tenant. Creates or changes the amount of a measure’s fund for a year; never below what is already committed ' +
    '(409). Audited (`benefit_fund.manage`, measure, year, amount). Route: `PUT /api/v1/funds`.',
  'benefit_fund.read':
    'Own tenant; balances only (amount, committed, paid, available), no personal data, so reads are not audited ' +
    '(a refusal is). Route: `GET /api/v1/funds`.',
  'benefit_payment.record':
    'Own tenant. Records a scheduled payment as paid (the fund’s paid total grows, under the fund row lock; a paid one ' +
    'is 409; another tenant’s is 404, audited `denied`), and exports the payments due as CSV for accounting (ids, ' +
    'days, amounts; audited `benefit_payment.list` with the ids). Audited (`benefit_payment.record`). Routes: ' +
    '`POST /api/v1/benefit-payments/{id}/paid`, `GET /api/v1/benefit-payments/due.csv`.',
  'case.propose':
    'Own tenant. A social worker or coordinator proposes taking charge of a person of the tenant (checked through the ' +
    'people module, audited `person.read`; another tenant’s person is 422) at one of their offices, optionally from a ' +
    '`take_charge_proposal` outcome of an access (a database trigger refuses any other kind or tenant: 422). Audited ' +
    '(`case.propose`, ids, area and urgency; never the reasons). Route: `POST /api/v1/cases`.',
  'case.decide':
    'Own tenant; the area coordinator accepts a proposal (a responsible social worker or coordinator of the tenant, ' +
    'optionally a team) or declines it with reasons, which the proposer then reads. Only a `proposed` case (else 409); ' +
    'row version checked (stale: 409). Another tenant’s case is 404, audited `denied` (`reason = not-found`). Audited ' +
    '(`case.decide`, decision, worker and team ids, hours from proposal). Route: `POST /api/v1/cases/{id}/decision`.',
  'case.read':
    'Own tenant; a coordinator reaches every case, a social worker the cases they are responsible for, on whose team ' +
    'they are, or that they proposed; anyone else (and another tenant) gets 404, audited `denied` (`reason = not-found`). ' +
    'Confidential diary entries only for the coordinator, the responsible worker and the team. Every read is audited ' +
    '(`case.read`, with whether confidential entries were included). Route: `GET /api/v1/cases/{id}`.',
  'case.list':
    'Own tenant; a social worker lists their own caseload (responsible or on the team; asking for another worker’s is ' +
    '403, audited `denied`), a coordinator any worker’s or area’s and the proposals awaiting a decision; the tasks of ' +
    'overdue reviews and conditionality checks likewise. Audited (`case.list`, view and the ids listed). Routes: ' +
    '`GET /api/v1/cases`, `GET /api/v1/cases/overdue-reviews`.',
  'case.manage':
    'Own tenant; reach as `case.read`, and only the coordinator, the responsible worker or the team change the case ' +
    '(the proposer alone gets 403, `reason = not-on-case`). Suspend, reopen, close with a coded reason, transfer to ' +
    'another worker and/or area with a hand-over note (kept in the history). Row version checked (409). Audited ' +
    '(`case.manage`, move and codes). Routes: `POST /api/v1/cases/{id}/status`, `POST /api/v1/cases/{id}/transfer`.',
  'care_plan.write':
    'As `case.manage`, on an open or suspended case (else 409). Each save is a new version based on the version read ' +
    '(stale: 409); earlier versions stay. Schedules the review dates given and, for an inclusion pact, the ' +
    'conditionality checks once (first meeting, then every 90 days); records review outcomes once. Audited ' +
    '(`care_plan.write`, version, kind, counts; never goals or notes). Routes: `POST /api/v1/care-plans/{id}/versions`, ' +
    '`POST /api/v1/care-plans/{id}/reviews/{reviewId}`.',
  'case.diary_write':
    'As `case.manage`. A dated professional note, confidential (team only) unless marked otherwise. Audited ' +
    '(`case.diary_write`, entry id and the confidential flag; never the text). Route: `POST /api/v1/cases/{id}/diary`.',
  'referral.create':
    'Own tenant. A social worker or coordinator creates a draft for a person of the tenant (through the people module, ' +
    'audited `person.read`) at one of their offices: destination (internal area, public body, or a directory ' +
    'organization of the tenant: unknown is 422), reason, urgency, the fields to share chosen one by one from a fixed ' +
    'list, and the basis: a `share_with_partner` consent of the person active today (checked through the people ' +
    'module, else 422) or a legal basis. A source outcome must be a `referral` outcome of the tenant (database trigger). ' +
    'Audited (`referral.create`, ids, destination, basis and field names; never the reason). Route: ' +
    '`POST /api/v1/referrals`; destinations with capacity: `GET /api/v1/referrals/destinations`.',
  'referral.read':
    'Own tenant. Operators: the referrals they sent and those of their offices (a coordinator with no office: all); a ' +
    'partner user: only referrals addressed to its organization and not drafts, with only the shared fields (none once ' +
    'the consent they rest on is revoked or expired) and no operator ids; its first reading marks the referral ' +
    '`received`. Anything else (another organization, office or tenant) is 404, audited `denied` (`reason = not-found`). ' +
    'Every read is audited (`referral.read`, with the field names shown and `withheld` when the consent lapsed). ' +
    'Route: `GET /api/v1/referrals/{id}`.',
  'referral.list':
    'Own tenant; worklists for operators (sent by me, my team = my offices, action needed, overdue), and always the ' +
    'organization inbox for a partner user (whatever view is asked), shared fields only. Audited (`referral.list`, ' +
    'view and ids). Route: `GET /api/v1/referrals`.',
  'referral.manage':
    'Own tenant; reach as `referral.read` for operators. Sends a draft (copies the chosen fields as they are then, ' +
    're-checks the consent, sets the response deadline of the destination type, schedules the follow-up question only ' +
    'with a `follow_up_contact` consent, an e-mail and no "do not contact"; notifies the partner with a reference and a ' +
    'link) or cancels/revokes with a reason. Illegal moves are 409 (service) and impossible in SQL (trigger over ' +
    '`referral_transition`); row version checked (409). Audited (`referral.manage`, move). Routes: ' +
    '`POST /api/v1/referrals/{id}/send`, `POST /api/v1/referrals/{id}/cancel`.',
  'referral.respond':
    'Own tenant. A partner user answers for its own organization only (another organization: 404, audited `denied`); ' +
    'an operator (reach as `referral.read`) records the answer of an internal area or public body, never for a ' +
    'partner (403, `reason = partner-answers`). Accept, decline with a coded reason (note required for `other`), ' +
    'progress (a note while in progress), complete with a coded outcome; illegal moves 409; row version checked. ' +
    'Audited (`referral.respond`, from/to and codes). Route: `POST /api/v1/referrals/{id}/responses`.',
  'referral.scorecard':
    'Own tenant; coordinators. Per partner organization over 365 days: sent, answered, median response hours, ' +
    'acceptance and completion rates, expired. Aggregates only; audited (`referral.scorecard`). Route: ' +
    '`GET /api/v1/referrals/scorecards`.',
  'partner.capacity':
    'Own tenant; a partner user sets the capacity of its own organization (a partner user linked to none: 403, ' +
    'audited `denied`). Audited (`partner.capacity`, record = the organization). Route: `PUT /api/v1/partner/capacity`.',
  'referral.settings':
    'Own tenant; admins. Response deadlines per destination type (days to answer 1–90, reminder 0–30 and before the ' +
    'deadline, follow-up 1–180; 422 otherwise, nothing saved); partner accounts: creates one (identity `createOperator`, ' +
    'audited `user.create`) after checking the organization exists in the tenant, or links an existing partner account ' +
    'of the tenant to an organization (a user without the partner role in this tenant: 422). Audited ' +
    '(`referral.settings`, move, ids and numbers). Page: `/operatori/amministrazione/invii`.',
  'audit.read':
    'Own tenant only: events are read under row-level security (`withTenant`), so events of other tenants and ' +
    'events without a tenant (e.g. failed sign-ins) are never listed. Every read is itself audited (`audit.read`, ' +
    'outcome `ok`, with the filter names); a refused read is audited with outcome `denied`. ' +
    'Routes: `GET /api/v1/audit-events`, page `/operatori/audit`.',
  'password.change':
    "Own account only, and only from a signed-in session (`actor.kind = 'user'`): pages ignore bearer tokens, and " +
    'the service refuses any other actor (403, audited `denied`). The current password is required; on success the other sessions of the account are ' +
    'closed and the change is audited. Route: page `/operatori/password`.',
  'user.create':
    'No HTTP route. Only the CLI (`segretariato users create`) calls `createOperator`, acting as the **system** ' +
    'actor, so the role column is the intended rule, not an enforced one. Audited as `user.create` ' +
    '(actor kind `system`, tenant of the new membership, record = the new user).',
  'token.create':
    'No HTTP route. Only the CLI (`segretariato tokens create`) calls `createApiToken`, acting as the **system** ' +
    'actor, so the role column is the intended rule, not an enforced one. The token acts as its user, with the role ' +
    'and tenant of their membership. Audited as `token.create` (actor kind `system`, record = the token id).',
  'office.read':
    'Staff roles; partner users use only the partner area (403). ' +
    "Own tenant only (policy filter, then row-level security). Another tenant's office, an unknown or a malformed " +
    'id answers 404 problem+json and is audited with outcome `denied` (`details.reason = not-found`). Reading one ' +
    'office is audited (`ok`); the list is not (offices are public information). Routes: `GET /api/v1/offices`, ' +
    '`GET /api/v1/offices/{id}` (bearer token only).',
  'office.today':
    'Own tenant; office-scoped: the offices the operator is assigned to. An admin or coordinator with no assigned ' +
    'office sees every office of the tenant; other roles with no office see none. Every office shown is audited ' +
    '(`office.today`, record = the office). Route: the operator home page `/operatori`; for roles without the ' +
    'permission the page omits the list (no attempt, so nothing is audited). The service refuses and audits ' +
    '`denied` if called for them.',
  'person.search':
    'Own tenant (policy filter, then row-level security). One box: tax code, phone, birth date or name ' +
    '(optionally with a birth year); at most 25 results. Every result list is audited (`person.search`, with the ' +
    'ids shown). Confidential files appear in the results (name, birth year, a confidential flag) without ' +
    'their file being opened.',
  'person.read':
    'Own tenant; an unknown id or another tenant’s person is 404, audited `denied` (`reason = not-found`). ' +
    'A confidential file opens only for its assigned workers, or for an operator who broke the glass (a stated ' +
    'reason of at least 10 characters, valid 3 hours, audited as `person.break_glass`, which needs ' +
    '`person.read`); otherwise the answer is *restricted* and audited `denied` (`reason = confidential`). ' +
    'Every opening is audited. The privacy notices, consents and assigned workers of a file are read under the ' +
    'same rule (audited `privacy.read`; `consent.check` for `hasActiveConsent`); a coordinator sees who is assigned ' +
    'to a confidential file without opening it.',
  'person.create':
    "Into the actor's own tenant. Possible duplicates must be acknowledged first; a tax code held by another " +
    'person is refused; a tax code that does not match the personal data needs a stated reason. Whoever creates ' +
    'a confidential file becomes its assigned worker. Audited (`person.create`).',
  'person.update':
    'Own tenant; a confidential file only for those who may open it (otherwise 404, audited `denied`). ' +
    'Optimistic concurrency on `version`: a stale version is a conflict and nothing is written. Audited with the ' +
    'names of the changed fields, never their values. Assigning or unassigning a worker (`person.assign`, ' +
    '`person.unassign`) also needs the actor to be assigned to the person, or to be a coordinator (otherwise 403, ' +
    'audited `denied`, `reason = not-assigned`); only active workers of the same tenant with a front-door role can ' +
    'be assigned, and a confidential file keeps at least one. Routes: `/api/v1/people/{id}/assignments`, page ' +
    '`/operatori/persone/{id}/operatori-assegnati`.',
  'household.manage':
    'Own tenant; another tenant’s person or household is 404. Changes to a confidential person’s household or ' +
    'links only for those who may open the file (otherwise 403 `confidential`, audited `denied`). Opens a household ' +
    '(`household.create`), adds a member (`household.member_add`), records a leaving (`household.member_leave`: the ' +
    'membership gets an end date and stays as history), changes the reference person (`household.reference_change`), ' +
    'links or unlinks people living together outside it (`person.link`, `person.unlink`); details hold ids and codes ' +
    'only. A person is in at most one current household (unique index; a second one is answered 409, never 500). ' +
    'Viewing a household needs `person.read` and is audited (`household.read`). Routes: `POST /api/v1/households`, ' +
    '`POST /api/v1/households/{id}/members`, `DELETE /api/v1/households/{id}/members/{personId}`, ' +
    '`GET /api/v1/people/{id}/household`, page forms under `/operatori/persone/{id}/nucleo` and `/conviventi`.',
  'privacy.record':
    'Own tenant; a confidential file only for those who may open it (otherwise 403 `confidential`), another ' +
    'tenant’s person 404 — both audited `denied`. Records that the person received and read the privacy notice ' +
    '(`privacy.notice.record`, with version and channel) and gives or revokes consents (`consent.give`, ' +
    '`consent.revoke`, with the purpose; the scope text stays out of the log). Consents are never deleted. Routes: ' +
    '`/api/v1/people/{id}/privacy-notices`, `/api/v1/people/{id}/consents[/{consentId}/revoke]`, page forms under ' +
    '`/operatori/persone/{id}/`.',
  'person.merge':
    'Own tenant; both records must be openable by the actor (a confidential one needs assignment or a stated ' +
    'reason: otherwise 403, audited `denied`, `reason = confidential`); another tenant’s record is 404, audited ' +
    '`denied` (`reason = not-found`). Merging moves every row linked to the merged record to the survivor in one ' +
    'transaction and records what moved; unmerge (same permission) puts it all back, refused while the survivor ' +
    'is itself merged. Audited on both records (`person.merge`, `person.unmerge`; ids and counts only). Marking ' +
    'two records "not the same person" needs `person.update` (`person.not_duplicate`); the duplicates list of a ' +
    'file needs `person.read` and is audited (`person.duplicates`, with the ids shown). Routes: ' +
    '`/api/v1/people/merge`, `/api/v1/people/merges/{mergeId}/undo`, `/api/v1/people/not-duplicates`, ' +
    '`/api/v1/people/{id}/duplicates`, pages `/operatori/persone/{id}/confronta/{otherId}`.',
  'confidential.review':
    'Own tenant: every break-the-glass opening (who, which file, when, the stated reason), unreviewed first. Reading ' +
    'the list is audited (`confidential.list`, with the ids shown); marking one seen is audited ' +
    '(`confidential.review`). Nobody reviews their own opening (403, audited `denied`); another tenant’s opening is ' +
    '404. Routes: page `/operatori/riservati`, action `/operatori/riservati/{id}/visto`; `countOpeningsToReview` ' +
    '(not audited: a number) feeds the coordinator’s home.',
  'agenda.read':
    'Own tenant; office-scoped like the access register: the operator’s assigned offices, every office for a coordinator ' +
    'with none assigned. Another office is refused (403), audited `denied` (`reason = other-office`). Each agenda shown ' +
    'is audited (`agenda.read`, record = the office, details = the day and the appointment ids). The walk-ins beside it ' +
    'come from the access register (`listAccesses`, itself audited `access.list`). Route: `GET /operatori/agenda`.',
  'agenda.manage':
    'Own tenant; office-scoped as `agenda.read`. Desk and phone bookings go through the same locked slot counters as ' +
    'online bookings (audited `appointment.book`, channel desk/phone, booked_by = the operator); marking attended or ' +
    'no-show needs the version read (stale: 409) and is audited `agenda.manage` with the status. Routes: ' +
    '`POST /operatori/agenda/prenota`, `POST /operatori/agenda/{id}/esito`.',
  'schedule.manage':
    'Own tenant. An admin reaches every office; a coordinator only the offices in their scope (another office: 403, ' +
    'audited `denied`, `reason = other-office`). Slot grid saved at the version read (stale: 409); closures, extra ' +
    'openings and operators’ hours added or deleted; bad input 422 with nothing written. Audited `schedule.grid`, ' +
    '`schedule.exception`, `schedule.availability`, `schedule.*.remove` (record = the office, ids and codes only). ' +
    'Routes: `/operatori/agenda/impostazioni` and its POSTs.',
  'topic.manage':
    'Own tenant; topics are tenant-wide (code unique per tenant, names, length, roles, offices of the tenant, the need ' +
    'area proposed at check-in). Updates at the version read (stale: 409); bad input 422, nothing written. Audited ' +
    '`topic.manage` (record = the topic, code). Routes: `GET|POST /operatori/agenda/argomenti`.',
  'assistance.read':
    'Own tenant; office-scoped: the requests of services taken in charge by one of the operator’s offices (a ' +
    'coordinator with none assigned sees every office); other offices’ requests are simply not listed. Names, e-mail ' +
    'and the request text are personal data: each list is audited `assistance.read` with the ids returned and the ' +
    'filter names. Sending a request is public (no permission; audited `assistance.create` and `access.register` ' +
    'by the anonymous actor, rate-limited per address). Routes: `GET /api/v1/assistance-requests`, page ' +
    '`/operatori/richieste-assistenza` (name and e-mail to answer, the number linked to the access).',
  'feedback.read':
    'Own tenant (row-level security). The ratings are anonymous (no link to a booking, request or person); coordinators ' +
    'read the counts per page, the star distribution, the follow-up answers by code and the free texts (which may name ' +
    'someone by mistake, hence coordinators only). Audited `feedback.read` with the period and the number of texts ' +
    'shown. Route: `GET /operatori/valutazioni`.',
  'notification.manage':
    'Own tenant (row-level security: another tenant’s messages are neither counted nor found; retrying one is a ' +
    'no-op). Shows the outbox counts by kind and status and the dead letters with kind, attempts, the last error ' +
    'code and a masked address (`g***@example.org`) — never the address or the content; audited (`notification.list`, ' +
    'with the dead-letter ids shown). Retry (one more attempt now) and discard (content erased) act on dead letters ' +
    'only, audited `notification.retry` / `notification.discard` (record = the message); the reminder and follow-up ' +
    'settings are audited `notification.settings` (values only). Refused: 403, audited `denied`. Routes: page ' +
    '`/operatori/notifiche`, `POST /operatori/notifiche/{id}/riprova|scarta`, `POST /operatori/notifiche/impostazioni`.',
};

const cell = (allowed: boolean) => (allowed ? '✅' : '—');

/** The Markdown that belongs between the markers (markers excluded). */
export function renderMatrix(): string {
  const header = `| Module | Action | ${ROLES.map((r) => `\`${r}\``).join(' | ')} |`;
  const rule = `|---|---|${ROLES.map(() => ':-:').join('|')}|`;
  const rows: string[] = [];
  const scopes: string[] = [];
  for (const [module, permissions] of Object.entries(MODULES)) {
    for (const [action, roles] of Object.entries(permissions)) {
      const scope = SCOPES[action];
      if (!scope) throw new Error(`scripts/security-matrix.ts: write the scope rule for action "${action}"`);
      rows.push(`| ${module} | \`${action}\` | ${ROLES.map((r) => cell(roles.includes(r))).join(' | ')} |`);
      scopes.push(`- \`${action}\`: ${scope}`);
    }
  }
  return [
    '<!-- Generated by `npm run docs:security` from the modules’ *.policy.ts files. Do not edit by hand. -->',
    '',
    header,
    rule,
    ...rows,
    '',
    '### Scope of each action',
    '',
    ...scopes,
  ].join('\n');
}

/** The document with the generated matrix in place of whatever is between the markers. */
export function withMatrix(doc: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${SECURITY_DOC} must contain ${START} … ${END}`);
  return `${doc.slice(0, start + START.length)}\n${renderMatrix()}\n${doc.slice(end)}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const doc = readFileSync(SECURITY_DOC, 'utf8');
  const next = withMatrix(doc);
  if (process.argv.includes('--write')) {
    writeFileSync(SECURITY_DOC, next);
    process.stdout.write(next === doc ? 'docs/SECURITY.md already current.\n' : 'docs/SECURITY.md updated.\n');
  } else if (next !== doc) {
    process.stderr.write('docs/SECURITY.md is out of date: run `npm run docs:security`.\n');
    process.exitCode = 1;
  } else {
    process.stdout.write('docs/SECURITY.md is current.\n');
  }
}
