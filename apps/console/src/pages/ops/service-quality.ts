import { api, unwrap } from '../../api/client';
import { figuresOf, QualityFigures, QualityQuery } from './service-quality.figures';

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
  return figuresOf(unwrap(answer).series);
}
