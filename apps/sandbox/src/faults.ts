import { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { parseInput, SandboxError } from './sandbox.errors';
import { Scheduler } from './scheduler';
import { hashString, RandomSource, seededRandom } from './seeded-random';

/** The played systems faults can be injected into. */
export const SANDBOX_SERVICES = [
  'refund',
  'insurance',
  'carrier',
  'wms',
  'repair',
  'supplier',
  'notify',
] as const;

/** One of the played systems. */
export type SandboxService = (typeof SANDBOX_SERVICES)[number];

/** How a service misbehaves. */
export interface FaultConfig {
  /** Share of calls answered 503 before any work is done (0..1). */
  failureRate: number;
  /** Added to every call. */
  latencyMs: number;
  /** Share of calls that do their work but answer only after `timeoutHangMs` (0..1). */
  timeoutRate: number;
  /** How long a "timed out" call hangs before answering: longer than the client's timeout. */
  timeoutHangMs: number;
  /** Every call is a 503 until the fault is cleared (an outage). */
  failUntilCleared: boolean;
}

/** What the injector did to a service since its fault was last set. */
export interface FaultStats {
  calls: number;
  failuresInjected: number;
  timeoutsInjected: number;
}

const NO_FAULT: FaultConfig = {
  failureRate: 0,
  latencyMs: 0,
  timeoutRate: 0,
  timeoutHangMs: 30_000,
  failUntilCleared: false,
};

/** Body of `PUT /_sandbox/faults/:service`: fields left out take their no-fault value. */
export const faultPatchSchema = z.strictObject({
  failureRate: z.number().min(0).max(1).optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  timeoutRate: z.number().min(0).max(1).optional(),
  timeoutHangMs: z.number().int().min(0).max(600_000).optional(),
  failUntilCleared: z.boolean().optional(),
  /** Reseeds this service's generator, so a test gets the same sequence of faults on every run. */
  seed: z.number().int().optional(),
});

/** Body of `PUT /_sandbox/faults/:service`. */
export type FaultPatch = z.infer<typeof faultPatchSchema>;

/**
 * Decides, per call, whether a service fails, hangs or answers. Each service draws from its own
 * generator (derived from the run seed and the service name), so the faults of one service do not
 * shift when another service gets more or fewer calls.
 */
export class FaultInjector {
  private readonly configs = new Map<SandboxService, FaultConfig>();
  private readonly stats = new Map<SandboxService, FaultStats>();
  private readonly randoms = new Map<SandboxService, RandomSource>();

  constructor(
    private readonly scheduler: Scheduler,
    private readonly seed: number | undefined,
  ) {
    this.clearAll();
  }

  /** Sets the fault of `service` (replacing the previous one). */
  set(service: SandboxService, patch: FaultPatch): FaultConfig {
    const { seed, ...fields } = patch;
    const config: FaultConfig = { ...NO_FAULT, ...fields };
    this.configs.set(service, config);
    this.stats.set(service, { calls: 0, failuresInjected: 0, timeoutsInjected: 0 });
    if (seed !== undefined) this.randoms.set(service, seededRandom(seed));
    return config;
  }

  /** Makes `service` healthy again. */
  clear(service: SandboxService): void {
    this.configs.set(service, { ...NO_FAULT });
  }

  /** Makes every service healthy and restarts the generators from the run seed. */
  clearAll(): void {
    for (const service of SANDBOX_SERVICES) {
      this.configs.set(service, { ...NO_FAULT });
      this.stats.set(service, { calls: 0, failuresInjected: 0, timeoutsInjected: 0 });
      this.randoms.set(
        service,
        this.seed === undefined ? Math.random : seededRandom(this.seed ^ hashString(service)),
      );
    }
  }

  /** Every service's fault and what it has injected so far. */
  describe(): Record<SandboxService, FaultConfig & { stats: FaultStats }> {
    return Object.fromEntries(
      SANDBOX_SERVICES.map((service) => [service, { ...this.config(service), stats: this.statsOf(service) }]),
    ) as Record<SandboxService, FaultConfig & { stats: FaultStats }>;
  }

  /** Middleware that applies `service`'s fault to the calls it guards. */
  middleware(service: SandboxService): RequestHandler {
    return async (_req, res, next) => {
      const config = this.config(service);
      const stats = this.statsOf(service);
      const random = this.randoms.get(service) ?? Math.random;
      stats.calls += 1;
      // Both draws happen on every call, so the sequence of decisions depends only on the call count.
      const failDraw = random();
      const timeoutDraw = random();
      if (config.latencyMs > 0) await this.scheduler.sleep(config.latencyMs);
      if (config.failUntilCleared || failDraw < config.failureRate) {
        stats.failuresInjected += 1;
        throw new SandboxError(503, 'SERVICE_UNAVAILABLE', `${service} is unavailable (injected fault)`);
      }
      if (timeoutDraw < config.timeoutRate) {
        stats.timeoutsInjected += 1;
        // The work is done now; only the answer is late. A caller that gave up cannot tell whether the
        // refund was paid, which is exactly what the idempotency key of its retry settles.
        const send = res.json.bind(res);
        res.json = (body: unknown) => {
          this.scheduler.schedule(config.timeoutHangMs, () => {
            if (!res.writableEnded && !res.destroyed) send(body);
          });
          return res;
        };
      }
      next();
    };
  }

  private config(service: SandboxService): FaultConfig {
    return this.configs.get(service) ?? { ...NO_FAULT };
  }

  private statsOf(service: SandboxService): FaultStats {
    let stats = this.stats.get(service);
    if (!stats) {
      stats = { calls: 0, failuresInjected: 0, timeoutsInjected: 0 };
      this.stats.set(service, stats);
    }
    return stats;
  }
}

const serviceSchema = z.enum(SANDBOX_SERVICES);

/** `GET /_sandbox/faults`, `PUT /_sandbox/faults/:service`, `DELETE /_sandbox/faults/:service`. */
export function faultsRouter(faults: FaultInjector): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.json(faults.describe());
  });
  router.put('/:service', (req, res) => {
    const service = parseInput(serviceSchema, req.params.service, 'service');
    const config = faults.set(service, parseInput(faultPatchSchema, req.body));
    res.json({ service, ...config });
  });
  router.delete('/:service', (req, res) => {
    const service = parseInput(serviceSchema, req.params.service, 'service');
    faults.clear(service);
    res.status(204).end();
  });
  return router;
}
