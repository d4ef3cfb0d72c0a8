import { FaultInjector } from './faults';
import { IdGenerator } from './id-generator';
import { SandboxKnobs } from './sandbox.knobs';
import { SandboxState } from './sandbox.state';
import { Scheduler } from './scheduler';
import { WebhookSender } from './webhook-sender';

/**
 * What every route reads at request time. `state` and `knobs` are replaced by reset, so routes
 * must read them through the context on each call, never keep a reference.
 */
export interface SandboxContext {
  state: SandboxState;
  knobs: SandboxKnobs;
  readonly faults: FaultInjector;
  readonly scheduler: Scheduler;
  readonly ids: IdGenerator;
  readonly webhooks: WebhookSender;
  /** The sandbox's clock, an option so tests could pin it. */
  readonly now: () => Date;
}
