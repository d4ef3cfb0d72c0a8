import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PolicyTime } from '../../time/PolicyTime';
import { ScanEntry } from './scan-log';

/** The parcels scanned in this session, newest first; unmatched parcels stand out and stay listed. */
export function ScanLogTable({ scans }: { scans: ScanEntry[] }) {
  const { t } = useTranslation('warehouse');
  return (
    <section className="card" aria-labelledby="scan-log">
      <h2 id="scan-log">{t('log')}</h2>
      {scans.length === 0 ? (
        <p>{t('logEmpty')}</p>
      ) : (
        <table data-testid="scan-log">
          <thead>
            <tr>
              <th>{t('columns.time')}</th>
              <th>{t('columns.tracking')}</th>
              <th>{t('columns.result')}</th>
            </tr>
          </thead>
          <tbody>
            {scans.map((scan) => (
              <tr
                key={scan.receiptId}
                data-result={scan.result}
                className={scan.result === 'MATCHED' ? '' : 'error'}
              >
                <td>
                  <PolicyTime iso={scan.at} />
                </td>
                <td>
                  <code>{scan.trackingNumber}</code>
                </td>
                <td>
                  {scan.result === 'UNMATCHED' && t('unmatched')}
                  {scan.result === 'REFUSED' && t('failed', { message: scan.message })}
                  {scan.result === 'MATCHED' && (
                    <Link to={`/cases/${scan.caseId}`} tabIndex={-1}>
                      {t('matched', { caseId: scan.caseId, status: scan.status })}
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
