/** Failure type of an event append that can never succeed as sent (a version or command conflict). */
export const APPEND_REJECTED = 'APPEND_REJECTED';

/**
 * Failure types the workflows raise themselves, beside the domain's error codes: an update naming
 * something the workflow does not hold, a supplier batch credited by another credit note.
 */
export const WORKFLOW_ERROR_CODES = ['NOT_FOUND', 'ALREADY_CREDITED'] as const;
/** A failure type a workflow raises itself. */
export type WorkflowErrorCode = (typeof WORKFLOW_ERROR_CODES)[number];
