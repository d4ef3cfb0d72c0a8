/**
 * Injection token of the policy new cases are decided under: `POLICY_FILE` or the shipped default,
 * parsed once at start-up (a bad file stops the API with a message naming the field) and passed
 * whole to each case workflow, which keeps it for the case's life.
 */
export const CASE_POLICY = Symbol('CASE_POLICY');
