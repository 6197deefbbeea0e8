import type { App } from '../../platform/http/app.ts';
import type { RouteDeps } from '../../platform/http/context.ts';
import { ctxOf, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { getWeek } from './agenda.week.ts';
import { WeekPage } from './agenda.week.views.tsx';

/** `/operatori/agenda/settimana?ufficio=&settimana=&operatore=`: the week view (GET only, works without JavaScript). */
export function registerWeekPage(app: App, deps: RouteDeps): void {
  app.get('/operatori/agenda/settimana', { schema: { hide: true } }, async (request, reply) => {
    requireOperator(request);
    const q = request.query as Record<string, string | undefined>;
    const week = await getWeek(ctxOf(request, deps), q.ufficio, q.settimana, q.operatore || undefined);
    return sendPage(reply, <WeekPage page={pageCtx(request, reply)} week={week} />);
  });
}
