import type { Trx } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import type { MailAttachment } from '../../platform/mail.ts';
import { isDoNotContact } from '../people/index.ts';
import * as repo from './outbox.repository.ts';

/**
 * Written where a link to our public site belongs when the caller does not know the public address
 * (e.g. a booking made inside a service): the worker replaces it with PUBLIC_URL when it sends.
 */
export const PUBLIC_URL = '{{PUBLIC_URL}}';

export interface OutboxMail {
  tenantId: string;
  /** What the message is, as `area.name` in lower case (e.g. appointment.confirmation). */
  kind: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: readonly MailAttachment[];
  /** Unique per tenant: the same key queued twice sends once (e.g. appointment:<id>:confirm:<version>). */
  dedupeKey: string;
  /** The person the message is about, when known: nothing is queued if they asked not to be contacted. */
  personId?: string | null;
  /** When it is queued (ctx.clock.now()): the message is due at once. */
  at: Date;
}

export type EnqueueResult = 'queued' | 'duplicate' | 'skipped';

/** `giulia@example.org` → `g***@example.org`: enough for an administrator to tell messages apart. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}

/**
 * Queues a message in the caller's transaction — the same one as the business change it reports, so a
 * rolled-back change sends nothing and a committed one is never lost. Call it BEFORE the audit event
 * (which must stay the last statement). When the message concerns a person who asked not to be contacted,
 * nothing is queued: a `skipped` row (no address, no content) keeps the count.
 */
export async function enqueueMail(trx: Trx, mail: OutboxMail): Promise<EnqueueResult> {
  const base = { id: newId(), tenantId: mail.tenantId, kind: mail.kind, dedupeKey: mail.dedupeKey, at: mail.at };
  if (mail.personId && (await isDoNotContact(trx, mail.personId))) {
    const inserted = await repo.insertMessage(trx, {
      ...base,
      recipient: null,
      recipientMasked: null,
      subject: null,
      text: null,
      html: null,
      attachments: null,
      status: 'skipped',
      skipReason: 'do_not_contact',
    });
    return inserted ? 'skipped' : 'duplicate';
  }
  const inserted = await repo.insertMessage(trx, {
    ...base,
    recipient: mail.to.trim(),
    recipientMasked: maskAddress(mail.to.trim()),
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? null,
    attachments: mail.attachments ?? null,
    status: 'pending',
    skipReason: null,
  });
  return inserted ? 'queued' : 'duplicate';
}
