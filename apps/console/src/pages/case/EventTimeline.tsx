import { useTranslation } from 'react-i18next';
import { CaseEventView } from '../../api/case-view';
import { PolicyTime } from '../../time/PolicyTime';

const isMoney = (value: unknown): value is { amount: number; currency: string } =>
  typeof value === 'object' && value !== null && 'amount' in value && 'currency' in value;

/**
 * A short line of an event's data: its scalar fields, money as amounts, short lists; the nested
 * records (the request, the policy profile) are in the row's tooltip as JSON.
 */
export function describeData(data: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (value === null || value === undefined) continue;
    if (isMoney(value)) parts.push(`${key}=${(value.amount / 100).toFixed(2)} ${value.currency}`);
    else if (typeof value !== 'object') parts.push(`${key}=${String(value).slice(0, 80)}`);
    else if (Array.isArray(value) && value.every((entry) => typeof entry !== 'object'))
      parts.push(`${key}=${value.join(',').slice(0, 80)}`);
  }
  return parts.join(' · ');
}

/** The event log as a timeline: who did what when (times in the policy's zone), oldest first. */
export function EventTimeline({ events }: { events: CaseEventView[] }) {
  const { t } = useTranslation('case');
  return (
    <section className="card" aria-labelledby="timeline">
      <h2 id="timeline">{t('timeline')}</h2>
      <ol className="timeline" data-testid="timeline">
        {events.map((event) => (
          <li key={event.eventId} data-type={event.type}>
            <span className="when">
              <PolicyTime iso={event.occurredAt} />
            </span>{' '}
            <span className="who">
              {event.actor.role}:{event.actor.id}
            </span>{' '}
            <strong className="what">{event.type}</strong>
            <div className="details" title={JSON.stringify(event.data, null, 1)}>
              {describeData(event.data)}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
