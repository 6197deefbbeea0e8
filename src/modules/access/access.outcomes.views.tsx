import type { PersonOutcome } from './access.outcomes.ts';

/**
 * The "start from this outcome" links of a person's file section (a referral, a take-charge proposal):
 * one link per outcome, to `href?esito=<outcome id>`. Renders nothing when there is none.
 */
export function FromOutcomeLinks(props: {
  outcomes: readonly PersonOutcome[];
  href: string;
  title: string;
  label: (o: PersonOutcome) => string;
}) {
  if (props.outcomes.length === 0) return null;
  return (
    <>
      <h3 class="h5">{props.title}</h3>
      <ul>
        {props.outcomes.map((o) => (
          <li key={o.outcomeId}>
            <a href={`${props.href}?esito=${o.outcomeId}`}>{props.label(o)}</a>
          </li>
        ))}
      </ul>
    </>
  );
}
