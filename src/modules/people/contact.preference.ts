import type { Executor } from '../../platform/db/database.ts';

/**
 * Whether the person asked not to be contacted at all (`contact_preference = 'do_not_contact'`). Read
 * by the notifications outbox before it queues a message tied to a person; no audit of its own (it is
 * part of the write that queues the message, and returns a yes/no only).
 */
export async function isDoNotContact(db: Executor, personId: string): Promise<boolean> {
  const row = await db.selectFrom('person').select('contact_preference').where('id', '=', personId).executeTakeFirst();
  return row?.contact_preference === 'do_not_contact';
}
