import { devOrderSeed, describeDevOrderSeed, DEV_ORDER_OWNERS } from './orders.seed';
import { OrderInput } from './orders.schemas';
import { createSandbox, RunningSandbox } from './sandbox';
import { SandboxControlClient } from './sandbox-control.client';

const NOW = new Date('2026-11-30T10:00:00.000Z');

const order = (overrides: Partial<OrderInput> = {}): OrderInput => ({
  customerId: 'c-7',
  merchantId: 'm-7',
  paidAt: '2026-11-20T08:00:00+08:00',
  lines: [
    {
      sku: 'sku-a',
      category: 'ELECTRONICS',
      supplierId: 's-7',
      quantity: 2,
      unitPaid: { amount: 12_900, currency: 'CNY' },
    },
    {
      lineId: 'mine',
      sku: 'sku-b',
      category: 'FRESH',
      supplierId: 's-8',
      warrantyMonths: 0,
      portable: false,
      quantity: 1,
      unitPaid: { amount: 9_900, currency: 'CNY' },
    },
  ],
  ...overrides,
});

describe('the sandbox as the order system', () => {
  let running: RunningSandbox;
  let control: SandboxControlClient;
  const seed = devOrderSeed(NOW);

  const get = async (path: string) => {
    const response = await fetch(`${running.url}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    running = await createSandbox({ seed: 11, orders: seed.orders, catalogue: seed.catalogue }).listen(0);
    control = new SandboxControlClient(running.url);
  });
  beforeEach(() => control.reset());
  afterAll(() => running.close());

  it('stores an order with generated ids and defaults, and answers it on the order system', async () => {
    const stored = await control.createOrder(order());

    expect(stored.orderId).toMatch(/^o-/);
    expect(stored).toMatchObject({
      customerTier: 'STANDARD',
      paidAt: '2026-11-20T00:00:00.000Z',
      deliveredAt: null,
      shippingInsurance: false,
      shipTo: null,
    });
    expect(stored.lines.map((line) => line.lineId)).toEqual([`${stored.orderId}-1`, 'mine']);
    expect(stored.lines[0]).toMatchObject({ warrantyMonths: 0, portable: false, quantity: 2 });
    expect(await get(`/order-system/orders/${stored.orderId}`)).toEqual({ status: 200, body: stored });
  });

  it('keeps the caller’s ids and never gives a generated line id a taken one', async () => {
    const lines = order().lines;
    const stored = await control.createOrder(
      order({
        orderId: 'o-x',
        lines: [
          { ...lines[0]!, lineId: 'o-x-1' },
          { ...lines[1]!, lineId: undefined },
        ],
      }),
    );

    expect(stored.lines.map((line) => line.lineId)).toEqual(['o-x-1', 'o-x-2']);
  });

  it('answers 409 for an order id that exists and keeps the first order', async () => {
    await control.createOrder(order({ orderId: 'o-dup' }));

    await expect(control.createOrder(order({ orderId: 'o-dup', customerId: 'c-8' }))).rejects.toMatchObject({
      status: 409,
      code: 'ORDER_EXISTS',
    });
    expect((await get('/order-system/orders/o-dup')).body.customerId).toBe('c-7');
  });

  it('refuses unknown fields, bad categories, duplicate line ids and mixed currencies with 400', async () => {
    const lines = order().lines;
    await expect(control.createOrder({ ...order(), unitPrice: 1 } as OrderInput)).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('unitPrice'),
    });
    await expect(
      control.createOrder(order({ lines: [{ ...lines[0]!, category: 'TOYS' as 'GENERAL' }] })),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('lines.0.category') });
    await expect(control.createOrder(order({ lines: [lines[1]!, lines[1]!] }))).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('lines'),
    });
    await expect(
      control.createOrder(
        order({ lines: [lines[0]!, { ...lines[1]!, unitPaid: { amount: 1, currency: 'USD' } }] }),
      ),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('answers 404 ORDER_NOT_FOUND for an unknown order', async () => {
    expect(await get('/order-system/orders/o-none')).toMatchObject({
      status: 404,
      body: { error: { code: 'ORDER_NOT_FOUND' } },
    });
  });

  it('answers the current catalogue price, 404 NO_CURRENT_PRICE for a SKU without one', async () => {
    expect(await get('/order-system/catalogue/sku-z')).toMatchObject({
      status: 404,
      body: { error: { code: 'NO_CURRENT_PRICE' } },
    });

    await control.setCataloguePrice('sku-z', { amount: 1_000, currency: 'CNY' });

    expect(await get('/order-system/catalogue/sku-z')).toEqual({
      status: 200,
      body: { sku: 'sku-z', price: { amount: 1_000, currency: 'CNY' } },
    });
    await expect(control.setCataloguePrice('sku-z', { amount: -1, currency: 'CNY' })).rejects.toMatchObject({
      status: 400,
    });
  });

  it('applies the orders service’s faults to the order system, never to its control endpoints', async () => {
    await control.setFault('orders', { failUntilCleared: true });

    expect((await get('/order-system/orders/o-dev-1')).status).toBe(503);
    await expect(control.createOrder(order())).resolves.toMatchObject({ customerId: 'c-7' });
    await control.clearFault('orders');
    expect((await get('/order-system/orders/o-dev-1')).status).toBe(200);
  });

  it('forgets created orders and prices on reset but keeps the start options’ orders and prices', async () => {
    const created = await control.createOrder(order());
    await control.setCataloguePrice('PHONE-X1', { amount: 1, currency: 'CNY' });

    await control.reset();

    expect((await get(`/order-system/orders/${created.orderId}`)).status).toBe(404);
    expect((await get('/order-system/orders/o-dev-2')).body).toMatchObject({ customerTier: 'TRUSTED' });
    expect((await get('/order-system/catalogue/PHONE-X1')).body).toEqual({
      sku: 'PHONE-X1',
      price: seed.catalogue['PHONE-X1'],
    });
  });
});

describe('the dev order seed', () => {
  const seed = devOrderSeed(NOW);

  it('belongs to the dev identities and spans both tiers and the categories with their own rules', () => {
    const lines = seed.orders.flatMap((order) => order.lines);

    expect(new Set(seed.orders.map((order) => order.customerId))).toEqual(
      new Set([DEV_ORDER_OWNERS.customerId]),
    );
    expect(new Set(seed.orders.map((order) => order.merchantId))).toEqual(
      new Set([DEV_ORDER_OWNERS.merchantId]),
    );
    expect(new Set(seed.orders.map((order) => order.customerTier))).toEqual(new Set(['STANDARD', 'TRUSTED']));
    expect(new Set(lines.map((line) => line.category))).toEqual(
      new Set(['ELECTRONICS', 'GENERAL', 'FRESH', 'CUSTOM']),
    );
    expect(lines.every((line) => seed.catalogue[line.sku] !== undefined)).toBe(true);
  });

  it('dates the orders from the start time, so they stay inside their windows', () => {
    const first = seed.orders[0]!;

    expect(first.deliveredAt).toBe('2026-11-27T10:00:00.000Z');
    expect(devOrderSeed(new Date('2027-01-01T00:00:00.000Z')).orders[0]!.deliveredAt).toBe(
      '2026-12-29T00:00:00.000Z',
    );
  });

  it('describes every order and line for the console, with the lower current price', () => {
    const text = describeDevOrderSeed(seed).join('\n');

    expect(text).toContain('o-dev-1  customer c-1 (STANDARD), merchant m-1');
    expect(text).toContain('line o-dev-1-1: 1 x PHONE-X1 (ELECTRONICS) at 3999.00 CNY, now 3699.00 CNY');
    expect(text).toContain('line o-dev-2-2: 1 x MANGO-BOX (FRESH) at 99.00 CNY\n');
  });
});
