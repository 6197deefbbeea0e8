/** The quick-capture form ↔ the register's input (pure functions). */
import type { CaptureForm } from './access.form.views.tsx';
import type { RegisterAccessInput } from './access.validation.ts';

/** A field of the register's input → the id of its field on the quick-capture form. */
export function captureField(field: string): string {
  if (field.startsWith('persons') || field === 'anonymous') return 'who-anonymous';
  if (field === 'anonymous.sex') return 'sex';
  if (field === 'anonymous.ageBand') return 'ageBand';
  if (field === 'requests' || field.endsWith('.needAreaId')) return 'needAreaId';
  if (field.endsWith('.reason')) return 'reason';
  if (field === 'urgency') return 'urgency-ordinary';
  return field;
}

export function inputOf(form: CaptureForm): RegisterAccessInput {
  const who = form.who;
  return {
    ...(form.officeId ? { officeId: form.officeId } : {}),
    channel: form.channel as RegisterAccessInput['channel'],
    presentedBy: form.presentedBy as RegisterAccessInput['presentedBy'],
    referrer: form.referrer as RegisterAccessInput['referrer'],
    ...(who === 'anonymous'
      ? {
          anonymous: {
            ...(form.sex ? { sex: form.sex as 'F' | 'M' } : {}),
            ...(form.ageBand ? { ageBand: form.ageBand as '18-34' } : {}),
          },
        }
      : who
        ? { persons: [who] }
        : {}),
    requests: [{ needAreaId: form.needAreaId, reason: form.reason }],
    urgency: form.urgency as RegisterAccessInput['urgency'],
    ...(form.urgencyReason.trim() ? { urgencyReason: form.urgencyReason } : {}),
    ...(form.pronto === '1' ? { prontoIntervento: true } : {}),
  };
}
