import { useTranslation } from 'react-i18next';
import { countdown } from '../../time/policy-time';
import { PolicyTime } from '../../time/PolicyTime';
import { useNow } from '../../time/use-now';

const URGENT_MS = 4 * 3600 * 1000;

/** The running clocks of the case, each with a live countdown (red under four hours). */
export function DeadlinesTable({ deadlines }: { deadlines: Record<string, string | null> }) {
  const { t } = useTranslation('case');
  const now = useNow();
  const running = Object.entries(deadlines).filter((entry): entry is [string, string] => Boolean(entry[1]));
  return (
    <section className="card" aria-labelledby="deadlines">
      <h2 id="deadlines">{t('deadlines')}</h2>
      {running.length === 0 ? (
        <p>{t('noDeadline')}</p>
      ) : (
        <table data-testid="deadlines">
          <thead>
            <tr>
              <th>{t('clock')}</th>
              <th>{t('dueAt')}</th>
              <th>{t('left')}</th>
            </tr>
          </thead>
          <tbody>
            {running.map(([clock, dueAt]) => {
              const left = countdown(dueAt, now);
              return (
                <tr key={clock} data-clock={clock}>
                  <td>{t(`clocks.${clock}`, { defaultValue: clock })}</td>
                  <td>
                    <PolicyTime iso={dueAt} />
                  </td>
                  <td className={left.ms < URGENT_MS ? 'urgent' : ''}>
                    {left.text}
                    {left.ms < 0 && ` (${t('overdue')})`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
