import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ReactNode, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ApiError } from '../../api/client';
import { usePolicyTime } from '../../time/policy-time';
import { fetchQuality } from './service-quality';
import {
  dayIn,
  HistogramBar,
  humanDuration,
  QualityBucket,
  QualityFigures,
  QualityPoint,
  QualityQuery,
} from './service-quality.figures';

const WIDTH = 540;
const HEIGHT = 220;
const DAY_MS = 86_400_000;
/** The range shown at first: the last 30 days. */
const DEFAULT_DAYS = 30;

function ChartCard({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>
        <strong>{title}</strong>
      </figcaption>
      {children}
    </figure>
  );
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** A bar's label: `≤ 4 h`, or `> 48 h` for the last, open one. */
function barLabel(bar: HistogramBar, bars: HistogramBar[], t: TFunction<'ops'>): string {
  if (bar.upToMs !== null) return t('quality.upTo', { hours: bar.upToMs / 3_600_000 });
  const bounded = bars.filter((other) => other.upToMs !== null).map((other) => other.upToMs as number);
  return t('quality.above', { hours: Math.max(0, ...bounded) / 3_600_000 });
}

function durationText(ms: number | null, t: TFunction<'ops'>): string {
  const duration = humanDuration(ms);
  return duration ? t(`quality.${duration.unit}`, { value: duration.value }) : '—';
}

function QualityFilters({ query, onChange }: { query: QualityQuery; onChange(query: QualityQuery): void }) {
  const { t } = useTranslation('ops');
  const set = (patch: Partial<QualityQuery>) => onChange({ ...query, ...patch });
  return (
    <div className="quality-filters">
      <label>
        {t('quality.merchant')}{' '}
        <input
          value={query.merchantId}
          placeholder={t('quality.allMerchants')}
          onChange={(event) => set({ merchantId: event.target.value })}
        />
      </label>
      <label>
        {t('quality.from')}{' '}
        <input type="date" value={query.from} onChange={(event) => set({ from: event.target.value })} />
      </label>
      <label>
        {t('quality.to')}{' '}
        <input type="date" value={query.to} onChange={(event) => set({ to: event.target.value })} />
      </label>
      <label>
        {t('quality.bucket')}{' '}
        <select
          value={query.bucket}
          onChange={(event) => set({ bucket: event.target.value as QualityBucket })}
        >
          <option value="day">{t('quality.day')}</option>
          <option value="week">{t('quality.week')}</option>
        </select>
      </label>
    </div>
  );
}

/** A share (0..1) of the cases per bucket, as a line in percent. */
function ShareChart(props: {
  title: string;
  testId: string;
  points: QualityPoint[];
  dataKey: 'approvedByTimeoutShare' | 'escalationRate';
  name: string;
  color: string;
}) {
  return (
    <ChartCard title={props.title} testId={props.testId}>
      <LineChart width={WIDTH} height={HEIGHT} data={props.points}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="day" />
        <YAxis tickFormatter={percent} domain={[0, 1]} />
        <Tooltip formatter={(value) => percent(Number(value))} />
        <Line dataKey={props.dataKey} name={props.name} stroke={props.color} isAnimationActive={false} />
      </LineChart>
    </ChartCard>
  );
}

/** The four charts of the figures (empty axes while none are loaded). */
function QualityCharts({ figures }: { figures: QualityFigures | undefined }) {
  const { t } = useTranslation('ops');
  const points = figures?.points ?? [];
  const histogram = figures?.histogram ?? [];
  const bars = histogram.map((bar) => ({ label: barLabel(bar, histogram, t), count: bar.count }));
  return (
    <div className="charts">
      <ChartCard title={t('quality.distribution')} testId="chart-distribution">
        <BarChart width={WIDTH} height={HEIGHT} data={bars}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Bar dataKey="count" name={t('quality.cases')} fill="#3a5bd9" isAnimationActive={false} />
        </BarChart>
      </ChartCard>
      <ChartCard title={t('quality.responseTime')} testId="chart-response-time">
        <LineChart width={WIDTH} height={HEIGHT} data={points}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" />
          <YAxis unit=" h" />
          <Tooltip />
          <Legend />
          <Line dataKey="p50Hours" name="p50" stroke="#3a5bd9" isAnimationActive={false} connectNulls />
          <Line dataKey="p90Hours" name="p90" stroke="#d97a3a" isAnimationActive={false} connectNulls />
        </LineChart>
      </ChartCard>
      <ShareChart
        title={t('quality.approvedByTimeout')}
        testId="chart-approved-by-timeout"
        points={points}
        dataKey="approvedByTimeoutShare"
        name={t('quality.share')}
        color="#b00020"
      />
      <ShareChart
        title={t('quality.escalationRate')}
        testId="chart-escalation-rate"
        points={points}
        dataKey="escalationRate"
        name={t('quality.rate')}
        color="#0a7d32"
      />
    </div>
  );
}

/**
 * Service quality per merchant (or over all) over time: the response-time distribution, response time
 * percentiles, the share approved because the merchant's clock ran out, and the escalation rate.
 */
export function ServiceQualityCharts() {
  const { t } = useTranslation('ops');
  const { timeZone } = usePolicyTime();
  const [query, setQuery] = useState<QualityQuery>(() => ({
    merchantId: '',
    from: dayIn(Date.now() - (DEFAULT_DAYS - 1) * DAY_MS, timeZone),
    to: dayIn(Date.now(), timeZone),
    bucket: 'day',
  }));
  const figures = useQuery({
    queryKey: ['ops', 'service-quality', query],
    queryFn: () => fetchQuality(query),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="card" aria-labelledby="quality-title" data-testid="service-quality">
      <h2 id="quality-title">{t('quality.title')}</h2>
      <QualityFilters query={query} onChange={setQuery} />
      {figures.error && (
        <p role="alert" className="error">
          {figures.error instanceof ApiError ? `${figures.error.code}: ` : ''}
          {figures.error.message}
        </p>
      )}
      {figures.data?.totals && (
        <p data-testid="quality-totals">
          {figures.data.totals.casesRequested === 0
            ? t('quality.none')
            : t('quality.totals', {
                count: figures.data.totals.casesRequested,
                p50: durationText(figures.data.totals.p50Ms, t),
                p90: durationText(figures.data.totals.p90Ms, t),
                timeout: percent(figures.data.totals.approvedByTimeoutShare),
                escalated: percent(figures.data.totals.escalationRate),
              })}
        </p>
      )}
      <QualityCharts figures={figures.data} />
    </section>
  );
}
