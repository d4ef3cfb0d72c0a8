import { createHash } from 'node:crypto';

/** Namespace of case ids derived from request ids (a fixed random UUID; never change it). */
const CASE_ID_NAMESPACE = Buffer.from('6f1c2a4e8b3d4f0a9e7c5b1d3a2f4e6c', 'hex');

/**
 * The case id of a request id: a UUID v5 (SHA-1, RFC 9562) of the request id in our namespace, so
 * a repeated `POST /v1/cases` reaches the same workflow `case-<caseId>` however often it is sent.
 */
export function caseIdOfRequest(requestId: string): string {
  const hash = createHash('sha1').update(CASE_ID_NAMESPACE).update(requestId, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether `value` can be a case id at all (ids are UUIDs, ours or a client's). */
export function isCaseIdShaped(value: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(value);
}

/** A stable fingerprint of a validated request: keys sorted, so equal bodies hash equally. */
export function requestFingerprint(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
