import { ScanResult } from './carrier.routes';
import { FaultConfig, FaultPatch, FaultStats, SandboxService } from './faults';
import { RefundLedger } from './refund-system.routes';
import { OrderInput, OrderRecord } from './orders.schemas';
import { KnobsPatch, SandboxKnobs } from './sandbox.knobs';
import { Money } from './sandbox.schemas';
import { CarrierScanEvent, NotificationRecord } from './sandbox.state';
import { CreditNoteResult } from './supplier.routes';
import { WebhookDelivery } from './webhook-sender';

/** A failed control call, with the sandbox's error code. */
export class SandboxControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Drives a running sandbox from a test or a script: faults, knobs, reset, scans, stock, orders, and the
 * witnesses (refund ledger, notices, webhook deliveries).
 */
export class SandboxControlClient {
  private readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** Sets a service's fault (replacing the previous one). */
  setFault(service: SandboxService, fault: FaultPatch): Promise<FaultConfig> {
    return this.call('PUT', `/_sandbox/faults/${service}`, fault);
  }

  /** Makes a service healthy again. */
  async clearFault(service: SandboxService): Promise<void> {
    await this.call('DELETE', `/_sandbox/faults/${service}`);
  }

  /** Every service's fault and what it injected. */
  faults(): Promise<Record<SandboxService, FaultConfig & { stats: FaultStats }>> {
    return this.call('GET', '/_sandbox/faults');
  }

  /** Merges `patch` into the knobs. */
  setKnobs(patch: KnobsPatch): Promise<SandboxKnobs> {
    return this.call('PUT', '/_sandbox/knobs', patch);
  }

  /** Forgets all state, faults and pending timers. */
  async reset(): Promise<void> {
    await this.call('POST', '/_sandbox/reset');
  }

  /** The refund ledger, for one case or all. */
  ledger(caseId?: string): Promise<RefundLedger> {
    return this.call('GET', `/refund-system/ledger${caseId ? `?caseId=${encodeURIComponent(caseId)}` : ''}`);
  }

  /** Makes the carrier report a scan to the API's webhook. */
  emitScan(scan: { trackingNumber: string; event: CarrierScanEvent; occurredAt?: string; eventId?: string }) {
    return this.call<ScanResult>('POST', '/_sandbox/carrier/scans', scan);
  }

  /** Sets a SKU's available stock. */
  setStock(sku: string, quantity: number): Promise<{ sku: string; available: number }> {
    return this.call('PUT', `/_sandbox/wms/stock/${encodeURIComponent(sku)}`, { quantity });
  }

  /** Makes the supplier issue a batch's credit note now. */
  issueCreditNote(batchId: string, amount?: Money): Promise<CreditNoteResult> {
    return this.call(
      'POST',
      `/_sandbox/supplier/batches/${encodeURIComponent(batchId)}/credit-note`,
      amount ? { amount } : {},
    );
  }

  /** Makes the order system hold an order (ids generated when left out); an existing `orderId` is a 409. */
  createOrder(order: OrderInput): Promise<OrderRecord> {
    return this.call('POST', '/_sandbox/orders', order);
  }

  /** Sets a SKU's current catalogue price (price protection compares against it). */
  setCataloguePrice(sku: string, price: Money): Promise<{ sku: string; price: Money }> {
    return this.call('PUT', `/_sandbox/catalogue/${encodeURIComponent(sku)}`, { price });
  }

  /** The notices sent, for one case or all. */
  async notifications(caseId?: string): Promise<NotificationRecord[]> {
    const query = caseId ? `?caseId=${encodeURIComponent(caseId)}` : '';
    return (await this.call<{ items: NotificationRecord[] }>('GET', `/_sandbox/notifications${query}`)).items;
  }

  /** The webhooks the sandbox sent. */
  async webhooks(): Promise<WebhookDelivery[]> {
    return (await this.call<{ items: WebhookDelivery[] }>('GET', '/_sandbox/webhooks')).items;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      ...(body !== undefined
        ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
        : {}),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new SandboxControlError(
        response.status,
        error?.code ?? 'SANDBOX_CONTROL_FAILED',
        `${method} ${path}: ${response.status} ${error?.message ?? text}`,
      );
    }
    return parsed as T;
  }
}
