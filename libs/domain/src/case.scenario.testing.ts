import { Decision, DecideContext, applyDecision } from './decide/decision';
import { decideRequestCase } from './decide/request.decide';
import { CaseEvent } from './case.events';
import { CaseState, initialCaseState } from './case.state';
import { Actor, CaseRequest } from './case.types';
import { Policy } from './policy.schema';
import { DEFAULT_POLICY } from './policy.default';
import { makeCaseRequest } from './case.testing';

/** Actors for tests. */
export const TEST_ACTORS = {
  customer: { role: 'customer', id: 'c-1' },
  merchant: { role: 'merchant', id: 'agent-1' },
  warehouse: { role: 'warehouse', id: 'wh-1' },
  carrier: { role: 'carrier', id: 'sf' },
  ops: { role: 'ops', id: 'ops-1' },
  system: { role: 'system', id: 'aftersales' },
} as const satisfies Record<string, Actor>;

/** A case under test: its state, its events, and a clock that only moves forward. */
export class CaseScenario {
  state: CaseState = initialCaseState;
  readonly events: CaseEvent[] = [];
  now: Date;

  /** Starts the scenario's clock at `start`. */
  constructor(start: Date) {
    this.now = start;
  }

  /** Moves the clock to `at` (never backwards). */
  at(at: Date | string): this {
    const next = new Date(at);
    if (next.getTime() > this.now.getTime()) this.now = next;
    return this;
  }

  /** Moves the clock by `ms`. */
  after(ms: number): this {
    this.now = new Date(this.now.getTime() + ms);
    return this;
  }

  /** The decide context at the scenario's clock. */
  ctx(actor: Actor): DecideContext {
    return { now: this.now, actor };
  }

  /** Runs a decide function and, when it succeeds, keeps its events. Returns the decision. */
  run(decide: (state: CaseState, ctx: DecideContext) => Decision, actor: Actor): Decision {
    const decision = decide(this.state, this.ctx(actor));
    if (decision.ok) {
      this.state = applyDecision(this.state, decision);
      this.events.push(...decision.events);
    }
    return decision;
  }

  /** Opens the case from a test request. */
  open(overrides: Partial<CaseRequest> = {}, policy: Policy = DEFAULT_POLICY, caseId = 'case-1'): Decision {
    return this.run(
      (state, ctx) => decideRequestCase(state, { caseId, request: makeCaseRequest(overrides), policy }, ctx),
      TEST_ACTORS.customer,
    );
  }
}
