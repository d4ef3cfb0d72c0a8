import { DataSource } from 'typeorm';
import { initDatabase, TrackingNumbers, WarehouseReceipts } from '../../libs/persistence/src';
import { openTestDataSource, uniqueId } from './persistence-test-support';

describe('tracking numbers and warehouse receipts in PostgreSQL', () => {
  let dataSource: DataSource;
  let otherProcess: DataSource;
  let tracking: TrackingNumbers;
  let receipts: WarehouseReceipts;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    otherProcess = await initDatabase(process.env.DATABASE_URL ?? '', { poolSize: 4 });
    tracking = new TrackingNumbers(dataSource);
    receipts = new WarehouseReceipts(dataSource);
  });
  afterAll(async () => {
    await otherProcess.destroy();
    await dataSource.destroy();
  });

  it('binds a tracking number to one of two cases registering it at once, from two pools', async () => {
    const number = uniqueId('YT');

    const outcomes = await Promise.all([
      tracking.bind(number, 'case-a', 'YTO'),
      new TrackingNumbers(otherProcess).bind(number, 'case-b', 'YTO'),
    ]);

    const winner = outcomes[0].bound ? 'case-a' : 'case-b';
    expect(outcomes.filter((outcome) => outcome.bound)).toEqual([{ bound: true, replayed: false }]);
    expect(outcomes.find((outcome) => !outcome.bound)).toEqual({
      bound: false,
      code: 'TRACKING_NUMBER_IN_USE',
      heldByCaseId: winner,
    });
    expect(await tracking.openCaseOf(number)).toBe(winner);
  });

  it('answers a repeated bind of the same case as replayed', async () => {
    const number = uniqueId('SF');
    await tracking.bind(number, 'case-a', 'SF');

    await expect(tracking.bind(number, 'case-a', 'SF')).resolves.toEqual({ bound: true, replayed: true });
  });

  it('frees a closed case’s numbers for another case, once', async () => {
    const number = uniqueId('ZTO');
    await tracking.bind(number, 'case-old', 'ZTO');

    expect(await tracking.releaseCase('case-old')).toBe(1);
    expect(await tracking.releaseCase('case-old')).toBe(0);

    expect(await tracking.openCaseOf(number)).toBeUndefined();
    await expect(tracking.bind(number, 'case-new', 'ZTO')).resolves.toEqual({ bound: true, replayed: false });
  });

  it('matches a receipt to the open case holding its number, and answers a repeated receipt id the first way', async () => {
    const number = uniqueId('SBX');
    const receiptId = uniqueId('rc');
    await tracking.bind(number, 'case-r', 'SANDBOX');

    const first = await receipts.record({
      receiptId,
      warehouseId: 'wh-1',
      trackingNumber: number,
      receivedAt: '2026-11-30T10:00:00.000Z',
    });
    await tracking.releaseCase('case-r');
    const repeat = await receipts.record({
      receiptId,
      warehouseId: 'wh-1',
      trackingNumber: number,
      receivedAt: '2026-11-30T10:05:00.000Z',
    });

    expect(first).toEqual({
      replayed: false,
      receipt: {
        receiptId,
        warehouseId: 'wh-1',
        trackingNumber: number,
        caseId: 'case-r',
        receivedAt: '2026-11-30T10:00:00.000Z',
      },
    });
    expect(repeat).toEqual({ replayed: true, receipt: first.receipt });
  });

  it('keeps a parcel no open case holds as unmatched, listed for ops oldest first with a cursor', async () => {
    const released = uniqueId('SBX');
    await tracking.bind(released, 'case-closed', 'SANDBOX');
    await tracking.releaseCase('case-closed');
    const ids = [uniqueId('rc-unmatched'), uniqueId('rc-unmatched')];

    await receipts.record({
      receiptId: ids[0]!,
      warehouseId: 'wh-1',
      trackingNumber: uniqueId('unknown'),
      receivedAt: '2000-01-01T00:00:00.000Z',
    });
    await receipts.record({
      receiptId: ids[1]!,
      warehouseId: 'wh-1',
      trackingNumber: released,
      receivedAt: '2000-01-01T00:00:01.000Z',
    });

    const firstPage = await receipts.listUnmatched(1);
    const secondPage = await receipts.listUnmatched(1, ids[0]);

    expect(firstPage.map((receipt) => receipt.receiptId)).toEqual([ids[0]]);
    expect(secondPage).toEqual([
      expect.objectContaining({ receiptId: ids[1], caseId: null, trackingNumber: released }),
    ]);
    await expect(receipts.listUnmatched(0)).rejects.toThrow(RangeError);
  });
});
