import { defineSignal, defineUpdate } from '@temporalio/workflow';

/** Workflow type of the bare baseline case. */
export const BASELINE_WORKFLOW_TYPE = 'baselineCaseWorkflow';

/** Task queue of the baseline's worker (apart from the service's queues). */
export const BASELINE_TASK_QUEUE = 'bench-baseline';

/**
 * What one baseline case does, copied from the Temporal history of a real case of the same path: as
 * many activities, updates, signals and timers, and no domain logic at all.
 */
export interface BaselinePlan {
  /** Activities before the first update (the case's request, a pickup booking...). */
  initialActivities: number;
  /** Updates the driver sends, one after the other (merchant decision, scans, inspection...). */
  updates: number;
  /** Activities each update's handler runs before answering (the case appends its events). */
  activitiesPerUpdate: number;
  /** Activities after the last update (refund, replacement, the final appends). */
  finalActivities: number;
  /** Signals the driver sends. */
  signals: number;
  /** Durable timers started (and cancelled when the awaited step comes first, as the case's SLA clocks). */
  timers: number;
}

/** A step sent by the driver; answers how many updates the workflow has handled. */
export const baselineStepUpdate = defineUpdate<number, [number]>('baselineStep');

/** A nudge sent by the driver. */
export const baselineNudgeSignal = defineSignal<[number]>('baselineNudge');

/** Workflow type of the bare waiting workflow: the memory baseline of `npm run bench -- --memory`. */
export const BARE_WAITING_WORKFLOW_TYPE = 'bareWaitingWorkflow';

/** Ends a bare waiting workflow before its 48 hours. */
export const bareReleaseSignal = defineSignal('bareRelease');

/** Touches a bare waiting workflow (the memory mode's action); answers how often it was touched. */
export const bareTouchUpdate = defineUpdate<number>('bareTouch');
