/** Failure type of an event append that can never succeed as sent (a version or command conflict). */
export const APPEND_REJECTED = 'APPEND_REJECTED';
