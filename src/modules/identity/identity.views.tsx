import { Alert, Csrf, TextField } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';

export function LoginPage(props: { page: PageCtx; csrf: string; username?: string; error?: string; notice?: string }) {
  const { t } = props.page;
  return (
    <Layout page={props.page} title={t('login.title')} crumbs={[{ label: t('login.title') }]}>
      <div class="row">
        <div class="col-lg-6">
          <h1>{t('login.title')}</h1>
          <p class="lead">{t('login.lead')}</p>
          {props.error ? <Alert kind="danger">{props.error}</Alert> : null}
          {props.notice ? <Alert kind="info">{props.notice}</Alert> : null}
          <form method="post" action="/accedi" class="mt-4">
            <Csrf token={props.csrf} />
            <TextField
              id="username"
              name="username"
              label={t('login.username')}
              value={props.username}
              required
              autocomplete="username"
            />
            <TextField
              id="password"
              name="password"
              type="password"
              label={t('login.password')}
              required
              autocomplete="current-password"
            />
            <button type="submit" class="btn btn-primary">
              {t('login.submit')}
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

export type PasswordErrors = Partial<Record<'current' | 'next' | 'confirm', string>>;

export function PasswordPage(props: { page: PageCtx; csrf: string; errors?: PasswordErrors; done?: boolean }) {
  const { t } = props.page;
  const errors = props.errors ?? {};
  return (
    <Layout
      page={props.page}
      title={t('password.title')}
      crumbs={[{ label: t('ops.title'), href: '/operatori' }, { label: t('password.title') }]}
    >
      <div class="row">
        <div class="col-lg-6">
          <h1>{t('password.title')}</h1>
          {props.done ? <Alert kind="success">{t('password.changed')}</Alert> : null}
          {Object.keys(errors).length ? <Alert kind="danger">{t('form.errors')}</Alert> : null}
          <form method="post" action="/operatori/password" class="mt-4">
            <Csrf token={props.csrf} />
            <TextField
              id="current"
              name="current"
              type="password"
              label={t('password.current')}
              error={errors.current}
              required
              autocomplete="current-password"
            />
            <TextField
              id="next"
              name="next"
              type="password"
              label={t('password.new')}
              hint={t('password.newHint')}
              error={errors.next}
              required
              autocomplete="new-password"
            />
            <TextField
              id="confirm"
              name="confirm"
              type="password"
              label={t('password.confirm')}
              error={errors.confirm}
              required
              autocomplete="new-password"
            />
            <button type="submit" class="btn btn-primary">
              {t('password.submit')}
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}
