import pg from 'pg';

/**
 * Name search at scale (issue 3: p95 under 100 ms with 1,000,000 persons).
 *
 * The generator writes synthetic people with SQL (generate_series): given names from a list of 80
 * Italian and foreign names; family names: one in five from 60 common real surnames (each then
 * carries ~0.3% of people, about Rossi's share in Italy), the rest built from four syllables
 * (160,000 combinations, Italy has ~350,000 distinct surnames); given and family names are drawn
 * independently, so no pair is more common than chance; birth dates spread over 1930–2020; no tax
 * codes or addresses. Nothing here resembles a real person's record.
 * BENCH_PEOPLE sets the count (default 1,000,000).
 */
const GIVEN = [
  'Mario',
  'Giuseppe',
  'Giovanni',
  'Luca',
  'Marco',
  'Francesco',
  'Alessandro',
  'Andrea',
  'Matteo',
  'Lorenzo',
  'Paolo',
  'Stefano',
  'Roberto',
  'Davide',
  'Simone',
  'Federico',
  'Riccardo',
  'Nicolò',
  'Gabriele',
  'Tommaso',
  'Maria',
  'Anna',
  'Giulia',
  'Francesca',
  'Chiara',
  'Sara',
  'Laura',
  'Valentina',
  'Alessia',
  'Martina',
  'Elena',
  'Silvia',
  'Paola',
  'Federica',
  'Roberta',
  'Giorgia',
  'Sofia',
  'Aurora',
  'Beatrice',
  'Caterina',
  'Ahmed',
  'Mohamed',
  'Fatima',
  'Aisha',
  'Youssef',
  'Amina',
  'Omar',
  'Khadija',
  'Ion',
  'Elena Maria',
  'Andrei',
  'Ioana',
  'Olena',
  'Oksana',
  'Dmytro',
  'Wei',
  'Li',
  'Jing',
  'Xin',
  'Priya',
  'Rahul',
  'Anjali',
  'Chinedu',
  'Ngozi',
  'Kwame',
  'Abena',
  'José',
  'María José',
  'Luis',
  'Carmen',
  'Ana',
  'Juan',
  'Gjergj',
  'Arta',
  'Besnik',
  'Mihaela',
  'Gheorghe',
  'Natalia',
  'Svetlana',
  'Ji-woo',
];
const SURNAMES = [
  'Rossi',
  'Russo',
  'Ferrari',
  'Esposito',
  'Bianchi',
  'Romano',
  'Colombo',
  'Ricci',
  'Marino',
  'Greco',
  'Bruno',
  'Gallo',
  'Conti',
  'De Luca',
  'Mancini',
  'Costa',
  'Giordano',
  'Rizzo',
  'Lombardi',
  'Moretti',
  'Barbieri',
  'Fontana',
  'Santoro',
  'Mariani',
  'Rinaldi',
  'Caruso',
  'Ferrara',
  'Galli',
  'Martini',
  'Leone',
  'Longo',
  'Gentile',
  'Martinelli',
  'Vitale',
  'Lombardo',
  'Serra',
  'Coppola',
  'De Santis',
  "D'Angelo",
  'Marchetti',
  'Brambilla',
  'Villa',
  'Sala',
  'Cattaneo',
  'Pozzi',
  'Fumagalli',
  'Redaelli',
  'Mauri',
  'Galbiati',
  'Riva',
  'El Amrani',
  'Benali',
  'Popescu',
  'Ionescu',
  'Kovalenko',
  'Shevchenko',
  'Wang',
  'Chen',
  'Singh',
  'Okafor',
];
const SYLLABLES = [
  [
    'Bra',
    'Col',
    'Fer',
    'Man',
    'Ros',
    'Ric',
    'Gal',
    'Con',
    'Mar',
    'Bel',
    'Cav',
    'Dal',
    'Pel',
    'San',
    'Tor',
    'Val',
    'Zan',
    'Lom',
    'Nar',
    'Ser',
  ],
  [
    'ta',
    'ri',
    'ne',
    'li',
    'ca',
    'ga',
    'lo',
    'mi',
    'sa',
    'ti',
    'ro',
    've',
    'do',
    'ba',
    'pe',
    'nu',
    'go',
    'le',
    'ma',
    'zi',
  ],
  [
    'ni',
    'ssi',
    'lli',
    'tti',
    'ri',
    'no',
    'ra',
    'ghi',
    'zzi',
    'ci',
    'sco',
    'rdi',
    'nti',
    'ldi',
    'cchi',
    'gni',
    'tto',
    'rra',
    'sio',
    'lla',
  ],
];

/** The person table's trigram indexes (migrations 0002 and 0005), rebuilt after a bulk load. */
const TRIGRAM_INDEXES = [
  { name: 'person_name_trgm', expression: 'name_key' },
  { name: 'person_family_key_trgm', expression: 'family_key' },
  { name: 'person_given_key_trgm', expression: 'given_key' },
];

const literal = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]`;

export async function generatePeople(
  url: string,
  tenantId: string,
  count: number,
  log: (m: string) => void,
): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = Date.now();
    // Building the trigram indexes once after the load is much faster than maintaining them row by row.
    for (const index of TRIGRAM_INDEXES) await client.query(`DROP INDEX IF EXISTS ${index.name}`);
    const batch = 100_000;
    for (let from = 1; from <= count; from += batch) {
      const to = Math.min(count, from + batch - 1);
      await client.query(
        `INSERT INTO person (id, tenant_id, given_names, family_names, sex, birth_year, birth_month, birth_day, citizenships, created_at, updated_at)
         SELECT gen_random_uuid(), $1,
                g[(1 + h.given % array_length(g, 1))::int],
                CASE WHEN h.family % 5 = 0 THEN f[(1 + (h.family / 5) % array_length(f, 1))::int]
                     ELSE s1[(1 + h.family % 20)::int] || s2[(1 + (h.family / 20) % 20)::int]
                          || s2[(1 + (h.family / 400) % 20)::int] || s3[(1 + (h.family / 8000) % 20)::int] END,
                CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END,
                (1930 + (i * 37) % 91)::int, (1 + (i * 11) % 12)::int, (1 + (i * 7) % 28)::int,
                CASE WHEN i % 8 = 0 THEN ARRAY['MA'] ELSE ARRAY['IT'] END,
                now(), now()
         FROM generate_series($2::bigint, $3::bigint) AS i,
              -- Independent hashes for the given and the family name, so no pair is more common than chance.
              LATERAL (SELECT abs(hashint8(i)::bigint) AS given, abs(hashint8(-i)::bigint) AS family) AS h,
              (SELECT ${literal(GIVEN)} AS g, ${literal(SURNAMES)} AS f,
                      ${literal(SYLLABLES[0] ?? [])} AS s1, ${literal(SYLLABLES[1] ?? [])} AS s2, ${literal(SYLLABLES[2] ?? [])} AS s3) AS names`,
        [tenantId, from, to],
      );
      log(`  ${to.toLocaleString('en')} / ${count.toLocaleString('en')} people`);
    }
    log('  building the trigram indexes…');
    for (const index of TRIGRAM_INDEXES) {
      await client.query(`CREATE INDEX ${index.name} ON person USING gin (${index.expression} gin_trgm_ops)`);
    }
    await client.query('ANALYZE person');
    log(`  generated in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await client.end();
  }
}

/** One typo in the family name, as an operator would type it in a hurry: a letter dropped or doubled. */
function misspell(name: string, i: number): string {
  const at = 1 + (i % Math.max(1, name.length - 2));
  return i % 2 === 0 ? name.slice(0, at) + name.slice(at + 1) : name.slice(0, at) + (name[at] ?? '') + name.slice(at);
}

export interface PeopleQueries {
  misspelledNames: string[];
  birthDates: string[];
}

/** Queries drawn from the generated people themselves, so every search has someone to find. */
export async function sampleQueries(url: string, tenantId: string, n: number): Promise<PeopleQueries> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await client.query<{
      family_names: string;
      given_names: string;
      birth_year: number;
      birth_month: number;
      birth_day: number;
    }>(
      'SELECT family_names, given_names, birth_year, birth_month, birth_day FROM person WHERE tenant_id = $1 ORDER BY random() LIMIT $2',
      [tenantId, n],
    );
    return {
      misspelledNames: rows.rows.map((r, i) => `${misspell(r.family_names, i)} ${r.given_names}`),
      birthDates: rows.rows.map((r) => `${r.birth_day}/${r.birth_month}/${r.birth_year}`),
    };
  } finally {
    await client.end();
  }
}

export interface LatencySummary {
  name: string;
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Sends the searches one at a time (the latency a person at the desk feels), through the real API. */
export async function measureSearches(
  name: string,
  baseUrl: string,
  token: string,
  queries: string[],
  expectHits: boolean,
): Promise<LatencySummary> {
  const times: number[] = [];
  let empty = 0;
  for (const q of queries) {
    const started = performance.now();
    const res = await fetch(`${baseUrl}/api/v1/people?q=${encodeURIComponent(q)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { items?: unknown[] };
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status} for a search`);
    if ((body.items?.length ?? 0) === 0) empty++;
  }
  if (expectHits && empty > queries.length * 0.05)
    throw new Error(`${name}: ${empty} of ${queries.length} searches found nobody`);
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  return { name, count: times.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: times[times.length - 1] ?? 0 };
}

export function latencyTable(rows: LatencySummary[], baseline: LatencySummary): string {
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const lines = [
    '| Search (sequential, through `GET /api/v1/people?q=`) | Queries | p50 | p95 | p99 | max | p95 ÷ baseline p95 |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.count} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${(r.p95 / baseline.p95).toFixed(2)} |`,
    ),
  ];
  return lines.join('\n');
}
