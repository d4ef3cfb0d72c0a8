import { z } from 'zod';
import { DomainErrorDetail } from '../case.errors';
import { idSchema } from '../case.request';
import { CaseState, commandKey, hasApplied } from '../case.state';
import { CaseRequest, GRADES, Grade } from '../case.types';
import { dispositionOf, settleInspection } from '../settlement';
import { DecideContext, Decision, duplicate, fail, notAllowed, parseInput } from './decision';
import { Emitter } from './emitter';
import { settlementMoney } from './refund-amounts';
import { settle } from './settle';
import { lazySchema } from '../lazy-schema';

/** Most photo links one graded line carries. */
export const MAX_INSPECTION_PHOTOS = 10;

/** A photo of a graded unit: an https URL of at most 2,000 characters (the warehouse's photo store). */
const inspectionPhoto = z
  .string()
  .max(2000, 'a photo link has at most 2000 characters')
  .pipe(z.url({ protocol: /^https$/, message: 'a photo link is an https URL' }));

/** The body of `POST /v1/cases/{id}/inspection`. */
export const inspectionSchema = lazySchema(() =>
  z.object({
    inspectionId: idSchema,
    warehouseId: idSchema,
    inspector: idSchema,
    items: z
      .array(
        z.object({
          sku: idSchema,
          quantity: z.int().min(1),
          grade: z.enum(GRADES),
          notes: z.string().max(5000).optional(),
          /** The case line the graded units are of (optional: a SKU alone names them, as before). */
          lineId: idSchema.optional(),
          photos: z.array(inspectionPhoto).max(MAX_INSPECTION_PHOTOS).optional(),
        }),
      )
      .min(1),
  }),
);
/** A warehouse inspection. */
export type InspectionCommand = z.infer<typeof inspectionSchema>;

// A named line must be a line of the case holding the graded SKU.
function lineError(request: CaseRequest, line: InspectionCommand['items'][number]): string | null {
  if (line.lineId === undefined) return null;
  const item = request.items.find((candidate) => candidate.lineId === line.lineId);
  if (!item) return `${line.lineId} is not a line of the case`;
  return item.sku === line.sku ? null : `line ${line.lineId} holds ${item.sku}, not ${line.sku}`;
}

// Every graded SKU (and line, when named) must be the case's, and every unit of the case graded exactly once.
function gradingError(state: CaseState, request: CaseRequest, command: InspectionCommand): Decision | null {
  const details: DomainErrorDetail[] = [];
  const graded = new Map<string, number>();
  command.items.forEach((line, index) => {
    if (!request.items.some((item) => item.sku === line.sku)) {
      details.push({ path: `items.${index}.sku`, message: `${line.sku} is not an item of the case` });
    }
    const wrongLine = lineError(request, line);
    if (wrongLine) details.push({ path: `items.${index}.lineId`, message: wrongLine });
    graded.set(line.sku, (graded.get(line.sku) ?? 0) + line.quantity);
  });
  if (details.length > 0)
    return fail(state, 'UNKNOWN_ITEM', 'the inspection names SKUs or lines the case does not have', details);
  request.items.forEach((item, index) => {
    const count = graded.get(item.sku) ?? 0;
    if (count !== item.quantity) {
      details.push({
        path: `items`,
        message: `${item.sku}: ${count} unit(s) graded, the case has ${item.quantity}`,
        code: `QUANTITY_MISMATCH_${index}`,
      });
    }
  });
  if (details.length > 0)
    return fail(state, 'VALIDATION_FAILED', 'every unit of the case must be graded exactly once', details);
  return null;
}

/**
 * Records the per-unit grades (every unit of the case graded exactly once) and settles: refund,
 * replacement or repair per grade, refused units, supplier returns of defective units. Idempotent on
 * `inspectionId`.
 */
export function decideInspection(state: CaseState, input: InspectionCommand, ctx: DecideContext): Decision {
  const parsed = parseInput(state, inspectionSchema, input);
  if (!parsed.ok) return parsed.decision;
  const command = parsed.value;
  if (hasApplied(state, commandKey.inspection(command.inspectionId))) return duplicate();
  const request = state.request;
  const profile = state.profile;
  if (state.status !== 'AWAITING_INSPECTION' || !request || !profile)
    return notAllowed(state, 'an inspection');
  const invalid = gradingError(state, request, command);
  if (invalid) return invalid;
  const out = new Emitter(state, ctx);
  out.emit('INSPECTION_RECORDED', {
    inspectionId: command.inspectionId,
    warehouseId: command.warehouseId,
    inspector: command.inspector,
    units: command.items.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      grade: line.grade as Grade,
      disposition: dispositionOf(line.grade),
      ...(line.notes ? { notes: line.notes } : {}),
      ...(line.lineId ? { lineId: line.lineId } : {}),
      ...(line.photos?.length ? { photos: line.photos } : {}),
    })),
  });
  settle(
    out,
    settleInspection({
      caseType: request.type,
      reason: request.reason,
      items: request.items,
      units: command.items,
      wearDeductionPercent: profile.wearDeductionPercent,
      money: settlementMoney(out.state, state.approval?.refundCap ?? null),
    }),
  );
  return out.done();
}
