import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { rowsWhere, type StoredRow } from './hsds.repository.ts';
import { expandQuery, type SearchFilters, searchServiceIds } from './search.repository.ts';

/** A text in the page's language when translated, else the Italian source (marked lang="it"). */
export interface Text {
  text: string;
  lang: Locale;
}

function field(row: Pick<StoredRow, 'data' | 'translations'>, name: string, locale: Locale): Text | undefined {
  const translated = locale !== 'it' ? row.translations?.[locale]?.[name] : undefined;
  if (translated) return { text: translated, lang: locale };
  const source = row.data[name];
  return typeof source === 'string' && source.trim() !== '' ? { text: source, lang: 'it' } : undefined;
}

export interface ServiceCard {
  id: string;
  name: Text;
  description?: Text;
  organization?: string;
  needAreas: string[];
}

export interface ServicePageView {
  id: string;
  name: Text;
  status: string;
  alternateName?: Text;
  description?: Text;
  eligibility?: Text;
  minimumAge?: number;
  maximumAge?: number;
  applicationProcess?: Text;
  fees?: Text;
  waitTime?: Text;
  alert?: Text;
  url?: string;
  email?: string;
  organization?: { id: string; name: string; website?: string };
  documents: { text: Text; uri?: string }[];
  costs: { option?: Text; amount?: number; currency?: string; description?: Text }[];
  languages: string[];
  phones: { number: string; description?: Text; demo: boolean }[];
  locations: {
    name?: Text;
    address?: string;
    transportation?: Text;
    schedules: { description?: Text; byday?: string; opens?: string; closes?: string; demo: boolean }[];
  }[];
  schedules: { description?: Text; byday?: string; opens?: string; closes?: string; demo: boolean }[];
  offices: { id: string; name: string }[];
  needAreas: { code: string; label: string }[];
  targetGroups: string[];
  assuredDate?: string;
  lastModified: Date;
  demo: string[];
  /** Appointment topic the service is booked under (the booking link's `argomento`). */
  topicCode?: string;
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

const scheduleView = (s: StoredRow, locale: Locale) => ({
  description: field(s, 'description', locale),
  byday: text(s.data.byday),
  opens: text(s.data.opens_at)?.slice(0, 5),
  closes: text(s.data.closes_at)?.slice(0, 5),
  demo: Boolean((s.demo_values as string[] | undefined)?.length),
});

async function needAreaLabels(trx: Executor, serviceIds: string[], locale: Locale) {
  if (serviceIds.length === 0) return [];
  const r = await sql<{ service_id: string; code: string; label: string }>`
    SELECT l.service_id, l.need_area_code AS code,
      coalesce((SELECT CASE WHEN ${locale} = 'en' THEN na.label_en ELSE na.label_it END
        FROM need_area na JOIN need_taxonomy_version v ON v.id = na.taxonomy_version_id
        WHERE na.code = l.need_area_code ORDER BY v.version DESC LIMIT 1), l.need_area_code) AS label
    FROM directory_service_need_area l WHERE l.service_id = ANY(${serviceIds}::uuid[])
    ORDER BY label`.execute(trx);
  return r.rows;
}

/** One service as its public page shows it (run inside withTenant). */
export async function servicePage(trx: Executor, id: string, locale: Locale): Promise<ServicePageView | undefined> {
  const [s] = await rowsWhere(trx, 'service', 'id', [id]);
  if (!s) return undefined;
  const [org] = s.organization_id ? await rowsWhere(trx, 'organization', 'id', [s.organization_id as string]) : [];
  const docs = await rowsWhere(trx, 'required_document', 'service_id', [id]);
  const costs = await rowsWhere(trx, 'cost_option', 'service_id', [id]);
  const langs = await rowsWhere(trx, 'language', 'service_id', [id]);
  const phones = await rowsWhere(trx, 'phone', 'service_id', [id]);
  const schedules = await rowsWhere(trx, 'schedule', 'service_id', [id]);
  const sals = await rowsWhere(trx, 'service_at_location', 'service_id', [id]);
  const locations = await rowsWhere(trx, 'location', 'id', sals.map((x) => x.location_id as string).filter(Boolean));
  const addresses = await rowsWhere(
    trx,
    'address',
    'location_id',
    locations.map((l) => l.id),
  );
  const locSchedules = await rowsWhere(
    trx,
    'schedule',
    'location_id',
    locations.map((l) => l.id),
  );
  const offices = await sql<{ id: string; name: string }>`SELECT o.id, o.name FROM directory_service_office so
    JOIN office o ON o.id = so.office_id WHERE so.service_id = ${id} ORDER BY so.position, o.name`.execute(trx);
  const groups = await trx
    .selectFrom('directory_service_target_group')
    .select('target_group')
    .where('service_id', '=', id)
    .execute();
  const demo = [
    ...((s.demo_values as string[]) ?? []),
    ...phones.flatMap((p) => ((p.demo_values as string[]).length ? ['phone'] : [])),
  ];
  return {
    id,
    name: field(s, 'name', locale) ?? { text: '', lang: 'it' },
    status: text(s.data.status) ?? 'active',
    alternateName: field(s, 'alternate_name', locale),
    description: field(s, 'description', locale),
    eligibility: field(s, 'eligibility_description', locale),
    minimumAge: typeof s.data.minimum_age === 'number' ? s.data.minimum_age : undefined,
    maximumAge: typeof s.data.maximum_age === 'number' ? s.data.maximum_age : undefined,
    applicationProcess: field(s, 'application_process', locale),
    fees: field(s, 'fees_description', locale),
    waitTime: field(s, 'wait_time', locale),
    alert: field(s, 'alert', locale),
    url: text(s.data.url),
    email: text(s.data.email),
    organization: org ? { id: org.id, name: text(org.data.name) ?? '', website: text(org.data.website) } : undefined,
    documents: docs.map((d) => ({
      text: field(d, 'document', locale) ?? { text: '', lang: 'it' },
      uri: text(d.data.uri),
    })),
    costs: costs.map((c) => ({
      option: field(c, 'option', locale),
      amount: typeof c.data.amount === 'number' ? c.data.amount : undefined,
      currency: text(c.data.currency),
      description: field(c, 'amount_description', locale),
    })),
    languages: langs.map((l) => text(l.data.name) ?? text(l.data.code) ?? '').filter(Boolean),
    phones: phones.map((p) => ({
      number: text(p.data.number) ?? '',
      description: field(p, 'description', locale),
      demo: (p.demo_values as string[]).length > 0,
    })),
    locations: locations.map((l) => {
      const a = addresses.find((x) => x.location_id === l.id);
      return {
        name: field(l, 'name', locale),
        address: a ? [a.data.address_1, a.data.postal_code, a.data.city].filter(Boolean).join(', ') : undefined,
        transportation: field(l, 'transportation', locale),
        schedules: locSchedules
          .filter((x) => x.location_id === l.id && !x.service_id)
          .map((x) => scheduleView(x, locale)),
      };
    }),
    schedules: schedules.map((x) => scheduleView(x, locale)),
    offices: offices.rows,
    needAreas: (await needAreaLabels(trx, [id], locale)).map(({ code, label }) => ({ code, label })),
    targetGroups: groups.map((g) => g.target_group),
    assuredDate: text(s.data.assured_date),
    lastModified: s.modified_at,
    demo,
    topicCode: text(s.appointment_topic_code),
  };
}

/** A page of search results as cards (public pages and the operators' interview screen). */
export async function searchCards(
  trx: Executor,
  q: string,
  filters: SearchFilters,
  page: { offset: number; limit: number },
  locale: Locale,
): Promise<{ cards: ServiceCard[]; total: number }> {
  const terms = q.trim() ? await expandQuery(trx, q) : [];
  const found = await searchServiceIds(trx, terms, { ...filters, activeOnly: true }, page);
  const rows = await rowsWhere(trx, 'service', 'id', found.ids);
  const orgs = await rowsWhere(trx, 'organization', 'id', rows.map((r) => r.organization_id as string).filter(Boolean));
  const areas = await needAreaLabels(trx, found.ids, locale);
  const cards = found.ids
    .map((id) => rows.find((r) => r.id === id))
    .filter((r): r is StoredRow => !!r)
    .map((r) => ({
      id: r.id,
      name: field(r, 'name', locale) ?? { text: '', lang: 'it' as Locale },
      description: field(r, 'description', locale),
      organization: text(orgs.find((o) => o.id === r.organization_id)?.data.name),
      needAreas: areas.filter((a) => a.service_id === r.id).map((a) => a.label),
    }));
  return { cards, total: found.total };
}

/** Filter choices: need areas of the current taxonomy and neighbourhoods. */
export async function filterChoices(trx: Executor, locale: Locale) {
  const areas = await sql<{ code: string; label: string; parent_code: string | null }>`
    SELECT na.code, CASE WHEN ${locale} = 'en' THEN na.label_en ELSE na.label_it END AS label, na.parent_code
    FROM need_area na WHERE na.taxonomy_version_id = (SELECT id FROM need_taxonomy_version ORDER BY version DESC LIMIT 1)
    ORDER BY na.sort_order, label`.execute(trx);
  const neighbourhoods = await trx.selectFrom('neighbourhood').select(['id', 'name']).orderBy('name').execute();
  const languages = await sql<{ code: string }>`SELECT DISTINCT lower(data->>'code') AS code FROM hsds_language
    WHERE data->>'code' ~* '^[a-z]{2,3}$' AND service_id IS NOT NULL ORDER BY 1`.execute(trx);
  return { areas: areas.rows, neighbourhoods, languages: languages.rows.map((l) => l.code) };
}
