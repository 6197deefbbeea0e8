import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { roleMay } from '../../platform/policy.ts';
import { accessPermissions, todayByOffice } from '../access/index.ts';
import { auditPermissions } from '../audit/index.ts';
import { listPublicOffices, officesPermissions, officesToday } from '../offices/index.ts';
import { countOpeningsToReview, peoplePermissions } from '../people/index.ts';
import { HomePage, OperatorHome, TextPage } from './site.views.tsx';

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
      />,
    );
  });
}
