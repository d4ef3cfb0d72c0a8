import { z } from 'zod';
import { evidenceSchema, idSchema } from '../case.request';
import { CaseState, commandKey, hasApplied } from '../case.state';
import { DecideContext, Decision, duplicate, notAllowed, parseInput } from './decision';
import { clocksOf, due } from './due';
import { Emitter } from './emitter';
import { lazySchema } from '../lazy-schema';

/** The body of `POST /v1/cases/{id}/escalate`. */
export const escalateSchema = lazySchema(() =>
  z.object({
    escalationId: idSchema,
    note: z.string().min(1).max(5000),
    evidence: z.array(evidenceSchema).max(50).optional(),
  }),
);
/** A customer's escalation. */
export type EscalateCommand = z.infer<typeof escalateSchema>;

/** The customer escalates a rejection (by the merchant, or of units refused at inspection); the merchant-answer clock starts. Idempotent on `escalationId`. */
export function decideEscalate(state: CaseState, input: EscalateCommand, ctx: DecideContext): Decision {
  const parsed = parseInput(state, escalateSchema, input);
  if (!parsed.ok) return parsed.decision;
  const command = parsed.value;
  if (hasApplied(state, commandKey.escalation(command.escalationId))) return duplicate();
  const clocks = clocksOf(state);
  if (state.status !== 'REJECTED' || !clocks) return notAllowed(state, 'escalating');
  const out = new Emitter(state, ctx);
  out.emit('CASE_ESCALATED', {
    escalationId: command.escalationId,
    note: command.note,
    evidence: command.evidence ?? [],
    merchantAnswerBy: due(ctx, clocks.merchantEscalationAnswer),
  });
  return out.done();
}
