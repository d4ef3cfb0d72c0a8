/**
 * The case workflow's changes that alter its commands, each behind `patched()`: a history recorded
 * before a change replays the path it took, a run that is not replaying takes the new one.
 */
export const CASE_PATCHES = {
  /**
   * Everything one workflow task decides goes to the log in one appendCaseCommands, each action with
   * its own command id; the workflow folds the events the log stored, and behind the log it catches
   * up and decides again.
   */
  commandBatches: 'case-log-command-batches',
  /** The request is decided at the time it was received (the start input's `requestedAt`), not at the task's. */
  requestTime: 'case-request-received-time',
  /**
   * An outside refusal of a step is recorded (STEP_REFUSED) and waits for ops in `needsAttention`
   * instead of failing the execution; a refusal of the domain (the case moved on) drops the step; a
   * failure of the workflow's own code fails the workflow task (retried), never the execution.
   */
  stepAttention: 'case-step-attention',
} as const;
