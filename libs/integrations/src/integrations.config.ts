/** Where the external systems are, and how long one call may take. */
export interface IntegrationsConfig {
  refundSystemUrl: string;
  carrierUrl: string;
  wmsUrl: string;
  repairUrl: string;
  supplierUrl: string;
  insuranceUrl: string;
  notifyUrl: string;
  /** The order system (orders, catalogue prices). */
  orderSystemUrl: string;
  /** Per-call timeout; a call that takes longer is an ExternalSystemTimeoutError (retryable). */
  timeoutMs: number;
}

/** The bundled sandbox (`npm run start:sandbox`), used for every system whose URL is unset. */
export const DEFAULT_SANDBOX_URL = 'http://127.0.0.1:4000';

/** Per-call timeout when `INTEGRATIONS_TIMEOUT_MS` is unset. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** Each system's variable and where the sandbox plays it. */
const SYSTEMS = {
  refundSystemUrl: { variable: 'REFUND_SYSTEM_URL', sandboxPrefix: '/refund-system' },
  carrierUrl: { variable: 'CARRIER_URL', sandboxPrefix: '/carrier' },
  wmsUrl: { variable: 'WMS_URL', sandboxPrefix: '/wms' },
  repairUrl: { variable: 'REPAIR_URL', sandboxPrefix: '/repair-centre' },
  supplierUrl: { variable: 'SUPPLIER_URL', sandboxPrefix: '/supplier' },
  insuranceUrl: { variable: 'INSURANCE_URL', sandboxPrefix: '/insurance' },
  notifyUrl: { variable: 'NOTIFY_URL', sandboxPrefix: '/notify' },
  orderSystemUrl: { variable: 'ORDER_SYSTEM_URL', sandboxPrefix: '/order-system' },
} as const satisfies Record<Exclude<keyof IntegrationsConfig, 'timeoutMs'>, unknown>;

/** A bad integration variable; the process stops at start-up naming it. */
export class IntegrationsConfigError extends Error {
  override readonly name = 'IntegrationsConfigError';
  readonly code = 'CONFIG_INVALID';
}

/**
 * Reads `REFUND_SYSTEM_URL`, `CARRIER_URL`, `WMS_URL`, `REPAIR_URL`, `SUPPLIER_URL`, `INSURANCE_URL`,
 * `NOTIFY_URL`, `ORDER_SYSTEM_URL` (each unset: `SANDBOX_URL`, default http://127.0.0.1:4000, plus the system's prefix)
 * and `INTEGRATIONS_TIMEOUT_MS`. Throws {@link IntegrationsConfigError} naming a bad variable.
 */
export function integrationsConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): IntegrationsConfig {
  const read = (name: string) => env[name]?.trim() || undefined;
  const sandboxUrl = httpUrl('SANDBOX_URL', read('SANDBOX_URL') ?? DEFAULT_SANDBOX_URL);
  const urls = Object.fromEntries(
    Object.entries(SYSTEMS).map(([field, { variable, sandboxPrefix }]) => [
      field,
      httpUrl(variable, read(variable) ?? `${sandboxUrl}${sandboxPrefix}`),
    ]),
  ) as Record<keyof typeof SYSTEMS, string>;

  const timeoutText = read('INTEGRATIONS_TIMEOUT_MS');
  const timeoutMs = timeoutText === undefined ? DEFAULT_TIMEOUT_MS : Number(timeoutText);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000) {
    throw new IntegrationsConfigError(
      `INTEGRATIONS_TIMEOUT_MS: expected milliseconds from 1 to 600000, got "${timeoutText}"`,
    );
  }
  return { ...urls, timeoutMs };
}

/** Validates an http(s) URL and drops a trailing slash, so paths join cleanly. */
function httpUrl(variable: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new IntegrationsConfigError(`${variable}: not a URL: "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new IntegrationsConfigError(`${variable}: expected an http(s) URL, got "${value}"`);
  }
  return value.replace(/\/+$/, '');
}
