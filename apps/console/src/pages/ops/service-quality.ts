import { api, unwrap } from '../../api/client';
import { AnswerSeries, figuresOf, QualityFigures, QualityQuery } from './service-quality.figures';

/** `GET /v1/ops/metrics/service-quality?merchantId=&from=&to=&bucket=`: the figures over time. */
export async function fetchQuality(query: QualityQuery): Promise<QualityFigures> {
  const answer = await api.GET('/v1/ops/metrics/service-quality', {
    params: {
      query: {
        ...(query.merchantId.trim() ? { merchantId: query.merchantId.trim() } : {}),
        from: query.from,
        to: query.to,
        bucket: query.bucket,
      },
    },
  });
  const body = unwrap(answer) as unknown as { series?: AnswerSeries };
  return figuresOf(body.series);
}
