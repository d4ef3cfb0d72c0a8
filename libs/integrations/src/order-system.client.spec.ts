// Contract tests: the real client against the sandbox, started in-process, over real HTTP.
import { createSandbox, RunningSandbox } from '../../../apps/sandbox/src/sandbox';
import { SandboxControlClient } from '../../../apps/sandbox/src/sandbox-control.client';
import {
  ExternalSystemBadResponseError,
  ExternalSystemRejectedError,
  ExternalSystemTimeoutError,
  ExternalSystemUnavailableError,
} from './integration.errors';
import { integrationsConfigFromEnv } from './integrations.config';
import { FetchFunction } from './json-http.client';
import { OrderSystemClient } from './order-system.client';
import { NoCurrentPriceError, OrderNotFoundError } from './order-system.errors';

const shipTo = { name: 'Li Lei', phone: '13800000000', line1: '1 Renmin Rd', city: 'Hangzhou' };

describe('OrderSystemClient against the sandbox', () => {
  let sandbox: RunningSandbox;
  let control: SandboxControlClient;
  let orders: OrderSystemClient;

  beforeAll(async () => {
    sandbox = await createSandbox({ seed: 17 }).listen(0);
    control = new SandboxControlClient(sandbox.url);
    orders = new OrderSystemClient({
      baseUrl: integrationsConfigFromEnv({ SANDBOX_URL: sandbox.url }).orderSystemUrl,
      timeoutMs: 500,
    });
  });
  beforeEach(() => control.reset());
  afterAll(() => sandbox.close());

  const createOrder = () =>
    control.createOrder({
      orderId: 'o-1',
      customerId: 'c-1',
      merchantId: 'm-1',
      customerTier: 'TRUSTED',
      paidAt: '2026-11-20T08:00:00.000Z',
      deliveredAt: '2026-11-22T08:00:00.000Z',
      shippingInsurance: true,
      shipTo,
      lines: [
        {
          sku: 'sku-1',
          category: 'ELECTRONICS',
          supplierId: 's-1',
          warrantyMonths: 12,
          portable: true,
          quantity: 1,
          unitPaid: { amount: 399_900, currency: 'CNY' },
        },
      ],
    });

  it('reads an order with every money fact of its lines', async () => {
    await createOrder();

    await expect(orders.getOrder('o-1')).resolves.toEqual({
      orderId: 'o-1',
      customerId: 'c-1',
      merchantId: 'm-1',
      customerTier: 'TRUSTED',
      paidAt: '2026-11-20T08:00:00.000Z',
      deliveredAt: '2026-11-22T08:00:00.000Z',
      shippingInsurance: true,
      shipTo,
      lines: [
        {
          lineId: 'o-1-1',
          sku: 'sku-1',
          category: 'ELECTRONICS',
          supplierId: 's-1',
          warrantyMonths: 12,
          portable: true,
          quantity: 1,
          unitPaid: { amount: 399_900, currency: 'CNY' },
        },
      ],
    });
  });

  it('throws a non-retryable OrderNotFoundError for an unknown order', async () => {
    const error = await orders.getOrder('o-none').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(OrderNotFoundError);
    expect(error).toBeInstanceOf(ExternalSystemRejectedError);
    expect(error).toMatchObject({
      code: 'ORDER_NOT_FOUND',
      orderId: 'o-none',
      retryable: false,
      httpStatus: 404,
    });
  });

  it('reads a current price, and throws NoCurrentPriceError for a SKU without one', async () => {
    await control.setCataloguePrice('sku-1', { amount: 369_900, currency: 'CNY' });

    await expect(orders.getCurrentPrice('sku-1')).resolves.toEqual({
      sku: 'sku-1',
      price: { amount: 369_900, currency: 'CNY' },
    });
    const error = await orders.getCurrentPrice('sku-2').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NoCurrentPriceError);
    expect(error).toMatchObject({ code: 'NO_CURRENT_PRICE', sku: 'sku-2', retryable: false });
  });

  it('keeps a 404 of a wrong URL a plain refusal, never "no such order"', async () => {
    const misrouted = new OrderSystemClient({
      baseUrl: `${sandbox.url}/not-the-order-system`,
      timeoutMs: 500,
    });

    const error = await misrouted.getOrder('o-1').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ExternalSystemRejectedError);
    expect(error).not.toBeInstanceOf(OrderNotFoundError);
    expect(error).toMatchObject({ code: 'ROUTE_NOT_FOUND', httpStatus: 404 });
  });

  it('turns an outage into a retryable error', async () => {
    await createOrder();
    await control.setFault('orders', { failUntilCleared: true });

    const error = await orders.getOrder('o-1').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ExternalSystemUnavailableError);
    expect(error).toMatchObject({ retryable: true, httpStatus: 503, system: 'order-system' });
  });

  it('turns a hanging answer into a retryable timeout', async () => {
    await createOrder();
    await control.setFault('orders', { timeoutRate: 1, timeoutHangMs: 2_000 });

    const error = await orders.getOrder('o-1').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ExternalSystemTimeoutError);
    expect(error).toMatchObject({ retryable: true, code: 'EXTERNAL_SYSTEM_TIMEOUT' });
  });

  it('turns an injected refusal into a non-retryable rejection and a malformed answer into a bad response', async () => {
    await createOrder();
    await control.setFault('orders', { rejectRate: 1, rejectStatus: 401 });
    await expect(orders.getOrder('o-1')).rejects.toMatchObject({
      code: 'INJECTED_REJECTION',
      httpStatus: 401,
      retryable: false,
    });

    await control.setFault('orders', { malformedRate: 1 });
    const error = await orders.getOrder('o-1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExternalSystemBadResponseError);
  });
});

describe('OrderSystemClient on answers that break the contract', () => {
  const answering =
    (body: unknown): FetchFunction =>
    () =>
      Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
  const line = {
    lineId: 'o-1-1',
    sku: 'sku-1',
    category: 'GENERAL',
    supplierId: 's-1',
    warrantyMonths: 0,
    portable: false,
    quantity: 1,
    unitPaid: { amount: 100, currency: 'CNY' },
  };
  const order = {
    orderId: 'o-1',
    customerId: 'c-1',
    merchantId: 'm-1',
    customerTier: 'STANDARD',
    paidAt: '2026-11-20T08:00:00.000Z',
    deliveredAt: null,
    shippingInsurance: false,
    shipTo: null,
    lines: [line],
  };
  const client = (body: unknown) =>
    new OrderSystemClient({ baseUrl: 'http://order-system.test', timeoutMs: 500, fetch: answering(body) });

  it('accepts a well-formed order', async () => {
    await expect(client(order).getOrder('o-1')).resolves.toEqual(order);
  });

  it.each([
    ['another order than asked', { ...order, orderId: 'o-2' }],
    [
      'a fractional unit amount',
      { ...order, lines: [{ ...line, unitPaid: { amount: 1.5, currency: 'CNY' } }] },
    ],
    ['a negative unit amount', { ...order, lines: [{ ...line, unitPaid: { amount: -1, currency: 'CNY' } }] }],
    ['a zero quantity', { ...order, lines: [{ ...line, quantity: 0 }] }],
    ['an unknown category', { ...order, lines: [{ ...line, category: 'TOYS' }] }],
    ['two lines with one id', { ...order, lines: [line, line] }],
    ['no lines', { ...order, lines: [] }],
    ['a paidAt that is no timestamp', { ...order, paidAt: 'yesterday' }],
  ])('refuses %s as a bad response', async (_what, body) => {
    await expect(client(body).getOrder('o-1')).rejects.toBeInstanceOf(ExternalSystemBadResponseError);
  });

  it('refuses a price of another SKU than asked', async () => {
    await expect(
      client({ sku: 'sku-9', price: { amount: 1, currency: 'CNY' } }).getCurrentPrice('sku-1'),
    ).rejects.toBeInstanceOf(ExternalSystemBadResponseError);
  });
});
