import { z } from 'zod';
import { CallOptions, ClientOptions, JsonHttpClient } from './json-http.client';
import { OpenRepairRequest, Repair } from './repair-centre.types';

const repairResponse: z.ZodType<Repair> = z.object({
  repairId: z.string().min(1),
  caseId: z.string(),
  sku: z.string(),
  status: z.enum(['IN_PROGRESS', 'REPAIRED', 'FAILED']),
  expectedBy: z.string(),
  completedAt: z.string().optional(),
});

/** The repair centre: opens repairs and reports their outcome. */
export class RepairCentreClient {
  private readonly http: JsonHttpClient;

  constructor(options: ClientOptions) {
    this.http = new JsonHttpClient('repair-centre', options);
  }

  /** Opens a repair; a repeat with the same key returns the same repair. */
  openRepair(request: OpenRepairRequest, options?: CallOptions): Promise<Repair> {
    const { idempotencyKey, ...body } = request;
    return this.http.send(
      {
        operation: 'openRepair',
        method: 'POST',
        path: '/repairs',
        idempotencyKey,
        body,
        response: repairResponse,
      },
      options,
    );
  }

  /** Reads a repair: `IN_PROGRESS` until it is `REPAIRED` or `FAILED`. */
  getRepair(repairId: string, options?: CallOptions): Promise<Repair> {
    return this.http.send(
      {
        operation: 'getRepair',
        method: 'GET',
        path: `/repairs/${encodeURIComponent(repairId)}`,
        response: repairResponse,
      },
      options,
    );
  }
}
