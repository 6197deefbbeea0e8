import type { ComponentChildren } from 'preact';
import { direction, LOCALE_NAMES, LOCALES, type Locale, type Translate } from '../i18n/index.ts';

/** What every page needs to draw the furniture around its content. */
export interface PageCtx {
  t: Translate;
  locale: Locale;
  /** Path of the current page, so the language switch can come back to it. */
  path: string;
  tenantName: string;
  operator?: { displayName: string; csrfToken: string } | undefined;
}

export interface Crumb {
  label: string;
  href?: string;
}

export const SPRITES = '/assets/bi/svg/sprites.svg';

export function Icon({ name, className = 'icon' }: { name: string; className?: string }) {
  return (
    <svg class={className} aria-hidden="true" focusable="false">
      <use href={`${SPRITES}#${name}`} />
    </svg>
  );
}

function SlimHeader({ page }: { page: PageCtx }) {
  const { t } = page;
  return (
    <div class="it-header-slim-wrapper">
      <div class="container">
        <div class="row">
          <div class="col-12">
            <div class="it-header-slim-wrapper-content">
              <span class="d-none d-lg-block navbar-brand">{page.tenantName}</span>
              <div class="it-header-slim-right-zone ms-auto">
                <nav aria-label={t('site.language')}>
                  <ul class="link-list d-flex flex-row gap-3 mb-0 ps-0 list-unstyled">
                    {LOCALES.map((l) => (
                      <li key={l}>
                        {l === page.locale ? (
                          <span class="text-white fw-semibold" lang={l} aria-current="true">
                            {LOCALE_NAMES[l]}
                          </span>
                        ) : (
                          <a
                            class="text-white"
                            href={`/lingua/${l}?torna=${encodeURIComponent(page.path)}`}
                            lang={l}
                            hrefLang={l}
                          >
                            {LOCALE_NAMES[l]}
                          </a>
                        )}
                      </li>
                    ))}
                  </ul>
                </nav>
                {page.operator ? (
                  <form method="post" action="/esci" class="ms-3">
                    <input type="hidden" name="_csrf" value={page.operator.csrfToken} />
                    <button type="submit" class="btn btn-primary btn-sm">
                      {t('logout.submit')}
                    </button>
                  </form>
                ) : (
                  <a
                    class="btn btn-primary btn-icon btn-full ms-3"
                    href="/accedi"
                    data-element="personal-area-login"
                    // Below lg the text is display:none and only the icon shows: the name must stay.
                    aria-label={t('site.operatorArea')}
                  >
                    <span class="rounded-icon" aria-hidden="true">
                      <Icon name="it-user" className="icon icon-primary" />
                    </span>
                    <span class="d-none d-lg-block">{t('site.operatorArea')}</span>
                  </a>
                )}
              </div>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}

function CenterHeader({ page }: { page: PageCtx }) {
  return (
    <div class="it-nav-wrapper">
      <div class="it-header-center-wrapper">
        <div class="container">
          <div class="row">
            <div class="col-12">
              <div class="it-header-center-content-wrapper">
                <div class="it-brand-wrapper">
                  <a href="/">
                    <Icon name="it-pa" />
                    <div class="it-brand-text">
                      <div class="it-brand-title">{page.tenantName}</div>
                      <div class="it-brand-tagline d-none d-md-block">{page.t('site.tagline')}</div>
                    </div>
                  </a>
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}

function Footer({ page }: { page: PageCtx }) {
  const { t } = page;
  return (
    <footer class="it-footer" id="footer">
      <div class="it-footer-main">
        <div class="container">
          <div class="row">
            <div class="col-12 footer-items-wrapper logo-wrapper">
              <div class="it-brand-wrapper">
                <a href="/">
                  <Icon name="it-pa" />
                  <div class="it-brand-text">
                    <div class="it-brand-title">{page.tenantName}</div>
                    <div class="it-brand-tagline">{t('site.tagline')}</div>
                  </div>
                </a>
              </div>
            </div>
          </div>
          <div class="row">
            <div class="col-md-6 footer-items-wrapper">
              <h2 class="footer-heading-title h3">{t('site.footer.info')}</h2>
              <ul class="footer-list">
                <li>
                  <a href="/privacy" data-element="privacy-policy-link">
                    {t('site.footer.privacy')}
                  </a>
                </li>
                <li>
                  <a href="/note-legali" data-element="legal-notes">
                    {t('site.footer.legal')}
                  </a>
                </li>
                <li>
                  <a href="/accessibilita" data-element="accessibility-link">
                    {t('site.footer.accessibility')}
                  </a>
                </li>
                <li>
                  <a href="/servizi" data-element="all-services">
                    {t('site.footer.services')}
                  </a>
                </li>
                <li>
                  <a href="/prenota" data-element="appointment-booking">
                    {t('site.footer.booking')}
                  </a>
                </li>
                <li>
                  <a href="/accedi">{t('site.operatorArea')}</a>
                </li>
              </ul>
            </div>
            <div class="col-md-6 footer-items-wrapper">
              <p class="footer-info">{t('site.footer.software')}</p>
            </div>
          </div>
        </div>
      </div>
    </footer>
  );
}

export function Breadcrumb({ page, crumbs }: { page: PageCtx; crumbs: readonly Crumb[] }) {
  const all: Crumb[] = [{ label: page.t('site.home'), href: '/' }, ...crumbs];
  return (
    <nav class="breadcrumb-container" aria-label={page.t('site.breadcrumb')}>
      <ol class="breadcrumb p-0" data-element="breadcrumb">
        {all.map((c, i) =>
          i === all.length - 1 ? (
            <li class="breadcrumb-item active" aria-current="page" key={c.label}>
              {c.label}
            </li>
          ) : (
            <li class="breadcrumb-item" key={c.label}>
              <a href={c.href}>{c.label}</a>
              <span class="separator">/</span>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}

/** The Modello Comuni page furniture: skip links, slim and centre header, breadcrumb, main, footer. */
export function Layout(props: {
  page: PageCtx;
  title: string;
  crumbs?: readonly Crumb[];
  children: ComponentChildren;
}) {
  const { page } = props;
  return (
    <html lang={page.locale} dir={direction(page.locale)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} — ${page.t('site.tagline')} — ${page.tenantName}`}</title>
        <link rel="stylesheet" href="/assets/bi/css/bootstrap-italia.min.css" />
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <div class="skiplinks">
          <a class="visually-hidden-focusable" href="#main-container">
            {page.t('site.skip.main')}
          </a>
          <a class="visually-hidden-focusable" href="#footer">
            {page.t('site.skip.footer')}
          </a>
        </div>
        <header class="it-header-wrapper">
          <SlimHeader page={page} />
          <CenterHeader page={page} />
        </header>
        <main id="main-container" class="container my-4">
          {props.crumbs ? <Breadcrumb page={page} crumbs={props.crumbs} /> : null}
          {props.children}
        </main>
        <Footer page={page} />
      </body>
    </html>
  );
}
