import express, { Express, Router } from 'express';
import { AddressInfo } from 'node:net';
import { carrierControlRouter, carrierRouter } from './carrier.routes';
import { FaultInjector, FaultPatch, faultsRouter, SandboxService } from './faults';
import { IdGenerator } from './id-generator';
import { insuranceRouter } from './insurance.routes';
import { notifyControlRouter, notifyRouter } from './notify.routes';
import { orderSystemControlRouter, orderSystemRouter, seedOrderSystem } from './order-system.routes';
import { OrderInput } from './orders.schemas';
import { refundSystemRouter } from './refund-system.routes';
import { repairCentreRouter } from './repair-centre.routes';
import { SandboxContext } from './sandbox.context';
import { errorHandler, notFoundHandler, parseInput } from './sandbox.errors';
import { Money } from './sandbox.schemas';
import {
  applyKnobsPatch,
  defaultKnobs,
  KnobsPatch,
  knobsPatchSchema,
  publicKnobs,
  SandboxKnobs,
} from './sandbox.knobs';
import { SandboxState } from './sandbox.state';
import { Scheduler } from './scheduler';
import { seededRandom } from './seeded-random';
import { supplierControlRouter, supplierRouter } from './supplier.routes';
import { WebhookSender } from './webhook-sender';
import { wmsControlRouter, wmsRouter } from './wms.routes';

/** How a sandbox starts; everything here can also be changed at run time under `/_sandbox`. */
export interface SandboxOptions {
  /** Makes fault decisions and generated ids reproducible. */
  seed?: number;
  /** Knobs applied over the defaults (and restored by `POST /_sandbox/reset`). */
  knobs?: KnobsPatch;
  /** Faults set at start (cleared by reset, like any other fault). */
  faults?: Partial<Record<SandboxService, FaultPatch>>;
  /** The sandbox's clock. */
  now?: () => Date;
  /**
   * Orders the order system holds from the start (e.g. `devOrderSeed`). Like the start faults, they are
   * part of the start configuration: a reset forgets every order created since and restores these.
   */
  orders?: readonly OrderInput[];
  /** Current catalogue prices per SKU from the start (restored by reset, like `orders`). */
  catalogue?: Readonly<Record<string, Money>>;
}

/** A running sandbox. */
export interface RunningSandbox {
  url: string;
  /** Stops listening, drops open (hanging) connections and cancels pending timers. */
  close(): Promise<void>;
}

/** A sandbox app, not yet listening, with handles for in-process tests. */
export interface Sandbox {
  app: Express;
  /** Listens on `port` (0: any free port) and `host` (default 127.0.0.1). */
  listen(port: number, host?: string): Promise<RunningSandbox>;
  /** The played systems' memory (read it directly in in-process tests). */
  readonly state: SandboxState;
  /** The current knobs. */
  readonly knobs: SandboxKnobs;
  /** The fault injector. */
  readonly faults: FaultInjector;
  /**
   * Forgets everything: state, webhooks, pending timers, faults, orders and prices created since; knobs,
   * faults, orders and prices return to the start options.
   */
  reset(): void;
}

/** Mount points of the played systems; the integration clients' default base URLs end with these. */
export const SANDBOX_PREFIXES = {
  refundSystem: '/refund-system',
  insurance: '/insurance',
  carrier: '/carrier',
  wms: '/wms',
  repairCentre: '/repair-centre',
  supplier: '/supplier',
  notify: '/notify',
  orderSystem: '/order-system',
} as const;

/** Builds the sandbox: the external systems Aftersales talks to, played over HTTP with fault injection. */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const scheduler = new Scheduler();
  const startKnobs = () => applyKnobsPatch(defaultKnobs(), options.knobs ?? {});
  const ctx: SandboxContext = {
    state: new SandboxState(),
    knobs: startKnobs(),
    faults: new FaultInjector(scheduler, options.seed),
    scheduler,
    ids: new IdGenerator(options.seed === undefined ? Math.random : seededRandom(options.seed)),
    webhooks: new WebhookSender(),
    now: options.now ?? (() => new Date()),
  };
  const applyStartOptions = () => {
    for (const [service, patch] of Object.entries(options.faults ?? {})) {
      if (patch) ctx.faults.set(service as SandboxService, patch);
    }
    seedOrderSystem(ctx, options.orders ?? [], options.catalogue ?? {});
  };
  applyStartOptions();

  const reset = () => {
    scheduler.cancelAll();
    ctx.state = new SandboxState();
    ctx.knobs = startKnobs();
    ctx.webhooks.clear();
    ctx.faults.clearAll();
    applyStartOptions();
  };

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(SANDBOX_PREFIXES.refundSystem, refundSystemRouter(ctx));
  app.use(SANDBOX_PREFIXES.insurance, insuranceRouter(ctx));
  app.use(SANDBOX_PREFIXES.carrier, carrierRouter(ctx));
  app.use(SANDBOX_PREFIXES.wms, wmsRouter(ctx));
  app.use(SANDBOX_PREFIXES.repairCentre, repairCentreRouter(ctx));
  app.use(SANDBOX_PREFIXES.supplier, supplierRouter(ctx));
  app.use(SANDBOX_PREFIXES.notify, notifyRouter(ctx));
  app.use(SANDBOX_PREFIXES.orderSystem, orderSystemRouter(ctx));
  app.use('/_sandbox', controlRouter(ctx, reset));
  app.use(notFoundHandler);
  app.use(errorHandler);

  return {
    app,
    listen: (port, host = '127.0.0.1') => listen(app, scheduler, port, host),
    get state() {
      return ctx.state;
    },
    get knobs() {
      return ctx.knobs;
    },
    faults: ctx.faults,
    reset,
  };
}

/** `/_sandbox`: faults, knobs, reset, scans, stock, orders, catalogue prices, notices, webhook deliveries. */
function controlRouter(ctx: SandboxContext, reset: () => void): Router {
  const router = Router();
  router.use('/faults', faultsRouter(ctx.faults));
  router.use('/carrier', carrierControlRouter(ctx));
  router.use('/wms', wmsControlRouter(ctx));
  router.use('/supplier', supplierControlRouter(ctx));
  router.use('/notifications', notifyControlRouter(ctx));
  router.use(orderSystemControlRouter(ctx));
  router.get('/knobs', (_req, res) => {
    res.json(publicKnobs(ctx.knobs));
  });
  router.put('/knobs', (req, res) => {
    ctx.knobs = applyKnobsPatch(ctx.knobs, parseInput(knobsPatchSchema, req.body));
    res.json(publicKnobs(ctx.knobs));
  });
  router.get('/webhooks', (_req, res) => {
    res.json({ items: ctx.webhooks.deliveries });
  });
  router.post('/reset', (_req, res) => {
    reset();
    res.status(204).end();
  });
  return router;
}

function listen(app: Express, scheduler: Scheduler, port: number, host: string): Promise<RunningSandbox> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => {
      if (error) return reject(error);
      const address = server.address() as AddressInfo;
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            scheduler.cancelAll();
            server.close((closeError) => (closeError ? fail(closeError) : done()));
            // Hanging "timed out" responses would otherwise hold close() for their whole hang.
            server.closeAllConnections();
          }),
      });
    });
  });
}
