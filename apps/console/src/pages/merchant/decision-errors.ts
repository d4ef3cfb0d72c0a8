import { ApiError } from '../../api/client';

/** An API refusal of a decision as the form shows it. */
export interface DecisionErrors {
  /** The API's code (`AMOUNT_EXCEEDS_PAID`, ...), or NETWORK when no answer came. */
  code: string;
  /** The API's own message, shown as it is. */
  message: string;
  /** The failing fields, `field: message`. */
  details: string[];
  /** The refusal is about the refund amount: shown under the amount field. */
  aboutAmount: boolean;
}

function detailOf(detail: unknown): { field: string; text: string } {
  if (typeof detail !== 'object' || detail === null) return { field: '', text: String(detail) };
  const { field, message } = detail as { field?: unknown; message?: unknown };
  const name = typeof field === 'string' ? field : '';
  return { field: name, text: [name, typeof message === 'string' ? message : ''].filter(Boolean).join(': ') };
}

/** The refusal of a decision (null for none); anything but an ApiError is a network error. */
export function decisionErrorsOf(error: unknown): DecisionErrors | null {
  if (!error) return null;
  if (!(error instanceof ApiError)) {
    const message = error instanceof Error ? error.message : String(error);
    return { code: 'NETWORK', message, details: [], aboutAmount: false };
  }
  const details = error.details.map(detailOf);
  const aboutAmount =
    details.some((detail) => detail.field.startsWith('refundAmount')) ||
    error.code === 'AMOUNT_EXCEEDS_PAID' ||
    error.code === 'CURRENCY_MISMATCH';
  return {
    code: error.code,
    message: error.message,
    details: details.map((detail) => detail.text),
    aboutAmount,
  };
}
