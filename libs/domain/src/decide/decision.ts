import { z } from 'zod';
import { DomainError, DomainErrorCode, DomainErrorDetail, domainError } from '../case.errors';
import { CaseEvent } from '../case.events';
import { evolve } from '../case.evolve';
import { zodDetails } from '../case.request';
import { CaseState } from '../case.state';
import { Actor } from '../case.types';

/** When and by whom a command is decided (the workflow's clock, the verified caller). */
export interface DecideContext {
  readonly now: Date;
  readonly actor: Actor;
}

/**
 * The answer of a decide function: the events to append (possibly none), or a coded error. A
 * repeated caller id answers `{ ok: true, events: [], duplicate: true }`: the first result stands.
 */
export type Decision =
  | { readonly ok: true; readonly events: CaseEvent[]; readonly duplicate: boolean }
  | { readonly ok: false; readonly error: DomainError };

/** A refusal with a code, stamped with the case's current status. */
export const fail = (
  state: CaseState,
  code: DomainErrorCode,
  message: string,
  details?: readonly DomainErrorDetail[],
): Decision => ({ ok: false, error: domainError(code, message, state.status, details) });

/** The answer to a repeated command: nothing new, the first result stands. */
export const duplicate = (): Decision => ({ ok: true, events: [], duplicate: true });

/** NOT_ALLOWED_IN_STATE for `action`, naming the current status. */
export const notAllowed = (state: CaseState, action: string): Decision =>
  fail(
    state,
    'NOT_ALLOWED_IN_STATE',
    `${action} is not allowed while the case is ${state.status ?? 'not opened'}`,
  );

/** Parses an untrusted command body: the typed value, or the VALIDATION_FAILED decision naming the fields. */
export function parseInput<T>(
  state: CaseState,
  schema: z.ZodType<T>,
  input: unknown,
): { ok: true; value: T } | { ok: false; decision: Decision } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, decision: fail(state, 'VALIDATION_FAILED', 'invalid input', zodDetails(parsed.error)) };
}

/** Folds a decision's events onto the state (the state unchanged for an error or a duplicate). */
export function applyDecision(state: CaseState, decision: Decision): CaseState {
  return decision.ok ? decision.events.reduce(evolve, state) : state;
}
