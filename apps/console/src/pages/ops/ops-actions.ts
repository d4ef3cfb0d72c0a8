import type { CaseView } from '../../api/case-view';
import { api, unwrap } from '../../api/client';
import { ActivityActionAnswer, ReplayAnswer, ResetAnswer, ResetTarget, StuckReason } from './ops.types';

/** An action of the ops desk on one case, before it is confirmed. */
export type OpsAction =
  | { kind: 'replay'; caseId: string }
  | { kind: 'reset'; caseId: string; to: ResetTarget; divergedAtEventId?: number }
  | {
      kind: 'retryActivity' | 'pauseActivity' | 'unpauseActivity';
      caseId: string;
      activityId: string;
      activityType: string;
    }
  | { kind: 'retryRefund'; caseId: string; refundId: string }
  | { kind: 'retryStep' | 'resolveStep'; caseId: string; stepKey: string };

/** What the API answered to a confirmed action: the answer of its endpoint, by kind. */
export type OpsOutcome =
  | { kind: 'replay'; answer: ReplayAnswer }
  | { kind: 'reset'; answer: ResetAnswer }
  | { kind: 'activity'; answer: ActivityActionAnswer }
  | { kind: 'case'; answer: CaseView };

/** What the confirmation asks for besides the click: a reason (some actions require it), and per action more. */
export interface ActionForm {
  reason: string;
  /** replay: record a deterministic replay in the case's log. */
  record: boolean;
  /** reset: where to. */
  to: ResetTarget;
  /** step resolve. */
  outcome: 'DONE' | 'SKIPPED';
  externalRef: string;
}

/** Actions whose endpoint refuses an empty reason (400), so the dialog asks for one first. */
export const REASON_REQUIRED: ReadonlySet<OpsAction['kind']> = new Set([
  'reset',
  'retryRefund',
  'retryStep',
  'resolveStep',
]);

/** The actions a listed reason offers (the case-wide replay and reset are offered on every row). */
export function actionsOfReason(caseId: string, reason: StuckReason): OpsAction[] {
  const activity = { caseId, activityId: reason.activityId ?? '', activityType: reason.activityType ?? '' };
  switch (reason.kind) {
    case 'ACTIVITY_FAILING':
      return reason.activityId
        ? [
            { kind: 'retryActivity', ...activity },
            { kind: 'pauseActivity', ...activity },
          ]
        : [];
    case 'ACTIVITY_PAUSED':
      return reason.activityId
        ? [
            { kind: 'unpauseActivity', ...activity },
            { kind: 'retryActivity', ...activity },
          ]
        : [];
    case 'REFUND_FAILED':
      return reason.refundId ? [{ kind: 'retryRefund', caseId, refundId: reason.refundId }] : [];
    case 'STEP_REFUSED':
      return reason.stepKey
        ? [
            { kind: 'retryStep', caseId, stepKey: reason.stepKey },
            { kind: 'resolveStep', caseId, stepKey: reason.stepKey },
          ]
        : [];
    case 'WORKFLOW_TASK_FAILING':
    case 'PAST_DEADLINE':
    case 'SILENT':
    case 'SLA_BREACHED':
      return [];
    default: {
      const unknownKind: never = reason.kind;
      return unknownKind;
    }
  }
}

const optionalReason = (form: ActionForm) => (form.reason.trim() ? { reason: form.reason.trim() } : {});

async function runActivityAction(
  action: Extract<OpsAction, { activityId: string }>,
  form: ActionForm,
): Promise<ActivityActionAnswer> {
  const params = { path: { caseId: action.caseId, activityId: action.activityId } };
  const body = optionalReason(form);
  if (action.kind === 'retryActivity')
    return unwrap(await api.POST('/v1/ops/cases/{caseId}/activities/{activityId}/retry', { params, body }));
  if (action.kind === 'pauseActivity')
    return unwrap(await api.POST('/v1/ops/cases/{caseId}/activities/{activityId}/pause', { params, body }));
  return unwrap(
    await api.POST('/v1/ops/cases/{caseId}/activities/{activityId}/unpause', {
      params,
      body: { ...body, resetAttempts: true },
    }),
  );
}

async function runStepAction(
  action: Extract<OpsAction, { stepKey: string }>,
  form: ActionForm,
): Promise<CaseView> {
  const params = { path: { caseId: action.caseId, stepKey: action.stepKey } };
  if (action.kind === 'retryStep')
    return unwrap(
      await api.POST('/v1/ops/cases/{caseId}/steps/{stepKey}/retry', {
        params,
        body: { reason: form.reason.trim() },
      }),
    );
  const externalRef =
    form.outcome === 'DONE' && form.externalRef.trim() ? { externalRef: form.externalRef.trim() } : {};
  return unwrap(
    await api.POST('/v1/ops/cases/{caseId}/steps/{stepKey}/resolve', {
      params,
      body: { outcome: form.outcome, note: form.reason.trim(), ...externalRef },
    }),
  );
}

/** Sends the confirmed action to the API; the answer's body, or an ApiError with the API's code and message. */
export async function runOpsAction(action: OpsAction, form: ActionForm): Promise<OpsOutcome> {
  const caseParams = { path: { caseId: action.caseId } };
  switch (action.kind) {
    case 'replay': {
      const answer = await api.POST('/v1/ops/cases/{caseId}/replay', {
        params: caseParams,
        body: { record: form.record, ...optionalReason(form) },
      });
      return { kind: 'replay', answer: unwrap(answer) };
    }
    case 'reset': {
      const answer = await api.POST('/v1/ops/cases/{caseId}/reset', {
        params: caseParams,
        body: { to: form.to, reason: form.reason.trim() },
      });
      return { kind: 'reset', answer: unwrap(answer) };
    }
    case 'retryActivity':
    case 'pauseActivity':
    case 'unpauseActivity':
      return { kind: 'activity', answer: await runActivityAction(action, form) };
    case 'retryRefund': {
      const answer = await api.POST('/v1/ops/cases/{caseId}/refunds/{refundId}/retry', {
        params: { path: { caseId: action.caseId, refundId: action.refundId } },
        body: { reason: form.reason.trim() },
      });
      return { kind: 'case', answer: unwrap(answer) };
    }
    case 'retryStep':
    case 'resolveStep':
      return { kind: 'case', answer: await runStepAction(action, form) };
    default: {
      const unknownAction: never = action;
      return unknownAction;
    }
  }
}
