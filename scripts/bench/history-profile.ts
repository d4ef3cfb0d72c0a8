import { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { BaselinePlan } from './baseline/baseline.definitions';

const EventType = temporal.api.enums.v1.EventType;

/** The activity types that append to the event log (today's batched one, and the one before it). */
export const APPEND_ACTIVITY_TYPES = ['appendCaseCommands', 'appendCaseEvents'] as const;

/** What a workflow execution cost Temporal, counted from its history. */
export interface HistoryProfile {
  /** Executions averaged over. */
  samples: number;
  events: number;
  workflowTasks: number;
  activities: number;
  /** Activities by type name. */
  activitiesByType: Record<string, number>;
  /** Activities that append to the event log ({@link APPEND_ACTIVITY_TYPES}). */
  appendCalls: number;
  updates: number;
  signals: number;
  timersStarted: number;
  timersCancelled: number;
  searchAttributeUpserts: number;
  /** Activities scheduled before the first update was accepted. */
  activitiesBeforeFirstUpdate: number;
}

/** Counts the history of each workflow id and averages them (fields rounded to one decimal). */
export async function profileHistories(
  client: Client,
  workflowIds: readonly string[],
): Promise<HistoryProfile> {
  const profiles: HistoryProfile[] = [];
  for (const workflowId of workflowIds) {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    profiles.push(countHistory(history.events ?? []));
  }
  return average(profiles);
}

function countHistory(events: readonly temporal.api.history.v1.IHistoryEvent[]): HistoryProfile {
  const profile: HistoryProfile = {
    samples: 1,
    events: events.length,
    workflowTasks: 0,
    activities: 0,
    activitiesByType: {},
    appendCalls: 0,
    updates: 0,
    signals: 0,
    timersStarted: 0,
    timersCancelled: 0,
    searchAttributeUpserts: 0,
    activitiesBeforeFirstUpdate: 0,
  };
  for (const event of events) {
    switch (event.eventType) {
      case EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
        profile.workflowTasks++;
        break;
      case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED: {
        profile.activities++;
        if (profile.updates === 0) profile.activitiesBeforeFirstUpdate++;
        const name = event.activityTaskScheduledEventAttributes?.activityType?.name ?? 'unknown';
        profile.activitiesByType[name] = (profile.activitiesByType[name] ?? 0) + 1;
        if ((APPEND_ACTIVITY_TYPES as readonly string[]).includes(name)) profile.appendCalls++;
        break;
      }
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
        profile.updates++;
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
        profile.signals++;
        break;
      case EventType.EVENT_TYPE_TIMER_STARTED:
        profile.timersStarted++;
        break;
      case EventType.EVENT_TYPE_TIMER_CANCELED:
        profile.timersCancelled++;
        break;
      case EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES:
        profile.searchAttributeUpserts++;
        break;
      default:
        break;
    }
  }
  return profile;
}

function average(profiles: readonly HistoryProfile[]): HistoryProfile {
  const n = profiles.length || 1;
  const mean = (pick: (profile: HistoryProfile) => number) =>
    Math.round((profiles.reduce((total, profile) => total + pick(profile), 0) / n) * 10) / 10;
  const types = new Set(profiles.flatMap((profile) => Object.keys(profile.activitiesByType)));
  return {
    samples: profiles.length,
    events: mean((profile) => profile.events),
    workflowTasks: mean((profile) => profile.workflowTasks),
    activities: mean((profile) => profile.activities),
    activitiesByType: Object.fromEntries(
      [...types].sort().map((type) => [type, mean((profile) => profile.activitiesByType[type] ?? 0)]),
    ),
    appendCalls: mean((profile) => profile.appendCalls),
    updates: mean((profile) => profile.updates),
    signals: mean((profile) => profile.signals),
    timersStarted: mean((profile) => profile.timersStarted),
    timersCancelled: mean((profile) => profile.timersCancelled),
    searchAttributeUpserts: mean((profile) => profile.searchAttributeUpserts),
    activitiesBeforeFirstUpdate: mean((profile) => profile.activitiesBeforeFirstUpdate),
  };
}

/**
 * The baseline plan with the case's counts: each update's handler runs one activity (the case's
 * handler appends its events once), the other activities run before the first update and after the last.
 */
export function planFromProfile(profile: HistoryProfile): BaselinePlan {
  const updates = Math.round(profile.updates);
  const activities = Math.round(profile.activities);
  const initial = Math.min(Math.round(profile.activitiesBeforeFirstUpdate), activities);
  const activitiesPerUpdate = updates > 0 ? 1 : 0;
  return {
    initialActivities: updates > 0 ? initial : activities,
    updates,
    activitiesPerUpdate,
    finalActivities: updates > 0 ? Math.max(0, activities - initial - updates * activitiesPerUpdate) : 0,
    signals: Math.round(profile.signals),
    timers: Math.round(profile.timersStarted),
  };
}
