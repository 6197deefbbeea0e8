import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll } from 'vitest';

/** One MIME part as received: headers (lower-case names) and decoded body. */
export interface ReceivedPart {
  contentType: string;
  filename: string | undefined;
  body: string;
}

/** A message as the SMTP server received it, parsed enough for assertions. */
export interface ReceivedMail {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  /** Envelope sender (MAIL FROM). */
  from: string;
  subject: string;
  /** The text/plain body, decoded. */
  text: string;
  html: string | undefined;
  /** Attached files, decoded (e.g. an ICS). */
  attachments: ReceivedPart[];
  raw: string;
}

function unfold(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return headers;
}

function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*/g, (_m, _charset: string, enc: string, data: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data
            .replace(/_/g, ' ')
            .replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return Buffer.from(
        body
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
        'latin1',
      ).toString('utf8');
    default:
      return body;
  }
}

function param(header: string | undefined, name: string): string | undefined {
  const m = new RegExp(`${name}\\*?="?([^";]+)"?`, 'i').exec(header ?? '');
  return m?.[1];
}

function parts(raw: string): { headers: Map<string, string>; body: string }[] {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = unfold(split < 0 ? raw : raw.slice(0, split));
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = param(type, 'boundary');
  if (!type.toLowerCase().startsWith('multipart/') || !boundary) return [{ headers, body }];
  return body
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith('--'))
    .flatMap((chunk) => parts(chunk.replace(/^\r?\n/, '').replace(/\r?\n$/, '')));
}

export function parseMail(raw: string, envelope: { from: string; to: string[] }): ReceivedMail {
  const top = unfold(raw.slice(0, raw.search(/\r?\n\r?\n/)));
  const decoded = parts(raw).map((p) => {
    const type = p.headers.get('content-type') ?? 'text/plain';
    return {
      contentType: type.split(';')[0]?.trim().toLowerCase() ?? 'text/plain',
      filename: param(p.headers.get('content-disposition'), 'filename') ?? param(type, 'name'),
      body: decodeBody(p.body, p.headers.get('content-transfer-encoding')),
      attachment: /attachment/i.test(p.headers.get('content-disposition') ?? ''),
    };
  });
  const inline = decoded.filter((p) => !p.attachment);
  return {
    ...envelope,
    subject: decodeWords(top.get('subject') ?? ''),
    text: inline.find((p) => p.contentType === 'text/plain')?.body ?? '',
    html: inline.find((p) => p.contentType === 'text/html')?.body,
    attachments: decoded
      .filter((p) => p.attachment)
      .map(({ contentType, filename, body }) => ({ contentType, filename, body })),
    raw,
  };
}

export interface TestSmtp {
  /** smtp://127.0.0.1:<port> — give it to `smtpMailer`. */
  url: string;
  messages: ReceivedMail[];
  /** Resolves with the first message (already received or arriving) that matches; rejects after `timeoutMs`. */
  waitFor(match?: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** Makes the next `n` messages fail with a temporary SMTP error (451), to test retries. */
  failNext(n: number): void;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 and a random port, collecting every message; closed when the file's tests end. */
export async function startTestSmtp(): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const waiters: { match: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }[] = [];
  let failures = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failures > 0) {
          failures--;
          const err = Object.assign(new Error('Temporary failure, try again later'), { responseCode: 451 });
          callback(err);
          return;
        }
        const mail = parseMail(Buffer.concat(chunks).toString('utf8'), {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        });
        messages.push(mail);
        for (const w of [...waiters]) {
          if (w.match(mail)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(mail);
          }
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  afterAll(close);
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    failNext(n) {
      failures = n;
    },
    waitFor(match = () => true, timeoutMs = 5000) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          const i = waiters.indexOf(waiter);
          if (i >= 0) {
            waiters.splice(i, 1);
            reject(new Error(`No matching mail within ${timeoutMs} ms (${messages.length} received)`));
          }
        }, timeoutMs).unref();
      });
    },
    close,
  };
}
