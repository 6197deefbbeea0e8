import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { flatten, RowSet } from './hsds.flatten.ts';
import { CSV_FILE, HSDS_TABLES, type HsdsTable, toRow } from './hsds.model.ts';
import { type SchemaError, tableSchema, validateAgainst, validateTableRow } from './hsds.schemas.ts';

/** One problem of an import file: which record, where in it (JSON pointer), what. */
export interface ImportProblem {
  source: string; // file name, and line for CSV ("services.csv:4") or index for JSON ("[3]")
  recordId: string | null;
  pointer: string;
  message: string;
}

export interface ReadResult {
  kind: 'json' | 'tabular';
  rows: RowSet;
  records: number;
  problems: ImportProblem[];
  warnings: string[];
}

export type Progress = (p: { phase: 'checking' | 'importing'; done: number; total: number }) => void;

const problemsOf = (source: string, id: unknown, errors: SchemaError[]): ImportProblem[] =>
  errors.map((e) => ({ source, recordId: typeof id === 'string' ? id : null, pointer: e.pointer, message: e.message }));

/** Reads a JSON file of full HSDS services: an array, one service, or a page ({ contents: [...] }). */
export function readServicesJson(text: string, file: string, onProgress?: Progress): ReadResult {
  const rows = new RowSet();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const problem = { source: file, recordId: null, pointer: '', message: `not JSON: ${(err as Error).message}` };
    return { kind: 'json', rows, records: 0, problems: [problem], warnings: [] };
  }
  const list: unknown[] = Array.isArray(value)
    ? value
    : value && typeof value === 'object' && Array.isArray((value as { contents?: unknown }).contents)
      ? (value as { contents: unknown[] }).contents
      : [value];
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  list.forEach((service, i) => {
    const id = (service as { id?: unknown } | null)?.id;
    const errors = validateAgainst('service', service);
    if (typeof id === 'string' && seen.has(id)) errors.push({ pointer: '/id', message: 'appears twice in the file' });
    if (typeof id === 'string') seen.add(id);
    problems.push(...problemsOf(`${file}[${i}]`, id, errors));
    if (errors.length === 0) flatten('service', service as Record<string, unknown>, rows);
    if (onProgress && ((i + 1) % 100 === 0 || i + 1 === list.length))
      onProgress({ phase: 'checking', done: i + 1, total: list.length });
  });
  return { kind: 'json', rows, records: list.length, problems, warnings: [] };
}

/** CSV text → records typed as the table schema says (numbers as numbers; empty cells left out). */
function typedRecord(table: HsdsTable, raw: Record<string, string>): Record<string, unknown> {
  const { properties: props, required = [] } = tableSchema(table);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    // An empty cell is an absent value, except in a required column (metadata.previous_value may be "").
    if (v === '' && !required.includes(k)) continue;
    const type = props[k]?.type;
    out[k] = type === 'number' || type === 'integer' ? (/^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v) : v;
  }
  return out;
}

/** Which CSV file holds which table: datapackage.json's resources, or the standard file names. */
async function packageFiles(dir: string, warnings: string[]): Promise<Map<HsdsTable, string>> {
  const files = new Map<HsdsTable, string>();
  try {
    const pkg = JSON.parse(await readFile(path.join(dir, 'datapackage.json'), 'utf8')) as {
      resources?: { name?: string; path?: string }[];
    };
    for (const r of pkg.resources ?? []) {
      const table = HSDS_TABLES.find((t) => t === r.name || CSV_FILE[t] === r.path);
      if (table && r.path) files.set(table, path.join(dir, r.path));
      else warnings.push(`datapackage.json: resource ${r.name ?? r.path} is not an HSDS table; ignored`);
    }
  } catch {
    warnings.push('datapackage.json missing or unreadable: looking for the standard HSDS file names');
  }
  if (files.size === 0)
    for (const t of HSDS_TABLES) {
      const file = path.join(dir, CSV_FILE[t]);
      if (await stat(file).catch(() => undefined)) files.set(t, file);
    }
  return files;
}

/** Reads an HSDS tabular data package (a folder of CSV files, datapackage.json). */
export async function readTabular(dir: string, onProgress?: Progress): Promise<ReadResult> {
  const rows = new RowSet();
  const problems: ImportProblem[] = [];
  const warnings: string[] = [];
  const files = await packageFiles(dir, warnings);
  let records = 0;
  for (const [table, file] of files) {
    const name = path.basename(file);
    let parsed: Record<string, string>[];
    try {
      parsed = parse(await readFile(file), { columns: true, bom: true, skip_empty_lines: true }) as Record<
        string,
        string
      >[];
    } catch (err) {
      problems.push({ source: name, recordId: null, pointer: '', message: `not CSV: ${(err as Error).message}` });
      continue;
    }
    const known = tableSchema(table).properties;
    const unknown = Object.keys(parsed[0] ?? {}).filter((c) => !(c in known));
    if (unknown.length) warnings.push(`${name}: columns not in HSDS 3.0, ignored: ${unknown.join(', ')}`);
    const seen = new Set<string>();
    parsed.forEach((raw, i) => {
      const record = typedRecord(table, raw);
      for (const c of unknown) delete record[c];
      const errors = validateTableRow(table, record);
      const id = record.id;
      if (typeof id === 'string' && seen.has(id)) errors.push({ pointer: '/id', message: 'appears twice in the file' });
      if (typeof id === 'string') seen.add(id);
      problems.push(...problemsOf(`${name}:${i + 2}`, id, errors));
      if (errors.length === 0) rows.add(toRow(table, record, i));
    });
    records += parsed.length;
    onProgress?.({ phase: 'checking', done: records, total: records });
  }
  if (files.size === 0) problems.push({ source: dir, recordId: null, pointer: '', message: 'no HSDS CSV files found' });
  return { kind: 'tabular', rows, records, problems, warnings };
}

/** A path to a JSON file, a datapackage.json, or a folder holding the tabular package. */
export async function readHsds(p: string, onProgress?: Progress): Promise<ReadResult> {
  const s = await stat(p);
  if (s.isDirectory()) return readTabular(p, onProgress);
  if (path.basename(p) === 'datapackage.json') return readTabular(path.dirname(p), onProgress);
  return readServicesJson(await readFile(p, 'utf8'), path.basename(p), onProgress);
}
