import { CaseState } from '../case.state';
import { addDuration } from '../duration';
import { PolicyClocks } from '../policy.schema';
import { DecideContext } from './decision';

/** The clocks of the profile the case keeps for life (null before the case exists). */
export function clocksOf(state: CaseState): PolicyClocks | null {
  return state.profile?.clocks ?? null;
}

/** The instant `duration` after the decision's clock (ISO 8601). */
export function due(ctx: DecideContext, duration: string): string {
  return addDuration(ctx.now, duration);
}
