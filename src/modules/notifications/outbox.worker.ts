import type { Clock } from '../../platform/context.ts';
import { asSystem, type Db } from '../../platform/db/database.ts';
import type { MailAttachment, Mailer } from '../../platform/mail.ts';
import * as repo from './outbox.repository.ts';
import { PUBLIC_URL } from './outbox.service.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Waits before the 2nd, 3rd, … attempt: 1 min, 5 min, 30 min, 2 h, 6 h; the 6th failure is final. */
export const BACKOFF_MINUTES = [1, 5, 30, 120, 360] as const;
export const MAX_ATTEMPTS = BACKOFF_MINUTES.length + 1;
/** A claim lasts this long (longer than nodemailer's 10-minute socket timeout); a worker that dies mid-send leaves the message to another after it. */
const LEASE_MINUTES = 15;
/** Dead letters keep address and content this long, so an administrator can retry them. */
export const DEAD_RETENTION_DAYS = 30;
/** Finished rows (sent, discarded, skipped; already without address and content) are deleted after this. */
export const ROW_RETENTION_DAYS = 180;

export interface OutboxOptions {
  /** At most this many messages per run. */
  batch?: number;
  /** Replaces {{PUBLIC_URL}} in queued messages (config.publicUrl). */
  baseUrl?: string;
}

export interface OutboxRun {
  sent: number;
  retried: number;
  dead: number;
}

/**
 * The reply code of a failed send, never its text (an SMTP server's message can quote the address):
 * the SMTP code (451, 550…) or the network error code (ECONNREFUSED…), else `unknown`.
 */
export function errorCode(err: unknown): string {
  const e = err as { responseCode?: unknown; code?: unknown };
  if (typeof e?.responseCode === 'number') return String(e.responseCode);
  if (typeof e?.code === 'string' && /^[A-Z_]{2,30}$/.test(e.code)) return e.code;
  return 'unknown';
}

/** 5xx SMTP replies are permanent (no such mailbox…): retrying would not help, the message is dead at once. */
const permanent = (code: string) => /^5\d\d$/.test(code);

const fill = (s: string, baseUrl: string | undefined) => (baseUrl ? s.replaceAll(PUBLIC_URL, baseUrl) : s);

/** Folds an iCalendar line at 75 octets (RFC 5545 §3.1). */
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

/** A calendar file is unfolded before the address is filled in (a folded line may split it), then folded again. */
function fillAttachment(a: MailAttachment, baseUrl: string | undefined): MailAttachment {
  if (!baseUrl || !a.contentType.startsWith('text/calendar')) return { ...a, content: fill(a.content, baseUrl) };
  const lines = a.content.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  return { ...a, content: lines.map((l) => fold(fill(l, baseUrl))).join('\r\n') };
}

/**
 * One pass of the outbox (`segretariato jobs run outbox`, and every few seconds inside `serve`): claims
 * due messages, sends each through the mailer, marks it sent (erasing address and content) or schedules
 * the next attempt with backoff, dead after MAX_ATTEMPTS or a permanent refusal. Two workers never send
 * the same message: the claim is committed before sending (see claimDue). Nothing of a message is logged.
 */
export async function processOutbox(
  db: Db,
  mailer: Mailer,
  clock: Clock,
  options: OutboxOptions = {},
): Promise<OutboxRun> {
  const now = clock.now();
  const run: OutboxRun = { sent: 0, retried: 0, dead: 0 };
  const claimed = await asSystem(db, (trx) =>
    repo.claimDue(trx, now, new Date(now.getTime() + LEASE_MINUTES * MINUTE), options.batch ?? 50),
  );
  for (const m of claimed) {
    try {
      if (!m.recipient || m.body_text === null) throw Object.assign(new Error('erased'), { code: 'ERASED' });
      await mailer.send({
        to: m.recipient,
        subject: fill(m.subject ?? '', options.baseUrl),
        text: fill(m.body_text, options.baseUrl),
        ...(m.body_html ? { html: fill(m.body_html, options.baseUrl) } : {}),
        ...(Array.isArray(m.attachments)
          ? {
              attachments: (m.attachments as MailAttachment[]).map((a) => fillAttachment(a, options.baseUrl)),
            }
          : {}),
      });
    } catch (err) {
      const code = errorCode(err);
      const at = clock.now();
      const last = m.attempts >= MAX_ATTEMPTS || permanent(code) || code === 'ERASED';
      const wait = BACKOFF_MINUTES[Math.min(m.attempts, BACKOFF_MINUTES.length) - 1] ?? 1;
      await asSystem(db, (trx) =>
        repo.markFailed(trx, m.id, m.attempts, code, at, last ? null : new Date(at.getTime() + wait * MINUTE)),
      );
      if (last) run.dead++;
      else run.retried++;
      continue;
    }
    await asSystem(db, (trx) => repo.markSent(trx, m.id, m.attempts, clock.now()));
    run.sent++;
  }
  await asSystem(db, (trx) =>
    repo.purge(
      trx,
      now,
      new Date(now.getTime() - DEAD_RETENTION_DAYS * DAY),
      new Date(now.getTime() - ROW_RETENTION_DAYS * DAY),
    ),
  );
  return run;
}

export interface OutboxWorker {
  stop(): Promise<void>;
}

/**
 * Runs processOutbox every `intervalMs` inside the server (never two passes at once). Errors are logged
 * by code only. `stop()` waits for the pass in progress.
 */
export function startOutboxWorker(
  deps: { db: Db; mailer: Mailer; clock: Clock },
  options: OutboxOptions & { intervalMs?: number; onError?: (code: string) => void } = {},
): OutboxWorker {
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = processOutbox(deps.db, deps.mailer, deps.clock, options)
      .catch((err: unknown) => options.onError?.(errorCode(err)))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, options.intervalMs ?? 15_000);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
