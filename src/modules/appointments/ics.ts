/** A one-event iCalendar file (RFC 5545) for "add to calendar": office, time and booking code only. */

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds lines longer than 75 octets as RFC 5545 §3.1 asks. */
function fold(line: string): string {
  const out: string[] = [];
  let rest = line;
  while (Buffer.byteLength(rest, 'utf8') > 75) {
    let cut = 75;
    while (Buffer.byteLength(rest.slice(0, cut), 'utf8') > 75) cut--;
    out.push(rest.slice(0, cut));
    rest = ` ${rest.slice(cut)}`;
  }
  out.push(rest);
  return out.join('\r\n');
}

export function appointmentIcs(a: {
  id: string;
  code: string;
  summary: string;
  location: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
  cancelled?: boolean;
  sequence?: number;
}): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Segretariato//Appuntamenti//IT',
    'CALSCALE:GREGORIAN',
    `METHOD:${a.cancelled ? 'CANCEL' : 'PUBLISH'}`,
    'BEGIN:VEVENT',
    `UID:${a.id}@segretariato`,
    `SEQUENCE:${a.sequence ?? 0}`,
    `DTSTAMP:${stamp(a.createdAt)}`,
    `DTSTART:${stamp(a.startsAt)}`,
    `DTEND:${stamp(a.endsAt)}`,
    `SUMMARY:${escapeText(a.summary)}`,
    `LOCATION:${escapeText(a.location)}`,
    `DESCRIPTION:${escapeText(a.description)}`,
    `STATUS:${a.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
