import { isOperator } from '../../platform/context.ts';
import { roleMay } from '../../platform/policy.ts';
import { listPublicOffices } from '../offices/index.ts';
import type { FileSection } from '../people/index.ts';
import { tOf, when } from './access.fields.tsx';
import type { AccessMessageKey } from './access.messages.ts';
import { accessPermissions } from './access.policy.ts';
import { itOf } from './interview.fields.tsx';
import { personTimeline, type TimelineAccess } from './timeline.service.ts';

function AccessEntry(props: { page: Parameters<FileSection>[0]['page']; access: TimelineAccess; officeName: string }) {
  const { page, access: a } = props;
  const t = tOf(page);
  const it = itOf(page);
  const label = (key: string) => t(key as AccessMessageKey);
  return (
    <li class="mb-4">
      <h3 class="h5 mb-1">
        <a href={`/operatori/accessi/${a.id}`}>{a.code}</a> —{' '}
        <time dateTime={a.occurredAt.toISOString()}>{when(page, a.occurredAt)}</time>
      </h3>
      <p class="mb-1">
        {props.officeName} · {label(`channel.${a.channel}`)} · {label(`status.${a.status}`)}
        {a.urgency === 'immediate' ? (
          <>
            {' '}
            <strong class="badge bg-danger">{t('urgency.immediate')}</strong>
          </>
        ) : null}
      </p>
      <p class="mb-0 fw-semibold">{it('timeline.requests')}</p>
      <ul>
        {a.requests.map((r) => (
          <li key={r.id}>
            {page.locale === 'it' ? r.labelIt : r.labelEn}:{' '}
            {r.outcomes.length === 0
              ? it('timeline.noOutcome')
              : r.outcomes
                  .map(
                    (o) => label(`outcome.${o.kind}`) + (o.reasonCode ? ` (${label(`reason.${o.reasonCode}`)})` : ''),
                  )
                  .join(', ')}
          </li>
        ))}
      </ul>
      {a.interviews ? (
        <>
          <p class="mb-0 fw-semibold">{it('timeline.interviews')}</p>
          {a.interviews.length === 0 ? (
            <p>{it('timeline.noInterviews')}</p>
          ) : (
            <ul>
              {a.interviews.map((iv) => (
                <li key={iv.id}>
                  {it('timeline.interview', {
                    at: when(page, iv.startedAt),
                    kind: it(iv.kind === 'booked' ? 'interview.kind.booked' : 'interview.kind.immediate'),
                  })}
                  {iv.durationMinutes ? `, ${it('interview.minutes', { n: iv.durationMinutes })}` : ''}
                  {iv.conductedBy ? ` — ${iv.conductedBy}` : ''}
                  {iv.confidentialSummary ? (
                    <p class="mb-0">
                      <em>{it('interview.summary')}:</em> {iv.confidentialSummary}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </li>
  );
}

/**
 * The person file's section from the access register (added with people's `addFileSection`): shown
 * to the roles that read accesses; hidden from the others.
 */
export const accessFileSection: FileSection = async ({ person, page }) => {
  const actor = page.ctx.actor;
  if (!isOperator(actor) || !roleMay(accessPermissions, actor, 'access.read')) return null;
  const accesses = await personTimeline(page.ctx, person.id);
  const offices = new Map((await listPublicOffices(page.ctx.db, actor.tenantId)).map((o) => [o.id, o.name]));
  const it = itOf(page);
  return (
    <section class="mb-5" id="accessi" aria-labelledby="accessi-title">
      <h2 id="accessi-title" class="h3 border-bottom pb-2">
        {it('timeline.title')}
      </h2>
      {accesses.length === 0 ? (
        <p>{it('timeline.none')}</p>
      ) : (
        <ol class="list-unstyled">
          {accesses.map((a) => (
            <AccessEntry key={a.id} page={page} access={a} officeName={offices.get(a.officeId) ?? ''} />
          ))}
        </ol>
      )}
      <p class="text-muted">{it('timeline.scope')}</p>
    </section>
  );
};
