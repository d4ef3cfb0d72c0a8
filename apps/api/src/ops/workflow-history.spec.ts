import { temporal } from '@temporalio/proto';
import {
  divergedEventId,
  eventTypeName,
  lastCompletedWorkflowTaskBefore,
  lastWorkflowTaskFailure,
  resolveResetPoint,
  ResetTargetError,
} from './workflow-history';

const T = temporal.api.enums.v1.EventType;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** A history of a case: started, request appended, a merchant decision, then a failing workflow task. */
function history(): HistoryEvent[] {
  const types = [
    T.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, // 1
    T.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, // 2
    T.EVENT_TYPE_WORKFLOW_TASK_STARTED, // 3
    T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, // 4
    T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, // 5
    T.EVENT_TYPE_ACTIVITY_TASK_STARTED, // 6
    T.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, // 7
    T.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, // 8
    T.EVENT_TYPE_WORKFLOW_TASK_STARTED, // 9
    T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, // 10
    T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED, // 11
    T.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, // 12
    T.EVENT_TYPE_WORKFLOW_TASK_STARTED, // 13
    T.EVENT_TYPE_WORKFLOW_TASK_FAILED, // 14
  ];
  return types.map((eventType, index) =>
    temporal.api.history.v1.HistoryEvent.fromObject({
      eventId: index + 1,
      eventType,
      eventTime: { seconds: 1_790_000_000 + index, nanos: 0 },
      ...(eventType === T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED
        ? {
            workflowExecutionUpdateAcceptedEventAttributes: {
              acceptedRequest: { input: { name: 'merchantDecision' } },
            },
          }
        : {}),
      ...(eventType === T.EVENT_TYPE_WORKFLOW_TASK_FAILED
        ? {
            workflowTaskFailedEventAttributes: {
              cause:
                temporal.api.enums.v1.WorkflowTaskFailedCause
                  .WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR,
              failure: { message: 'Nondeterminism error: HistoryEvent(id: 11, TimerStarted)' },
            },
          }
        : {}),
    }),
  );
}

describe('reset points in a workflow history', () => {
  it('finds the first and the last completed workflow task', () => {
    expect(resolveResetPoint(history(), 'FIRST_WORKFLOW_TASK')).toMatchObject({
      eventId: 4,
      eventType: 'WorkflowTaskCompleted',
    });
    expect(resolveResetPoint(history(), 'LAST_WORKFLOW_TASK')).toMatchObject({ eventId: 10 });
  });

  it('takes an event id of a workflow task event, and refuses any other event or none', () => {
    expect(resolveResetPoint(history(), 14)).toMatchObject({ eventId: 14, eventType: 'WorkflowTaskFailed' });
    expect(() => resolveResetPoint(history(), 7)).toThrow(/ActivityTaskCompleted/);
    expect(() => resolveResetPoint(history(), 99)).toThrow(ResetTargetError);
    const notStarted = history().slice(0, 3);
    expect(() => resolveResetPoint(notStarted, 'LAST_WORKFLOW_TASK')).toThrow(
      expect.objectContaining({ kind: 'NOT_RESETTABLE' }),
    );
  });

  it('reads the last failed workflow task and where a divergence starts', () => {
    expect(lastWorkflowTaskFailure(history())).toEqual({
      eventId: 14,
      at: new Date((1_790_000_000 + 13) * 1000).toISOString(),
      cause: 'NON_DETERMINISTIC_ERROR',
      message: 'Nondeterminism error: HistoryEvent(id: 11, TimerStarted)',
    });
    expect(divergedEventId('[TMPRL1100] Nondeterminism error: HistoryEvent(id: 11, TimerStarted)')).toBe(11);
    expect(divergedEventId('something else')).toBeUndefined();
    expect(lastCompletedWorkflowTaskBefore(history(), 11)).toMatchObject({ eventId: 10 });
    expect(eventTypeName({ eventType: T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ADMITTED })).toBe(
      'WorkflowExecutionUpdateAdmitted',
    );
  });
});
