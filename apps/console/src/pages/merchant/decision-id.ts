/**
 * A fresh decision id (`d-` and 32 hex digits) for each submission, so a retried request joins the
 * first and a new decision is never taken for a repeat. `getRandomValues` works on plain http too,
 * where `crypto.randomUUID` is missing.
 */
export function freshDecisionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `d-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
