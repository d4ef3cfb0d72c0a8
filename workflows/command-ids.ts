import { currentUpdateInfo, uuid4 } from '@temporalio/workflow';
import { CaseCommand, CaseCommandOf, CaseCommandType, commandKey } from '../libs/domain/src';

/** The caller's own id of an action, for the commands that carry one. */
const CALLER_KEYS: {
  readonly [T in CaseCommandType]?: (data: CaseCommandOf<T>['data']) => string | undefined;
} = {
  REQUEST_CASE: (data) => {
    const request = data.request as { requestId?: unknown } | null;
    return typeof request?.requestId === 'string' ? commandKey.request(request.requestId) : undefined;
  },
  MERCHANT_DECISION: (data) => commandKey.decision(data.decisionId),
  ESCALATE: (data) => commandKey.escalation(data.escalationId),
  ARBITRATION_RULING: (data) => commandKey.ruling(data.rulingId),
  INSPECTION: (data) => commandKey.inspection(data.inspectionId),
  CARRIER_SCAN: (data) => commandKey.carrierEvent(data.eventId),
};

function callerKey(command: CaseCommand): string | undefined {
  // The map is keyed by type, so the function found takes this command's data.
  const key = CALLER_KEYS[command.type] as ((data: CaseCommand['data']) => string | undefined) | undefined;
  return key?.(command.data);
}

/**
 * Command ids of a case's appends, unique per action and the same whenever the action is decided
 * again (a replay, or a run reset behind its log): the caller's action id (decisionId, eventId, ...),
 * else the id of the update that carries it (kept when Temporal reapplies it after a reset), else a
 * workflow uuid for the system's own work.
 */
export class CommandIds {
  private readonly used = new Map<string, number>();

  constructor(private readonly caseId: string) {}

  /** The id of the action that decided `commands` (the first one names a group decided together). */
  next(commands: readonly CaseCommand[]): string {
    const key = callerKey(commands[0]) ?? updateKey() ?? `system:${uuid4()}`;
    const id = `${this.caseId}/${key}`;
    // An update that records twice keeps distinct ids, numbered in the order it records them.
    const uses = (this.used.get(id) ?? 0) + 1;
    this.used.set(id, uses);
    return uses === 1 ? id : `${id}#${uses}`;
  }
}

function updateKey(): string | undefined {
  const update = currentUpdateInfo();
  return update ? `update:${update.name}:${update.id}` : undefined;
}
