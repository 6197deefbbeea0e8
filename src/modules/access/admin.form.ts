/** The taxonomy as editable text — one area per line, `code | parent | siuss | label it | label en` — and back. */
import type { NeedArea, NeedAreaInput } from './taxonomy.service.ts';

export function taxonomyText(areas: NeedArea[]): string {
  return areas
    .map((a) =>
      [a.code, a.parentCode ?? '', a.parentCode ? '' : String(a.siussArea ?? ''), a.labelIt, a.labelEn].join(' | '),
    )
    .join('\n');
}

export interface ParsedTaxonomy {
  areas: NeedAreaInput[];
  /** Line number (1-based, blank lines counted) of each area, for error messages. */
  lines: number[];
  /** Lines that do not have five fields. */
  malformed: number[];
}

export function parseTaxonomyText(text: string): ParsedTaxonomy {
  const areas: NeedAreaInput[] = [];
  const lines: number[] = [];
  const malformed: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const parts = raw.split('|').map((p) => p.trim());
    if (parts.length !== 5) {
      malformed.push(i + 1);
      return;
    }
    const [code = '', parent = '', siuss = '', labelIt = '', labelEn = ''] = parts;
    areas.push({
      code,
      parentCode: parent || null,
      siussArea: siuss === '' ? null : /^\d+$/.test(siuss) ? Number(siuss) : -1,
      labelIt,
      labelEn,
    });
    lines.push(i + 1);
  });
  return { areas, lines, malformed };
}

/** `areas.3.labelIt` → { index: 3, field: 'labelIt' }. */
export function areaErrorAt(field: string): { index: number; field: string } | undefined {
  const m = /^areas\.(\d+)\.(\w+)$/.exec(field);
  return m ? { index: Number(m[1]), field: m[2] ?? '' } : undefined;
}
