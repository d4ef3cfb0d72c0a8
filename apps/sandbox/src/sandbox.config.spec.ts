import { sandboxConfigFromEnv, SandboxConfigError } from './sandbox.config';

describe('sandboxConfigFromEnv', () => {
  it('listens on 127.0.0.1:4000 with no webhooks and nothing automatic by default', () => {
    const config = sandboxConfigFromEnv({});

    expect(config).toMatchObject({ port: 4000, host: '127.0.0.1' });
    expect(config.options.knobs).toMatchObject({
      carrier: { autoProgress: false },
      supplier: { autoCreditNote: false },
      refund: { mode: 'SYNC' },
    });
    expect(config.options.seed).toBeUndefined();
  });

  it('turns auto-progress and auto credit on when the webhooks are set, as npm run dev does', () => {
    const config = sandboxConfigFromEnv({
      SANDBOX_PORT: '4100',
      CARRIER_WEBHOOK_URL: 'http://127.0.0.1:3000/v1/carrier/events',
      CARRIER_WEBHOOK_TOKEN: 'c-token',
      SUPPLIER_CREDIT_WEBHOOK_URL_TEMPLATE: 'http://127.0.0.1:3000/v1/supplier-returns/{batchId}/credit',
      SUPPLIER_WEBHOOK_TOKEN: 's-token',
      SANDBOX_SEED: '99',
    });

    expect(config.port).toBe(4100);
    expect(config.options.seed).toBe(99);
    expect(config.options.knobs).toMatchObject({
      carrier: { autoProgress: true, pickedUpAfterMs: 5_000 },
      supplier: { autoCreditNote: true },
      webhooks: {
        carrierUrl: 'http://127.0.0.1:3000/v1/carrier/events',
        carrierToken: 'c-token',
        supplierToken: 's-token',
      },
    });
  });

  it('lets explicit switches override the webhook-based defaults', () => {
    const config = sandboxConfigFromEnv({
      CARRIER_WEBHOOK_URL: 'http://127.0.0.1:3000/v1/carrier/events',
      SANDBOX_CARRIER_AUTO_PROGRESS: 'false',
      SANDBOX_REFUND_MODE: 'async',
      SANDBOX_REFUND_FAILURE_RATE: '0.3',
    });

    expect(config.options.knobs).toMatchObject({
      carrier: { autoProgress: false },
      refund: { mode: 'ASYNC' },
    });
    expect(config.options.faults).toEqual({ refund: { failureRate: 0.3 } });
  });

  it('starts the order system with the dev orders unless SANDBOX_DEV_ORDERS is off', () => {
    const seeded = sandboxConfigFromEnv({}).options;

    expect(seeded.orders?.map((order) => order.orderId)).toEqual([
      'o-dev-1',
      'o-dev-2',
      'o-dev-3',
      'o-dev-4',
    ]);
    expect(seeded.catalogue).toHaveProperty('PHONE-X1');
    expect(sandboxConfigFromEnv({ SANDBOX_DEV_ORDERS: 'false' }).options).not.toHaveProperty('orders');
    expect(() => sandboxConfigFromEnv({ SANDBOX_DEV_ORDERS: 'maybe' })).toThrow(/^SANDBOX_DEV_ORDERS/);
  });

  it('stops with the name of a bad variable', () => {
    expect(() => sandboxConfigFromEnv({ SANDBOX_PORT: 'eighty' })).toThrow(/^SANDBOX_PORT/);
    expect(() => sandboxConfigFromEnv({ SUPPLIER_CREDIT_WEBHOOK_URL_TEMPLATE: 'http://x/credit' })).toThrow(
      SandboxConfigError,
    );
    expect(() => sandboxConfigFromEnv({ SANDBOX_REFUND_FAILURE_RATE: '30%' })).toThrow(
      /SANDBOX_REFUND_FAILURE_RATE/,
    );
  });
});
