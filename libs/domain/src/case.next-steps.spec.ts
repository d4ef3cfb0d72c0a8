import { systemStepKey } from './case.next-steps';

describe('the key of a system step', () => {
  it('names the step and what it is about', () => {
    expect(systemStepKey({ kind: 'SYSTEM', step: 'CALL_REFUND', ref: { refundId: 'c-1-refund-2' } })).toBe(
      'CALL_REFUND:c-1-refund-2',
    );
    expect(
      systemStepKey({ kind: 'SYSTEM', step: 'AWAIT_SUPPLIER_BATCH', ref: { batchId: 'RTV-s-1-3' } }),
    ).toBe('AWAIT_SUPPLIER_BATCH:RTV-s-1-3');
  });

  it('is the step alone for a step about the case as a whole', () => {
    expect(systemStepKey({ kind: 'SYSTEM', step: 'BOOK_PICKUP', ref: null })).toBe('BOOK_PICKUP:');
  });
});
