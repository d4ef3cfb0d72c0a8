import { holdsQuantity, quantityOutcome } from './quantity-outcome';

describe('quantity outcomes', () => {
  it('consumes the units of a refunded case for good', () => {
    expect(quantityOutcome('REFUNDED')).toBe('CONSUME');
  });

  it.each(['COMPLETED', 'CANCELLED', 'CLOSED_WITHOUT_REFUND', 'SENT_BACK'] as const)(
    'gives the units back when the case ends %s',
    (ending) => {
      expect(quantityOutcome(ending)).toBe('RELEASE');
    },
  );

  it('holds units for every case type but price protection', () => {
    expect(holdsQuantity('PRICE_PROTECTION')).toBe(false);
    expect(
      ['RETURN_REFUND', 'REFUND_ONLY', 'EXCHANGE', 'REPAIR'].every((type) => holdsQuantity(type as 'REPAIR')),
    ).toBe(true);
  });
});
