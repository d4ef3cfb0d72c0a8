import fc from 'fast-check';
import { money } from '../money';
import { fitsAmount, fitsQuantity, lineAllowance, stillHeld } from './line-allowance';
import { LineHoldings, OrderLineFacts, QuantityHolding, RefundHolding } from './line-allowance.types';

const line: OrderLineFacts = { lineId: 'o-1-1', quantity: 3, unitPaid: money(9_900) };
const none: LineHoldings = { quantities: [], refunds: [] };
const hold = (caseId: string, held: number, consumed = 0, released = 0): QuantityHolding => ({
  caseId,
  held,
  consumed,
  released,
});
const refund = (refundId: string, amount: number, status: RefundHolding['status']): RefundHolding => ({
  refundId,
  caseId: 'c-1',
  amount: money(amount),
  status,
});

describe('lineAllowance', () => {
  it('allows the whole line when nothing holds it', () => {
    expect(lineAllowance(line, none)).toEqual({
      lineId: 'o-1-1',
      ordered: 3,
      heldByOpenCases: 0,
      returned: 0,
      returnable: 3,
      paid: money(29_700),
      reserved: money(0),
      refunded: money(0),
      refundable: money(29_700),
    });
  });

  it('counts open holds, consumed units and released units apart', () => {
    const allowance = lineAllowance(line, {
      quantities: [hold('c-open', 1), hold('c-refunded', 1, 1), hold('c-cancelled', 1, 0, 1)],
      refunds: [],
    });

    expect(allowance).toMatchObject({ heldByOpenCases: 1, returned: 1, returnable: 1 });
  });

  it('takes reserved and paid refunds off the refundable money, and gives back given-up ones', () => {
    const allowance = lineAllowance(line, {
      quantities: [],
      refunds: [
        refund('r-1', 9_900, 'PAID'),
        refund('r-2', 5_000, 'RESERVED'),
        refund('r-3', 9_900, 'GIVEN_BACK'),
      ],
    });

    expect(allowance).toMatchObject({
      refunded: money(9_900),
      reserved: money(5_000),
      refundable: money(14_800),
    });
  });

  it('never reports a negative allowance, even for holdings beyond the line', () => {
    const allowance = lineAllowance(line, {
      quantities: [hold('c-1', 5)],
      refunds: [refund('r-1', 40_000, 'PAID')],
    });

    expect(allowance).toMatchObject({ returnable: 0, refundable: money(0) });
  });

  it('refuses a line whose paid total overflows a safe integer', () => {
    expect(() =>
      lineAllowance({ lineId: 'x', quantity: 10_000, unitPaid: money(Number.MAX_SAFE_INTEGER) }, none),
    ).toThrow(/amount must be an integer/);
  });

  it('refuses holdings of another currency', () => {
    expect(() =>
      lineAllowance(line, {
        quantities: [],
        refunds: [{ ...refund('r-1', 1, 'PAID'), amount: money(1, 'USD') }],
      }),
    ).toThrow(/cannot mix currencies/);
  });
});

describe('fitsQuantity and fitsAmount', () => {
  const allowance = lineAllowance(line, {
    quantities: [hold('c-1', 2)],
    refunds: [refund('r-1', 20_000, 'RESERVED')],
  });

  it('lets a request up to what is left through', () => {
    expect(fitsQuantity(allowance, 1)).toEqual({ fits: true });
    expect(fitsAmount(allowance, money(9_700))).toEqual({ fits: true });
  });

  it('refuses one unit or one fen more with LINE_ALLOWANCE_EXCEEDED and what was available', () => {
    expect(fitsQuantity(allowance, 2)).toEqual({
      fits: false,
      code: 'LINE_ALLOWANCE_EXCEEDED',
      available: 1,
    });
    expect(fitsAmount(allowance, money(9_701))).toEqual({
      fits: false,
      code: 'LINE_ALLOWANCE_EXCEEDED',
      available: money(9_700),
    });
  });

  it('refuses an amount of another currency instead of comparing it', () => {
    expect(() => fitsAmount(allowance, money(1, 'USD'))).toThrow(/cannot mix currencies/);
  });
});

describe('allowance properties', () => {
  const holdingArb = fc
    .record({ held: fc.nat(5), consumedShare: fc.nat(5), releasedShare: fc.nat(5) })
    .map(({ held, consumedShare, releasedShare }) => {
      const consumed = Math.min(held, consumedShare);
      return hold('c', held, consumed, Math.min(held - consumed, releasedShare));
    });
  const refundArb = fc.record({
    amount: fc.nat(50_000),
    status: fc.constantFrom<RefundHolding['status']>('RESERVED', 'PAID', 'GIVEN_BACK'),
  });

  it('units and money add up: ordered = held + returned + returnable while the holds fit the line', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(holdingArb, { maxLength: 6 }),
        (quantity, holdings) => {
          const allowance = lineAllowance({ ...line, quantity }, { quantities: holdings, refunds: [] });
          const taken = holdings.reduce((sum, h) => sum + stillHeld(h) + h.consumed, 0);
          fc.pre(taken <= quantity);
          expect(allowance.heldByOpenCases + allowance.returned + allowance.returnable).toBe(quantity);
        },
      ),
    );
  });

  it('granting requests while they fit never takes a line beyond what it paid or ordered', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), refundArb), { maxLength: 12 }), (requests) => {
        const quantities: QuantityHolding[] = [];
        const refunds: RefundHolding[] = [];
        requests.forEach(([units, { amount, status }], index) => {
          const now = lineAllowance(line, { quantities, refunds });
          if (units > 0 && fitsQuantity(now, units).fits) quantities.push(hold(`c-${index}`, units));
          if (fitsAmount(now, money(amount)).fits) refunds.push(refund(`r-${index}`, amount, status));
        });
        const held = quantities.reduce((sum, h) => sum + h.held, 0);
        const taken = refunds
          .filter((r) => r.status !== 'GIVEN_BACK')
          .reduce((sum, r) => sum + r.amount.amount, 0);
        expect(held).toBeLessThanOrEqual(line.quantity);
        expect(taken).toBeLessThanOrEqual(29_700);
      }),
    );
  });
});
