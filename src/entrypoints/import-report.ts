import type { ImportOptions, ImportSummary } from '../modules/people/index.ts';

/** What each row error code means, for the clerk who fixes the file (docs/IMPORT.md lists them too). */
const MEANING: Record<string, string> = {
  required: 'is required',
  tooLong: 'is too long',
  columnCount: 'has more or fewer fields than the header',
  taxCodeFormat: 'is not a tax code (16 characters, or 11 digits for a provisional code)',
  taxCodeChecksum: 'has a wrong check character (last letter): probably a typing error',
  duplicateInFile: 'appears on more than one row of the file',
  dateFormat: 'is not a date (gg/mm/aaaa, 00 for an unknown day or month, or aaaa)',
  birthDateInvalid: 'is not a real date',
  birthDateFuture: 'is in the future',
  birthplaceUnknown: 'is not a known municipality or country code (Belfiore)',
  municipalityUnknown: 'is not a known municipality code (Belfiore)',
  streetRequired: 'is required for a residence',
  sexInvalid: 'must be M or F',
  citizenshipInvalid: 'must be ISO two-letter country codes separated by |',
  relationshipUnknown: 'is not a known relationship code (ANPR table 5)',
  twoReferences: 'names two reference persons (intestatari) in the same family',
};

/**
 * Progress on stderr: a percentage rewritten in place on a terminal, a line per 1,000 rows otherwise
 * (so a log file stays readable).
 */
export function progressOn(stream: NodeJS.WriteStream): NonNullable<ImportOptions['onProgress']> {
  let lastLine = 0;
  return ({ phase, done, total }) => {
    const label = phase === 'checking' ? 'Checking' : 'Importing';
    if (stream.isTTY) {
      stream.write(`\r${label}: ${done}/${total} (${Math.floor((done / Math.max(total, 1)) * 100)}%)`);
      if (done === total) stream.write('\n');
    } else if (Math.floor(done / 1000) > Math.floor(lastLine / 1000) || done === total) {
      stream.write(`${label}: ${done}/${total} rows\n`);
    }
    lastLine = done === total ? 0 : done;
  };
}

export function reportImport(s: ImportSummary, say: (m: string) => void, warn: (m: string) => void): void {
  for (const e of s.errors) {
    warn(`line ${e.line}: ${e.field === 'riga' ? 'the row' : e.field} ${MEANING[e.code] ?? e.code} [${e.code}]`);
  }
  for (const w of s.warnings) {
    warn(
      `line ${w.line}: warning — the tax code disagrees with ${w.mismatches.join(', ')}; imported as the register has it`,
    );
  }
  if (s.ignoredColumns.length) warn(`Columns not used: ${s.ignoredColumns.join(', ')}`);
  if (!s.imported) {
    warn(
      `Nothing imported: ${s.invalid} of ${s.rows} rows are invalid. Fix them, or run again with --skip-invalid to import the others.`,
    );
    return;
  }
  say(
    `${s.dryRun ? 'Dry run (nothing saved): would have' : 'Done:'} ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.invalid} invalid (of ${s.rows} rows).`,
  );
  say(
    `Households: ${s.households.created} created, ${s.households.joined} memberships started, ${s.households.left} ended.`,
  );
}
