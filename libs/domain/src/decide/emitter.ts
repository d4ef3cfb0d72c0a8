import { CaseEvent, CaseEventDataMap, CaseEventType, caseEvent } from '../case.events';
import { evolve } from '../case.evolve';
import { CaseState } from '../case.state';
import { Actor } from '../case.types';
import { DecideContext, Decision } from './decision';

/** Collects events and folds them as it goes, so later steps of one decision see the earlier ones. */
export class Emitter {
  readonly events: CaseEvent[] = [];
  constructor(
    public state: CaseState,
    readonly ctx: DecideContext,
  ) {}

  /** Records one event (by the context's actor unless another is given) and folds it into `state`. */
  emit<T extends CaseEventType>(type: T, data: CaseEventDataMap[T], actor: Actor = this.ctx.actor): void {
    const event = caseEvent(type, data, { now: this.ctx.now, actor });
    this.events.push(event as CaseEvent);
    this.state = evolve(this.state, event as CaseEvent);
  }

  /** The successful decision of the events emitted so far. */
  done(): Decision {
    return { ok: true, events: this.events, duplicate: false };
  }
}
