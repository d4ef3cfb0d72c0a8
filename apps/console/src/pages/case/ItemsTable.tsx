import { useTranslation } from 'react-i18next';
import { CaseView, formatMoney, InspectedItemView } from '../../api/case-view';

/** The case's items, and the inspection's grades of them when the warehouse graded the parcel. */
export function ItemsTable({ view }: { view: CaseView }) {
  const { t } = useTranslation('case');
  const inspected = view.inspection?.items ?? [];
  return (
    <section className="card" aria-labelledby="items">
      <h2 id="items">{t('items')}</h2>
      <table data-testid="items">
        <thead>
          <tr>
            <th>{t('line')}</th>
            <th>{t('sku')}</th>
            <th>{t('quantity')}</th>
            <th>{t('unitPrice')}</th>
            <th>{t('grade')}</th>
          </tr>
        </thead>
        <tbody>
          {view.items.map((item, index) => (
            <tr key={`${item.lineId ?? item.sku}-${index}`}>
              <td>
                <code>{item.lineId ?? '—'}</code>
              </td>
              <td>
                <code>{item.sku}</code>
              </td>
              <td>{item.quantity}</td>
              <td>{formatMoney(item.unitPrice)}</td>
              <td>
                {inspected
                  .filter(
                    (graded) => graded.sku === item.sku && (!graded.lineId || graded.lineId === item.lineId),
                  )
                  .map((graded, n) => (
                    <GradedLine key={n} graded={graded} />
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function GradedLine({ graded }: { graded: InspectedItemView }) {
  const { t } = useTranslation('case');
  return (
    <div data-testid="graded-line">
      {graded.quantity} × {graded.grade} → {graded.disposition}
      {graded.notes && ` · ${t('notes')}: ${graded.notes}`}
      {(graded.photos ?? []).map((photo, n) => (
        <span key={photo}>
          {' '}
          ·{' '}
          <a href={photo} target="_blank" rel="noreferrer">
            {t('photo', { n: n + 1 })}
          </a>
        </span>
      ))}
    </div>
  );
}
