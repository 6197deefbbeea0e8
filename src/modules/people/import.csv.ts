import { CsvError, parse } from 'csv-parse/sync';
import { DomainError } from '../../platform/errors.ts';

/**
 * Reading a population-register extract (docs/IMPORT.md): UTF-8, a header row, ';' or ',' between
 * fields (whichever the header uses), values trimmed. Structural problems of the file (not UTF-8,
 * unclosed quote, missing required columns) stop everything; problems of a row are reported per row.
 */
export const COLUMNS = [
  'codice_fiscale',
  'cognome',
  'nome',
  'sesso',
  'data_nascita',
  'codice_comune_nascita',
  'cittadinanza',
  'indirizzo',
  'civico',
  'cap',
  'codice_comune',
  'codice_famiglia',
  'relazione_parentela',
  'data_iscrizione',
] as const;
export type Column = (typeof COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly Column[] = ['codice_fiscale', 'cognome', 'nome'];

export interface CsvRow {
  /** Line of the file where the record starts (the header is line 1). */
  line: number;
  values: Partial<Record<Column, string>>;
  /** The record had more or fewer fields than the header. */
  ragged: boolean;
}

export interface ParsedCsv {
  columns: Column[];
  /** Header names we do not know; their values are ignored. */
  ignored: string[];
  rows: CsvRow[];
}

export class ImportFileError extends DomainError {
  constructor(message: string) {
    super(422, 'bad-import-file', message);
  }
}

/** ';' is what Italian spreadsheets and register software write; ',' is accepted too. */
function delimiterOf(headerLine: string): ';' | ',' {
  const count = (c: string) => headerLine.split(c).length - 1;
  return count(';') >= count(',') ? ';' : ',';
}

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ImportFileError(
      'The file is not UTF-8 text. Save it as "CSV UTF-8" or convert it (e.g. iconv -f WINDOWS-1252 -t UTF-8).',
    );
  }
}

export function parseRegisterCsv(bytes: Uint8Array): ParsedCsv {
  const text = decode(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  let records: { info: { lines: number }; record: string[] }[];
  try {
    records = parse(text, {
      delimiter: delimiterOf(firstLine),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      throw new ImportFileError(`The file cannot be read as CSV${line ? ` near line ${line}` : ''}: ${err.code}`);
    }
    throw err;
  }
  const [header, ...body] = records;
  if (!header) throw new ImportFileError('The file is empty: a header row is required.');
  const names = header.record.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) {
    throw new ImportFileError(`The header row lacks required column(s): ${missing.join(', ')} (see docs/IMPORT.md).`);
  }
  const known = new Set<string>(COLUMNS);
  const repeated = names.filter((n, i) => known.has(n) && names.indexOf(n) !== i);
  if (repeated.length) throw new ImportFileError(`Column(s) appear twice in the header: ${repeated.join(', ')}.`);
  const rows = body.map(({ info, record }) => {
    const values: Partial<Record<Column, string>> = {};
    names.forEach((name, i) => {
      if (known.has(name)) values[name as Column] = record[i] ?? '';
    });
    const newlines = record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
    return { line: info.lines - newlines, values, ragged: record.length !== names.length };
  });
  return {
    columns: names.filter((n): n is Column => known.has(n)),
    ignored: names.filter((n) => !known.has(n)),
    rows,
  };
}
