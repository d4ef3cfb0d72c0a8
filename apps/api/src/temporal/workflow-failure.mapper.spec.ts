import { HttpStatus } from '@nestjs/common';
import { DOMAIN_ERROR_CODES, DomainErrorCode } from '../../../../libs/domain/src';
import { WORKFLOW_ERROR_CODES, WorkflowErrorCode } from '../../../../libs/definitions/src';
import { domainCodeToApiError, httpStatusOfCode } from './workflow-failure.mapper';

// Each code's status written once more, by hand: a code added to the domain without a row here
// fails the first test, and a changed status fails the walk.
const EXPECTED_DOMAIN_STATUS: Record<string, HttpStatus> = {
  NOT_ALLOWED_IN_STATE: 409,
  VALIDATION_FAILED: 400,
  OUT_OF_WINDOW: 422,
  NOT_ELIGIBLE: 422,
  AMOUNT_EXCEEDS_PAID: 400,
  CURRENCY_MISMATCH: 400,
  UNKNOWN_TRACKING_NUMBER: 404,
  UNKNOWN_ITEM: 400,
  UNKNOWN_REFERENCE: 409,
  CLOCK_NOT_DUE: 409,
  CASE_ALREADY_EXISTS: 409,
  SCAN_IN_FUTURE: 400,
  TRACKING_NUMBER_IN_USE: 409,
};

const EXPECTED_WORKFLOW_STATUS: Record<string, HttpStatus> = { NOT_FOUND: 404, ALREADY_CREDITED: 409 };

describe('the HTTP status of error codes', () => {
  it('has an expected status for exactly the domain error codes', () => {
    expect(Object.keys(EXPECTED_DOMAIN_STATUS).sort()).toEqual([...DOMAIN_ERROR_CODES].sort());
    expect(Object.keys(EXPECTED_WORKFLOW_STATUS).sort()).toEqual([...WORKFLOW_ERROR_CODES].sort());
  });

  it.each(DOMAIN_ERROR_CODES.map((code) => [code]))('answers the domain code %s with its status', (code) => {
    expect(httpStatusOfCode(code satisfies DomainErrorCode)).toBe(EXPECTED_DOMAIN_STATUS[code]);
  });

  it.each(WORKFLOW_ERROR_CODES.map((code) => [code]))(
    'answers the workflow code %s with its status',
    (code) => {
      expect(httpStatusOfCode(code satisfies WorkflowErrorCode)).toBe(EXPECTED_WORKFLOW_STATUS[code]);
    },
  );

  it('answers a code no table knows as a refusal of the action (409)', () => {
    expect(httpStatusOfCode('SOMETHING_NEW')).toBe(HttpStatus.CONFLICT);
    expect(httpStatusOfCode('toString')).toBe(HttpStatus.CONFLICT);
  });

  it('names the failing fields and the known current status in the error', () => {
    const error = domainCodeToApiError('VALIDATION_FAILED', 'invalid input', 'REJECTED', [
      { path: 'items.0.sku', message: 'unknown' },
      { path: '', message: 'whole body' },
    ]);
    expect(error.getStatus()).toBe(400);
    expect(error.getResponse()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: 'invalid input',
        currentStatus: 'REJECTED',
        details: [
          { field: 'items.0.sku', message: 'unknown' },
          { field: '(body)', message: 'whole body' },
        ],
      },
    });
    expect(domainCodeToApiError('NOT_ALLOWED_IN_STATE', 'no', 'NONE').currentStatus).toBeUndefined();
  });
});
