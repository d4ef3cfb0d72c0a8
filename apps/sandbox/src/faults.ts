import { RequestHandler, Response, Router } from 'express';
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
  'orders',
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
  /** Share of calls refused with `rejectStatus` before any work: a refusal that retrying cannot fix (0..1). */
  rejectRate: number;
  /** The 4xx a rejected call gets (default 400; never 408 or 429, which callers rightly retry). */
  rejectStatus: number;
  /** Share of calls that do their work, then answer a 2xx whose body breaks the contract (0..1). */
  malformedRate: number;
}

/** What the injector did to a service since its fault was last set. */
export interface FaultStats {
  calls: number;
  failuresInjected: number;
  timeoutsInjected: number;
  rejectionsInjected: number;
  malformedInjected: number;
}

const NO_FAULT: FaultConfig = {
  failureRate: 0,
  latencyMs: 0,
  timeoutRate: 0,
  timeoutHangMs: 30_000,
  failUntilCleared: false,
  rejectRate: 0,
  rejectStatus: 400,
  malformedRate: 0,
};

/** The body of an injected malformed answer: valid JSON that carries none of the fields any contract requires. */
export const MALFORMED_BODY = {
  malformed: true,
  note: 'injected by the sandbox: this answer breaks the contract',
};

const noStats = (): FaultStats => ({
  calls: 0,
  failuresInjected: 0,
  timeoutsInjected: 0,
  rejectionsInjected: 0,
  malformedInjected: 0,
});

/** Salt of the second generator of a service (refusals and malformed answers), so adding those draws left the
 * sequence of 503s and timeouts of a given seed exactly as it was. */
const REFUSAL_SALT = 0x5ef0_5a1e;

/** Body of `PUT /_sandbox/faults/:service`: fields left out take their no-fault value. */
export const faultPatchSchema = z.strictObject({
  failureRate: z.number().min(0).max(1).optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  timeoutRate: z.number().min(0).max(1).optional(),
  timeoutHangMs: z.number().int().min(0).max(600_000).optional(),
  failUntilCleared: z.boolean().optional(),
  rejectRate: z.number().min(0).max(1).optional(),
  rejectStatus: z
    .number()
    .int()
    .min(400)
    .max(499)
    .refine((status) => status !== 408 && status !== 429, {
      message: '408 and 429 are retried by callers; a rejection must be a refusal retrying cannot fix',
    })
    .optional(),
  malformedRate: z.number().min(0).max(1).optional(),
  /** Reseeds this service's generator, so a test gets the same sequence of faults on every run. */
  seed: z.number().int().optional(),
});

/** Body of `PUT /_sandbox/faults/:service`. */
export type FaultPatch = z.infer<typeof faultPatchSchema>;

/**
 * Decides, per call, whether a service fails, refuses, hangs, answers malformed or answers. Each service
 * draws from its own generators (derived from the run seed and the service name), so the faults of one
 * service do not shift when another service gets more or fewer calls.
 */
export class FaultInjector {
  private readonly configs = new Map<SandboxService, FaultConfig>();
  private readonly stats = new Map<SandboxService, FaultStats>();
  /** 503s and timeouts. */
  private readonly randoms = new Map<SandboxService, RandomSource>();
  /** Rejections and malformed answers. */
  private readonly refusalRandoms = new Map<SandboxService, RandomSource>();

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
    this.stats.set(service, noStats());
    if (seed !== undefined) this.seedGenerators(service, seed);
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
      this.stats.set(service, noStats());
      if (this.seed === undefined) {
        this.randoms.set(service, Math.random);
        this.refusalRandoms.set(service, Math.random);
      } else {
        this.seedGenerators(service, this.seed ^ hashString(service));
      }
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
      const refusalRandom = this.refusalRandoms.get(service) ?? Math.random;
      stats.calls += 1;
      // Every draw happens on every call, so the sequence of decisions depends only on the call count.
      const failDraw = random();
      const timeoutDraw = random();
      const rejectDraw = refusalRandom();
      const malformedDraw = refusalRandom();
      if (config.latencyMs > 0) await this.scheduler.sleep(config.latencyMs);
      if (config.failUntilCleared || failDraw < config.failureRate) {
        stats.failuresInjected += 1;
        throw new SandboxError(503, 'SERVICE_UNAVAILABLE', `${service} is unavailable (injected fault)`);
      }
      if (rejectDraw < config.rejectRate) {
        stats.rejectionsInjected += 1;
        throw new SandboxError(
          config.rejectStatus,
          'INJECTED_REJECTION',
          `${service} refused the call (injected fault)`,
        );
      }
      if (malformedDraw < config.malformedRate) {
        stats.malformedInjected += 1;
        breakTheAnswer(res);
      }
      if (timeoutDraw < config.timeoutRate) {
        stats.timeoutsInjected += 1;
        delayTheAnswer(res, this.scheduler, config.timeoutHangMs);
      }
      next();
    };
  }

  private seedGenerators(service: SandboxService, seed: number): void {
    this.randoms.set(service, seededRandom(seed));
    this.refusalRandoms.set(service, seededRandom(seed ^ REFUSAL_SALT));
  }

  private config(service: SandboxService): FaultConfig {
    return this.configs.get(service) ?? { ...NO_FAULT };
  }

  private statsOf(service: SandboxService): FaultStats {
    let stats = this.stats.get(service);
    if (!stats) {
      stats = noStats();
      this.stats.set(service, stats);
    }
    return stats;
  }
}

/**
 * The work is done as usual; a success answer then carries {@link MALFORMED_BODY} instead of its body.
 * An error answer (a business refusal) is left as it is: only a 2xx can break the contract this way.
 */
function breakTheAnswer(res: Response): void {
  const send = res.json.bind(res);
  res.json = (body: unknown) => send(res.statusCode >= 200 && res.statusCode < 300 ? MALFORMED_BODY : body);
}

/**
 * The work is done now; only the answer is late. A caller that gave up cannot tell whether the refund was
 * paid, which is exactly what the idempotency key of its retry settles.
 */
function delayTheAnswer(res: Response, scheduler: Scheduler, hangMs: number): void {
  const send = res.json.bind(res);
  res.json = (body: unknown) => {
    scheduler.schedule(hangMs, () => {
      if (!res.writableEnded && !res.destroyed) send(body);
    });
    return res;
  };
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
