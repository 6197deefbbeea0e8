import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import type { RouteDeps } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { messagesFor } from '../../platform/i18n/index.ts';
import { Alert, Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { followUpMessages } from './followup.messages.ts';
import { answerFollowUp, type FollowUpState, followUpState } from './followup.service.ts';
import { FOLLOW_UP_ANSWERS } from './referrals.model.ts';

type Shown = FollowUpState | 'recorded' | 'invalid';

function FollowUpPage(props: { page: PageCtx; state: Shown; token: string; csrf: string }) {
  const m = messagesFor(followUpMessages, props.page.locale);
  const { state } = props;
  return (
    <Layout page={props.page} title={m('title')}>
      <h1>{m('title')}</h1>
      {state === 'open' || state === 'invalid' ? (
        <>
          {state === 'invalid' ? <Alert kind="danger">{m('invalid')}</Alert> : null}
          <p class="lead">{m('lead')}</p>
          <div class="d-flex flex-column flex-sm-row gap-3">
            {FOLLOW_UP_ANSWERS.map((a) => (
              <form method="post" action={`/esito/${props.token}`}>
                <Csrf token={props.csrf} />
                <input type="hidden" name="answer" value={a} />
                <button type="submit" class={`btn btn-lg ${a === 'yes' ? 'btn-primary' : 'btn-outline-primary'}`}>
                  {m(a)}
                </button>
              </form>
            ))}
          </div>
        </>
      ) : state === 'recorded' ? (
        <>
          <Alert kind="success">{m('thanks')}</Alert>
          <p>{m('thanksMore')}</p>
        </>
      ) : (
        <>
          <Alert kind={state === 'used' ? 'info' : 'warning'}>{m(state)}</Alert>
          <p>{m('help')}</p>
        </>
      )}
    </Layout>
  );
}

const STATUS: Record<Shown, number> = { open: 200, recorded: 200, used: 410, expired: 410, unknown: 404, invalid: 422 };
const Params = Type.Object({ token: Type.String({ maxLength: 200 }) });

/**
 * The person's one-click answer page: no login; the link carries a single-use random token (never the
 * referral id). GET shows the question, POST stores the answer once.
 */
export function registerFollowUpPages(app: App, deps: RouteDeps): void {
  app.get('/esito/:token', { schema: { hide: true, params: Params } }, async (request, reply) => {
    const state = await followUpState(deps.db, deps.clock, request.params.token);
    reply.header('referrer-policy', 'no-referrer');
    return sendPage(
      reply,
      <FollowUpPage
        page={pageCtx(request, reply)}
        state={state}
        token={request.params.token}
        csrf={reply.generateCsrf()}
      />,
      STATUS[state],
    );
  });

  app.post(
    '/esito/:token',
    {
      schema: {
        hide: true,
        params: Params,
        body: Type.Object({ answer: Type.String({ maxLength: 20 }), _csrf: Type.Optional(Type.String()) }),
      },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const state = await answerFollowUp(deps.db, deps.clock, request.params.token, request.body.answer);
      reply.header('referrer-policy', 'no-referrer');
      return sendPage(
        reply,
        <FollowUpPage
          page={pageCtx(request, reply)}
          state={state}
          token={request.params.token}
          csrf={reply.generateCsrf()}
        />,
        STATUS[state],
      );
    },
  );
}
