/** One parcel scanned at the station in this session. */
export interface ScanEntry {
  receiptId: string;
  trackingNumber: string;
  at: string;
  result: 'MATCHED' | 'UNMATCHED' | 'REFUSED';
  caseId?: string;
  status?: string;
  message?: string;
}

const KEY = 'aftersales.console.warehouse.scans';
const KEEP = 500;

/** The scans of this tab's session (kept across reloads, so no unmatched parcel is lost from view). */
export function loadScans(): ScanEntry[] {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as ScanEntry[]) : [];
  } catch {
    return [];
  }
}

/** Stores the scans, newest first: every unmatched parcel, and the newest 500 others. */
export function saveScans(scans: ScanEntry[]): ScanEntry[] {
  let others = 0;
  const kept = scans.filter((scan) => scan.result === 'UNMATCHED' || ++others <= KEEP);
  sessionStorage.setItem(KEY, JSON.stringify(kept));
  return kept;
}
