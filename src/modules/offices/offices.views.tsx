import type { Translate } from '../../platform/i18n/index.ts';
import { Icon } from '../../platform/ui/layout.tsx';
import type { Office, OpeningHours } from './offices.service.ts';

/** Groups slots per weekday: "Lunedì 09:00–12:30, 14:00–16:30". */
export function HoursList({ hours, t }: { hours: OpeningHours[]; t: Translate }) {
  if (hours.length === 0) return <p>{t('home.noHours')}</p>;
  const days = [...new Set(hours.map((h) => h.weekday))];
  return (
    <dl class="office-hours row mb-0">
      {days.map((d) => (
        <div class="col-12 d-flex gap-2" key={d}>
          <dt>{t(`weekday.${d}` as Parameters<Translate>[0])}</dt>
          <dd class="mb-1">
            {hours
              .filter((h) => h.weekday === d)
              .map((h) => `${h.opens}–${h.closes}`)
              .join(', ')}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Demo({ office, field, t }: { office: Office; field: string; t: Translate }) {
  return office.demoValues.includes(field) ? <span class="badge bg-secondary ms-2">{t('site.demo')}</span> : null;
}

export function OfficeCard({ office, t, headingLevel = 3 }: { office: Office; t: Translate; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div class="card card-bg h-100">
      <div class="card-body">
        <div class="category-top">
          <Icon name="it-map-marker" className="icon icon-sm" />{' '}
          <span>{t(office.kind === 'central' ? 'home.office.central' : 'home.office.neighbourhood')}</span>
        </div>
        <Heading class="card-title h5">{office.name}</Heading>
        <p class="card-text mb-2">
          {office.address.street}, {office.address.postcode ? `${office.address.postcode} ` : ''}
          {office.address.city}
          <Demo office={office} field="street" t={t} />
        </p>
        {office.phone ? (
          <p class="card-text mb-2">
            {t('home.phone')}: <a href={`tel:${office.phone.replace(/\s/g, '')}`}>{office.phone}</a>
            <Demo office={office} field="phone" t={t} />
          </p>
        ) : null}
        <p class="fw-semibold mb-1">{t('home.hours')}</p>
        <HoursList hours={office.hours} t={t} />
      </div>
    </div>
  );
}
