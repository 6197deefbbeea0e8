import type { ApplicationView } from './applications.view.ts';
import { explainAmount, explainStep, explainVersion, formatDay, formatEuro } from './rules.explain.ts';

/**
 * The decision notice as a small, dependency-free PDF (one font, Helvetica, WinAnsi encoding, text only):
 * reference code, measure, decision, amount and period, the rule version and a summary of the trace, the
 * appeal route and its deadline. It names no one: it is sent with the person's file, by reference.
 */

export const APPEAL_DAYS = 60;

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const REASONS: Record<string, string> = {
  isee_above_threshold: 'ISEE oltre la soglia',
  income_above_minimum: 'reddito sopra il minimo vitale',
  not_resident: 'non residente nel Comune',
  documents_missing: 'documenti mancanti',
  check_failed: 'una verifica non superata',
  fund_exhausted: 'fondo esaurito',
  other_support_in_place: 'altro sostegno già in corso',
};

export function noticeLines(app: ApplicationView, tenantName: string): string[] {
  const d = app.decision;
  const e = app.evaluation;
  if (!d) throw new Error('no decision yet');
  const decidedOn = d.decidedAt.slice(0, 10);
  const lines = [
    tenantName,
    'Servizio sociale - Segretariato sociale',
    '',
    `Comunicazione di decisione - domanda ${app.code}`,
    `Misura: ${e?.title.it ?? app.measure}`,
    `Data della decisione: ${formatDay(decidedOn, 'it')}`,
    '',
  ];
  if (d.decision === 'approved') {
    lines.push('Esito: domanda APPROVATA.');
    if (e?.amount) lines.push(`Importo: ${explainAmount(e.amount, 'it')}.`);
    lines.push(`Importo complessivo: ${formatEuro(d.totalAmount ?? 0, 'it')}.`);
    lines.push(
      `Periodo: dal ${formatDay(d.periodStart ?? decidedOn, 'it')} al ${formatDay(d.periodEnd ?? decidedOn, 'it')}.`,
    );
  } else {
    lines.push('Esito: domanda RESPINTA.');
    lines.push(`Motivo: ${REASONS[d.reasonCode ?? ''] ?? d.reasonCode ?? ''}.`);
  }
  lines.push('');
  if (e) {
    lines.push(`Regole applicate: ${explainVersion(e, 'it')}.`);
    if (app.isee.value !== null)
      lines.push(
        `ISEE considerato: ${formatEuro(app.isee.value, 'it')}${app.isee.dsuProtocol ? ` (DSU ${app.isee.dsuProtocol})` : ''}.`,
      );
    lines.push('Sintesi della valutazione:');
    for (const s of e.trace) lines.push(`- ${explainStep(s, 'it')}`);
  }
  lines.push('');
  lines.push('Come fare ricorso');
  lines.push(
    `Contro questa decisione può presentare ricorso al Tribunale Amministrativo Regionale entro ${APPEAL_DAYS} giorni ` +
      `dalla comunicazione, cioè entro il ${formatDay(addDays(decidedOn, APPEAL_DAYS), 'it')}, oppure ricorso ` +
      'straordinario al Presidente della Repubblica entro 120 giorni. Può anche chiedere un riesame al Servizio ' +
      'sociale, senza costi, portando i documenti che ritiene utili.',
  );
  return lines;
}

/** Wraps at `width` characters on spaces. */
function wrap(line: string, width = 92): string[] {
  if (line.length <= width) return [line];
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(' ', width);
    const at = cut > 20 ? cut : width;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  out.push(rest);
  return out;
}

// WinAnsiEncoding for the characters Latin-1 lacks.
const WIN_ANSI: Record<string, number> = {
  '€': 0x80,
  '’': 0x92,
  '‘': 0x91,
  '“': 0x93,
  '”': 0x94,
  '–': 0x96,
  '—': 0x97,
};

function encode(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text.replace(/[\u00a0\u202f]/g, ' ')) {
    const code = WIN_ANSI[ch] ?? ch.charCodeAt(0);
    const b = code <= 0xff ? code : 0x3f; // '?' for anything else
    if (b === 0x28 || b === 0x29 || b === 0x5c) bytes.push(0x5c); // escape ( ) \
    bytes.push(b);
  }
  return Buffer.from(bytes);
}

export function renderPdf(lines: string[]): Buffer {
  const wrapped = lines.flatMap((l) => wrap(l));
  const perPage = 52;
  const pages: string[][] = [];
  for (let i = 0; i < wrapped.length; i += perPage) pages.push(wrapped.slice(i, i + perPage));
  const objects: Buffer[] = [];
  const add = (b: Buffer | string) =>
    objects.push(typeof b === 'string' ? Buffer.from(b, 'latin1') : b) && objects.length;
  add('<< /Type /Catalog /Pages 2 0 R >>');
  const kids = pages.map((_, i) => `${4 + i * 2} 0 R`).join(' ');
  add(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  for (const [i, page] of pages.entries()) {
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`,
    );
    const body = Buffer.concat([
      Buffer.from('BT /F1 10 Tf 14 TL 50 800 Td\n', 'latin1'),
      ...page.map((l) => Buffer.concat([Buffer.from('(', 'latin1'), encode(l), Buffer.from(') Tj T*\n', 'latin1')])),
      Buffer.from('ET', 'latin1'),
    ]);
    add(
      Buffer.concat([
        Buffer.from(`<< /Length ${body.length} >>\nstream\n`, 'latin1'),
        body,
        Buffer.from('\nendstream', 'latin1'),
      ]),
    );
  }
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = chunks[0]?.length ?? 0;
  for (const [i, o] of objects.entries()) {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), o, Buffer.from('\nendobj\n', 'latin1')]);
    chunks.push(chunk);
    length += chunk.length;
  }
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    'startxref',
    String(length),
    '%%EOF',
    '',
  ].join('\n');
  chunks.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(chunks);
}

/** Reads the text lines back from a PDF made by renderPdf (for tests and checks). */
export function pdfText(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const back = Object.fromEntries(Object.entries(WIN_ANSI).map(([ch, b]) => [String.fromCharCode(b), ch]));
  return [...text.matchAll(/\(((?:\\.|[^\\)])*)\) Tj/g)].map((m) =>
    (m[1] ?? '').replace(/\\(.)/g, '$1').replace(/[\x80-\x9f]/g, (c) => back[c] ?? c),
  );
}
