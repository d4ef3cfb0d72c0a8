import { DataSource } from 'typeorm';
import {
  AllowanceConflictError,
  initDatabase,
  OrderLineAllowances,
  OrderLineRefunds,
  UnknownOrderLineError,
} from '../../libs/persistence/src';
import { openTestDataSource, uniqueId } from './persistence-test-support';

const cny = (amount: number) => ({ amount, currency: 'CNY' });

describe('order line allowances in PostgreSQL', () => {
  let dataSource: DataSource;
  let otherProcess: DataSource;
  let units: OrderLineAllowances;
  let refunds: OrderLineRefunds;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    // A second pool stands for a second API process: its connections share nothing with the first's.
    const url = process.env.DATABASE_URL ?? '';
    otherProcess = await initDatabase(url, { poolSize: 10, applicationName: 'aftersales-allowances-other' });
    units = new OrderLineAllowances(dataSource);
    refunds = new OrderLineRefunds(dataSource);
  });
  afterAll(async () => {
    await otherProcess.destroy();
    await dataSource.destroy();
  });

  /** A fresh order with one line of `quantity` units at 99.00 and one of 2 units at 10.00. */
  const newOrder = async (quantity = 3) => {
    const orderId = uniqueId('o');
    await units.registerLines(orderId, [
      { lineId: 'l-1', sku: 'sku-1', quantity, unitPaid: cny(9_900) },
      { lineId: 'l-2', sku: 'sku-2', quantity: 2, unitPaid: cny(1_000) },
    ]);
    return orderId;
  };
  const line = async (orderId: string, lineId = 'l-1') =>
    (await units.readOrder(orderId)).find((row) => row.lineId === lineId);

  it('lets exactly 3 of 20 concurrent reservations from two connection pools hold a line of quantity 3', async () => {
    const orderId = await newOrder(3);
    const pools = [new OrderLineAllowances(dataSource), new OrderLineAllowances(otherProcess)];

    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        pools[index % 2]!.reserveUnits(`case-${index}`, orderId, [{ lineId: 'l-1', quantity: 1 }]),
      ),
    );

    expect(outcomes.filter((outcome) => outcome.reserved)).toHaveLength(3);
    expect(outcomes.filter((outcome) => !outcome.reserved)).toHaveLength(17);
    expect(outcomes.find((outcome) => !outcome.reserved)).toEqual({
      reserved: false,
      code: 'LINE_ALLOWANCE_EXCEEDED',
      lineId: 'l-1',
      available: 0,
    });
    expect(await line(orderId)).toMatchObject({ ordered: 3, heldByOpenCases: 3, returnable: 0 });
  });

  it('counts a retried reservation once, and refuses the same case asking other units', async () => {
    const orderId = await newOrder(3);

    const first = await units.reserveUnits('c-1', orderId, [{ lineId: 'l-1', quantity: 2 }]);
    const retries = await Promise.all([
      units.reserveUnits('c-1', orderId, [{ lineId: 'l-1', quantity: 2 }]),
      new OrderLineAllowances(otherProcess).reserveUnits('c-1', orderId, [{ lineId: 'l-1', quantity: 2 }]),
    ]);

    expect(first).toEqual({ reserved: true, replayed: false });
    expect(retries).toEqual([
      { reserved: true, replayed: true },
      { reserved: true, replayed: true },
    ]);
    expect(await line(orderId)).toMatchObject({ heldByOpenCases: 2, returnable: 1 });
    await expect(units.reserveUnits('c-1', orderId, [{ lineId: 'l-1', quantity: 1 }])).rejects.toBeInstanceOf(
      AllowanceConflictError,
    );
  });

  it('holds all lines of a case or none', async () => {
    const orderId = await newOrder(3);

    const refused = await units.reserveUnits('c-1', orderId, [
      { lineId: 'l-1', quantity: 1 },
      { lineId: 'l-2', quantity: 3 },
    ]);

    expect(refused).toEqual({
      reserved: false,
      code: 'LINE_ALLOWANCE_EXCEEDED',
      lineId: 'l-2',
      available: 2,
    });
    expect(await line(orderId, 'l-1')).toMatchObject({ heldByOpenCases: 0, returnable: 3 });
    await expect(
      units.reserveUnits('c-1', orderId, [
        { lineId: 'l-1', quantity: 1 },
        { lineId: 'l-2', quantity: 2 },
      ]),
    ).resolves.toEqual({ reserved: true, replayed: false });
  });

  it('refuses a line that was never registered', async () => {
    await expect(
      units.reserveUnits('c-1', uniqueId('o-unknown'), [{ lineId: 'l-1', quantity: 1 }]),
    ).rejects.toBeInstanceOf(UnknownOrderLineError);
  });

  it('consumes the units of a refunded case for good and gives back those of a cancelled one, once', async () => {
    const orderId = await newOrder(3);
    await units.reserveUnits('c-refunded', orderId, [{ lineId: 'l-1', quantity: 1 }]);
    await units.reserveUnits('c-cancelled', orderId, [{ lineId: 'l-1', quantity: 2 }]);

    await units.endCaseUnits('c-refunded', 'CONSUME');
    await units.endCaseUnits('c-cancelled', 'RELEASE');
    await units.endCaseUnits('c-cancelled', 'RELEASE');
    await units.endCaseUnits('c-refunded', 'RELEASE');

    expect(await line(orderId)).toMatchObject({ heldByOpenCases: 0, returned: 1, returnable: 2 });
    await expect(
      units.reserveUnits('c-next', orderId, [{ lineId: 'l-1', quantity: 3 }]),
    ).resolves.toMatchObject({
      reserved: false,
      available: 2,
    });
  });

  it('settles units by totals: sent-back units return to the line, retries change nothing, totals never go down', async () => {
    const orderId = await newOrder(3);
    await units.reserveUnits('c-1', orderId, [{ lineId: 'l-1', quantity: 3 }]);

    await units.settleUnits('c-1', orderId, 'l-1', { consumed: 2, released: 1 });
    await units.settleUnits('c-1', orderId, 'l-1', { consumed: 2, released: 1 });

    expect(await line(orderId)).toMatchObject({ heldByOpenCases: 0, returned: 2, returnable: 1 });
    await expect(
      units.settleUnits('c-1', orderId, 'l-1', { consumed: 1, released: 1 }),
    ).rejects.toBeInstanceOf(AllowanceConflictError);
    await expect(
      units.settleUnits('c-1', orderId, 'l-1', { consumed: 3, released: 1 }),
    ).rejects.toBeInstanceOf(AllowanceConflictError);
  });

  it('never reserves more money than a line paid, across concurrent refunds from two pools', async () => {
    const orderId = await newOrder(1);
    const pools = [new OrderLineRefunds(dataSource), new OrderLineRefunds(otherProcess)];

    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        pools[index % 2]!.reserveRefund(`rf-${orderId}-${index}`, `case-${index}`, orderId, [
          { lineId: 'l-1', amount: cny(4_000) },
        ]),
      ),
    );

    expect(outcomes.filter((outcome) => outcome.reserved)).toHaveLength(2);
    expect(await line(orderId)).toMatchObject({ reserved: cny(8_000), refundable: cny(1_900) });
    expect(outcomes.find((outcome) => !outcome.reserved)).toMatchObject({ available: cny(1_900) });
  });

  it('moves a refund from reserved to paid once, gives back an unpaid one, and counts a retried reservation once', async () => {
    const orderId = await newOrder(1);
    const paidId = uniqueId('rf');
    const givenUpId = uniqueId('rf');
    const split = [
      { lineId: 'l-1', amount: cny(5_000) },
      { lineId: 'l-2', amount: cny(500) },
    ];

    await refunds.reserveRefund(paidId, 'c-1', orderId, split);
    await expect(refunds.reserveRefund(paidId, 'c-1', orderId, split)).resolves.toEqual({
      reserved: true,
      replayed: true,
    });
    await refunds.reserveRefund(givenUpId, 'c-2', orderId, [{ lineId: 'l-1', amount: cny(4_900) }]);
    const paid = await Promise.all([
      refunds.markPaid(paidId),
      new OrderLineRefunds(otherProcess).markPaid(paidId),
    ]);
    await refunds.giveBack(givenUpId);

    expect([...paid].sort()).toEqual(['ALREADY_DONE', 'MOVED']);
    expect(await refunds.giveBack(paidId)).toBe('NOT_RESERVED');
    expect(await refunds.giveBack(givenUpId)).toBe('ALREADY_DONE');
    expect(await line(orderId)).toMatchObject({
      reserved: cny(0),
      refunded: cny(5_000),
      refundable: cny(4_900),
    });
    expect(await line(orderId, 'l-2')).toMatchObject({ refunded: cny(500), refundable: cny(1_500) });
  });

  it('refuses a refund id reused with another amount, and an amount in another currency', async () => {
    const orderId = await newOrder(1);
    const refundId = uniqueId('rf');
    await refunds.reserveRefund(refundId, 'c-1', orderId, [{ lineId: 'l-1', amount: cny(100) }]);

    await expect(
      refunds.reserveRefund(refundId, 'c-1', orderId, [{ lineId: 'l-1', amount: cny(200) }]),
    ).rejects.toBeInstanceOf(AllowanceConflictError);
    await expect(
      refunds.reserveRefund(uniqueId('rf'), 'c-1', orderId, [
        { lineId: 'l-1', amount: { amount: 1, currency: 'USD' } },
      ]),
    ).rejects.toBeInstanceOf(UnknownOrderLineError);
    expect(await line(orderId)).toMatchObject({ reserved: cny(100) });
  });
});
