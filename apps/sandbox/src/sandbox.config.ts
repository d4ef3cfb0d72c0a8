import { FaultPatch, SandboxService } from './faults';
import { devOrderSeed } from './orders.seed';
import { KnobsPatch } from './sandbox.knobs';
import { SandboxOptions } from './sandbox';

/** Where and how `main.ts` runs the sandbox. */
export interface SandboxProcessConfig {
  port: number;
  host: string;
  options: SandboxOptions;
}

/** A bad environment variable; the process stops at start-up naming it. */
export class SandboxConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/**
 * Reads the sandbox's environment: `SANDBOX_PORT` (4000), `SANDBOX_HOST` (127.0.0.1), `SANDBOX_SEED`,
 * `CARRIER_WEBHOOK_URL`, `CARRIER_WEBHOOK_TOKEN`, `SUPPLIER_CREDIT_WEBHOOK_URL_TEMPLATE`,
 * `SUPPLIER_WEBHOOK_TOKEN`, `SANDBOX_REFUND_MODE` (SYNC|ASYNC), `SANDBOX_CARRIER_AUTO_PROGRESS`,
 * `SANDBOX_CARRIER_SCAN_DELAY_MS`, `SANDBOX_SUPPLIER_AUTO_CREDIT`, `SANDBOX_SUPPLIER_CREDIT_DELAY_MS`,
 * `SANDBOX_REFUND_FAILURE_RATE`, `SANDBOX_DEV_ORDERS` (default true: the order system starts with
 * {@link devOrderSeed}'s orders of the dev identities, dated from the start time). Auto-progress and auto-credit default to on when their webhook is
 * set, so that `npm run dev` flows by itself; tests build the sandbox in-process and start with both off.
 */
export function sandboxConfigFromEnv(env: NodeJS.ProcessEnv): SandboxProcessConfig {
  const value = (name: string) => (env[name] ?? '').trim() || undefined;
  const integer = (name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) => {
    const text = value(name);
    if (text === undefined) return fallback;
    const parsed = Number(text);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      throw new SandboxConfigError(`${name}: expected an integer from ${min} to ${max}, got "${text}"`);
    }
    return parsed;
  };
  const flag = (name: string, fallback: boolean) => {
    const text = value(name)?.toLowerCase();
    if (text === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(text)) return true;
    if (['0', 'false', 'no', 'off'].includes(text)) return false;
    throw new SandboxConfigError(`${name}: expected true or false, got "${text}"`);
  };
  const url = (name: string) => {
    const text = value(name);
    if (text === undefined) return undefined;
    try {
      new URL(text.replace('{batchId}', 'batch'));
    } catch {
      throw new SandboxConfigError(`${name}: not a URL: "${text}"`);
    }
    return text;
  };
  const rate = (name: string) => {
    const text = value(name);
    if (text === undefined) return undefined;
    const parsed = Number(text);
    if (!(parsed >= 0 && parsed <= 1)) throw new SandboxConfigError(`${name}: expected a number from 0 to 1`);
    return parsed;
  };

  const refundMode = value('SANDBOX_REFUND_MODE')?.toUpperCase() ?? 'SYNC';
  if (refundMode !== 'SYNC' && refundMode !== 'ASYNC') {
    throw new SandboxConfigError(`SANDBOX_REFUND_MODE: expected SYNC or ASYNC, got "${refundMode}"`);
  }
  const carrierUrl = url('CARRIER_WEBHOOK_URL');
  const supplierCreditUrlTemplate = url('SUPPLIER_CREDIT_WEBHOOK_URL_TEMPLATE');
  if (supplierCreditUrlTemplate && !supplierCreditUrlTemplate.includes('{batchId}')) {
    throw new SandboxConfigError('SUPPLIER_CREDIT_WEBHOOK_URL_TEMPLATE: must contain {batchId}');
  }
  const scanDelayMs = integer('SANDBOX_CARRIER_SCAN_DELAY_MS', 5_000, 0, 3_600_000);
  const knobs: KnobsPatch = {
    refund: { mode: refundMode },
    carrier: {
      autoProgress: flag('SANDBOX_CARRIER_AUTO_PROGRESS', carrierUrl !== undefined),
      pickedUpAfterMs: scanDelayMs,
      inTransitAfterMs: scanDelayMs,
      deliveredAfterMs: scanDelayMs,
    },
    supplier: {
      autoCreditNote: flag('SANDBOX_SUPPLIER_AUTO_CREDIT', supplierCreditUrlTemplate !== undefined),
      creditDelayMs: integer('SANDBOX_SUPPLIER_CREDIT_DELAY_MS', 5_000, 0, 3_600_000),
    },
    webhooks: {
      carrierUrl,
      carrierToken: value('CARRIER_WEBHOOK_TOKEN'),
      supplierCreditUrlTemplate,
      supplierToken: value('SUPPLIER_WEBHOOK_TOKEN'),
    },
  };
  const faults: Partial<Record<SandboxService, FaultPatch>> = {};
  const refundFailureRate = rate('SANDBOX_REFUND_FAILURE_RATE');
  if (refundFailureRate !== undefined) faults.refund = { failureRate: refundFailureRate };
  const seedText = value('SANDBOX_SEED');
  return {
    port: integer('SANDBOX_PORT', 4000, 0, 65535),
    host: value('SANDBOX_HOST') ?? '127.0.0.1',
    options: {
      ...(seedText !== undefined ? { seed: integer('SANDBOX_SEED', 0, -(2 ** 31), 2 ** 32) } : {}),
      knobs,
      faults,
      ...devOrderOptions(flag('SANDBOX_DEV_ORDERS', true)),
    },
  };
}

/** The start orders and prices of the dev seed, dated from now, or none. */
function devOrderOptions(seeded: boolean): Pick<SandboxOptions, 'orders' | 'catalogue'> {
  if (!seeded) return {};
  const { orders, catalogue } = devOrderSeed(new Date());
  return { orders, catalogue };
}
