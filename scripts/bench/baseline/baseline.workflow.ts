import { allHandlersFinished, condition, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { BaselineActivities } from './baseline.activities';
import {
  BaselinePlan,
  bareReleaseSignal,
  bareTouchUpdate,
  baselineNudgeSignal,
  baselineStepUpdate,
} from './baseline.definitions';

// The same activity options as the case workflow's event-log appends.
const { baselineStep } = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * A bare case for `npm run bench`'s baseline: the plan's activities, updates, signals and timers in the
 * order a real case has them, and nothing else. Its throughput is what Temporal alone allows here.
 */
export async function baselineCaseWorkflow(plan: BaselinePlan): Promise<number> {
  let activities = 0;
  let updatesHandled = 0;
  let signals = 0;
  // Timers go on the activity waits first: a wait for an update that has already arrived ends in the
  // same activation, and a timer started and cancelled there never reaches the server.
  const activityWaits = plan.initialActivities + plan.finalActivities;
  let activityTimers = Math.min(plan.timers, activityWaits);
  let otherTimers = plan.timers - activityTimers;
  const activity = () => baselineStep(activities++);

  setHandler(baselineStepUpdate, async () => {
    for (let i = 0; i < plan.activitiesPerUpdate; i++) await activity();
    return ++updatesHandled;
  });
  setHandler(baselineNudgeSignal, () => {
    signals++;
  });

  /** Waits for `work`, with a durable timer pending (cancelled when the work ends first) if `timed`. */
  const wait = async (work: () => Promise<unknown>, timed: boolean) => {
    let done = false;
    const running = work().then(() => {
      done = true;
    });
    if (timed) await condition(() => done, '1 day');
    await running;
  };
  const activityWait = () => wait(activity, activityTimers-- > 0);
  const otherWait = (work: () => Promise<unknown>) => wait(work, otherTimers-- > 0);

  for (let i = 0; i < plan.initialActivities; i++) await activityWait();
  for (let update = 1; update <= plan.updates; update++) {
    await otherWait(() => condition(() => updatesHandled >= update));
  }
  await otherWait(() => condition(() => signals >= plan.signals));
  for (let i = 0; i < plan.finalActivities; i++) await activityWait();
  // Timers the waits above could not hold: started and fired, so the count matches.
  for (; otherTimers > 0; otherTimers--) await sleep(1);
  await condition(allHandlersFinished);
  return activities;
}

/**
 * The memory baseline: waits on a signal or a 48-hour timer (as a case waits on the merchant's review
 * clock) and does nothing else; an update answers at once, so an action on it can be timed.
 */
export async function bareWaitingWorkflow(): Promise<number> {
  let released = false;
  let touched = 0;
  setHandler(bareReleaseSignal, () => {
    released = true;
  });
  setHandler(bareTouchUpdate, () => ++touched);
  await condition(() => released, '48 hours');
  return touched;
}
