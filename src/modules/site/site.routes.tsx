import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { type Permissions, roleMay } from '../../platform/policy.ts';
import { accessPermissions, todayByOffice } from '../access/index.ts';
import { appointmentsPermissions, feedbackResultsPermissions, requestPermissions } from '../appointments/index.ts';
import { auditPermissions } from '../audit/index.ts';
import { benefitsPermissions } from '../benefits/index.ts';
import { casesPermissions } from '../cases/index.ts';
import { notificationsPermissions } from '../notifications/index.ts';
import { listPublicOffices, officesPermissions, officesToday } from '../offices/index.ts';
import { countOpeningsToReview, peoplePermissions } from '../people/index.ts';
import { referralsPermissions } from '../referrals/index.ts';
import { HomePage, OperatorHome, TextPage } from './site.views.tsx';

interface WorkLink {
  href: string;
  label: MessageKey;
  permissions: Permissions;
  action: string;
}

const TEXT_PAGES: Record<string, { title: MessageKey; paragraphs: MessageKey[] }> = {
  '/privacy': { title: 'privacy.title', paragraphs: ['privacy.body', 'privacy.cookies'] },
  '/note-legali': { title: 'legal.title', paragraphs: ['legal.body'] },
  '/accessibilita': { title: 'a11y.title', paragraphs: ['a11y.body', 'a11y.feedback'] },
};

export function registerSiteRoutes(app: App, deps: RouteDeps): void {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const offices = await listPublicOffices(deps.db, request.tenant.id);
    return sendPage(reply, <HomePage page={pageCtx(request, reply)} offices={offices} />);
  });

  for (const [url, text] of Object.entries(TEXT_PAGES)) {
    app.get(url, { schema: { hide: true } }, async (request, reply) =>
      sendPage(reply, <TextPage page={pageCtx(request, reply)} {...text} />),
    );
  }

  app.get('/operatori', { schema: { hide: true } }, async (request, reply) => {
    const actor = requireOperator(request);
    // A partner organization's user has its own area: referrals addressed to it and its capacity.
    if (actor.role === 'partner') return reply.redirect('/partner', 303);
    const ctx = ctxOf(request, deps);
    const today = roleMay(officesPermissions, actor, 'office.today') ? await officesToday(ctx) : undefined;
    // Today's accesses per office come from the access register (offices does not import access).
    const accessesToday =
      today && roleMay(accessPermissions, actor, 'access.list') ? await todayByOffice(ctx) : undefined;
    const openingsToReview = roleMay(peoplePermissions, actor, 'confidential.review')
      ? await countOpeningsToReview(ctx)
      : undefined;
    return sendPage(
      reply,
      <OperatorHome
        page={pageCtx(request, reply)}
        name={actor.displayName}
        roleLabel={request.t(`role.${actor.role}`)}
        today={today}
        accessesToday={accessesToday}
        canAudit={roleMay(auditPermissions, actor, 'audit.read')}
        canSearchPeople={roleMay(peoplePermissions, actor, 'person.search')}
        canRegisterAccesses={roleMay(accessPermissions, actor, 'access.register')}
        canReadIndicators={roleMay(accessPermissions, actor, 'indicator.read')}
        canAdministerAccess={roleMay(accessPermissions, actor, 'taxonomy.publish')}
        openingsToReview={openingsToReview}
        workLinks={WORK_LINKS.filter((l) => roleMay(l.permissions, actor, l.action))}
      />,
    );
  });
}

/** The other modules' work pages, each shown to the roles that may use it. */
const WORK_LINKS: WorkLink[] = [
  { href: '/operatori/agenda', label: 'ops.agenda', permissions: appointmentsPermissions, action: 'agenda.read' },
  {
    href: '/operatori/agenda/impostazioni',
    label: 'ops.agendaSettings',
    permissions: appointmentsPermissions,
    action: 'schedule.manage',
  },
  {
    href: '/operatori/agenda/argomenti',
    label: 'ops.agendaTopics',
    permissions: appointmentsPermissions,
    action: 'topic.manage',
  },
  { href: '/operatori/invii', label: 'ops.referrals', permissions: referralsPermissions, action: 'referral.list' },
  { href: '/operatori/casi', label: 'ops.cases', permissions: casesPermissions, action: 'case.read' },
  {
    href: '/operatori/aiuti',
    label: 'ops.benefits',
    permissions: benefitsPermissions,
    action: 'benefit_application.read',
  },
  {
    href: '/operatori/richieste-assistenza',
    label: 'ops.assistanceRequests',
    permissions: requestPermissions,
    action: 'assistance.read',
  },
  {
    href: '/operatori/valutazioni',
    label: 'ops.feedback',
    permissions: feedbackResultsPermissions,
    action: 'feedback.read',
  },
  {
    href: '/operatori/notifiche',
    label: 'ops.notifications',
    permissions: notificationsPermissions,
    action: 'notification.manage',
  },
];
