import { temporal } from '@temporalio/proto';
import { int64, isoOf } from './temporal-rpc';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const EventType = temporal.api.enums.v1.EventType;

/** Where `POST /v1/ops/cases/{id}/reset` may send a workflow back to. */
export type ResetTarget = 'LAST_WORKFLOW_TASK' | 'FIRST_WORKFLOW_TASK' | number;

/** A reset point found in the history: the workflow runs again from the task that ended there. */
export interface ResetPoint {
  eventId: number;
  eventType: string;
  eventTime: string | null;
}

/** The events an explicit reset event id may name (Temporal's own rule for `workflowTaskFinishEventId`). */
const RESETTABLE_EVENT_TYPES: ReadonlySet<number> = new Set([
  EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT,
  EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
]);

/** Why a reset target does not fit the history: the target itself (400) or the workflow's state (409). */
export class ResetTargetError extends Error {
  constructor(
    readonly kind: 'INVALID_TARGET' | 'NOT_RESETTABLE',
    message: string,
  ) {
    super(message);
  }
}

/** The history event `to` names: the first or last completed workflow task, or a workflow task event by id. */
export function resolveResetPoint(events: readonly HistoryEvent[], to: ResetTarget): ResetPoint {
  if (typeof to === 'number') {
    const event = events.find((candidate) => int64(candidate.eventId) === to);
    if (!event) {
      throw new ResetTargetError(
        'INVALID_TARGET',
        `the history has no event ${to} (it has ${events.length})`,
      );
    }
    if (!RESETTABLE_EVENT_TYPES.has(event.eventType ?? 0)) {
      throw new ResetTargetError(
        'INVALID_TARGET',
        `event ${to} is ${eventTypeName(event)}; a reset needs a WorkflowTaskCompleted, WorkflowTaskFailed, ` +
          'WorkflowTaskTimedOut or WorkflowTaskStarted event',
      );
    }
    return pointOf(event);
  }
  const completed = events.filter(
    (event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
  );
  const chosen = to === 'FIRST_WORKFLOW_TASK' ? completed[0] : completed[completed.length - 1];
  if (!chosen) {
    throw new ResetTargetError(
      'NOT_RESETTABLE',
      'the workflow has not completed a single workflow task yet: there is nothing to reset to',
    );
  }
  return pointOf(chosen);
}

/** A failed workflow task as its history event tells it. */
export interface WorkflowTaskFailure {
  eventId: number;
  at: string | null;
  cause: string;
  message: string;
}

/** The newest WorkflowTaskFailed event of `events` (in any order), with its cause and failure message. */
export function lastWorkflowTaskFailure(events: readonly HistoryEvent[]): WorkflowTaskFailure | undefined {
  let newest: HistoryEvent | undefined;
  for (const event of events) {
    if (event.eventType !== EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED) continue;
    if (!newest || int64(event.eventId) > int64(newest.eventId)) newest = event;
  }
  if (!newest) return undefined;
  const attributes = newest.workflowTaskFailedEventAttributes;
  const cause = temporal.api.enums.v1.WorkflowTaskFailedCause[attributes?.cause ?? 0] ?? 'UNSPECIFIED';
  return {
    eventId: int64(newest.eventId),
    at: isoOf(newest.eventTime),
    cause: cause.replace(/^WORKFLOW_TASK_FAILED_CAUSE_/, ''),
    message: attributes?.failure?.message ?? '',
  };
}

/** `WorkflowTaskCompleted` for EVENT_TYPE_WORKFLOW_TASK_COMPLETED. */
export function eventTypeName(event: HistoryEvent): string {
  const name = EventType[event.eventType ?? 0] ?? 'EVENT_TYPE_UNSPECIFIED';
  return name
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .replace(/(^|_)([a-z])/g, (_match, _separator: string, letter: string) => letter.toUpperCase());
}

function pointOf(event: HistoryEvent): ResetPoint {
  return {
    eventId: int64(event.eventId),
    eventType: eventTypeName(event),
    eventTime: isoOf(event.eventTime),
  };
}

/** The history event a non-determinism message names (`HistoryEvent(id: 25, TimerStarted)`), if any. */
export function divergedEventId(message: string): number | undefined {
  const match = /HistoryEvent\(id: (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}

/**
 * The last WorkflowTaskCompleted event before `eventId`: resetting there runs the workflow task that
 * issued the diverging commands again, with the current code.
 */
export function lastCompletedWorkflowTaskBefore(
  events: readonly HistoryEvent[],
  eventId: number,
): ResetPoint | undefined {
  let found: HistoryEvent | undefined;
  for (const event of events) {
    if (int64(event.eventId) >= eventId) break;
    if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) found = event;
  }
  return found ? pointOf(found) : undefined;
}
