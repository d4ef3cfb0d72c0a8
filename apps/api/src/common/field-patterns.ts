import { z } from 'zod';
import { evidenceSchema, moneySchema } from '../../../../libs/domain/src';

// The HTTP contract's own limits. Each narrows a field of the domain's schemas (which the edge
// schemas extend), never widens it: what the domain accepts at most, the edge accepts at most.

/** Identifiers the callers choose (request, order, decision, tracking...): printable, no spaces, 1 to 128. */
export const identifier = () =>
  z
    .string()
    .min(1)
    .max(128)
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._:@-]*$/,
      'letters, digits and . _ : @ - only, starting with a letter or digit',
    );

/** A free-text note: the edge takes up to 2,000 characters (the domain up to 5,000). */
export const note = () => z.string().max(2000);

/** The domain's money with an amount of at least `minimum` minor units (a refund or a price of 0 is refused). */
export const moneyAtLeast = (minimum: number) =>
  moneySchema.extend({
    amount: moneySchema.shape.amount.min(
      minimum,
      `amount must be an integer number of minor units of at least ${minimum}`,
    ),
  });

/** The domain's evidence with http(s) URLs only, at most 20 per request (the domain allows 50). */
export const evidence = () =>
  z
    .array(
      evidenceSchema.extend({
        url: evidenceSchema.shape.url.pipe(z.url({ protocol: /^https?$/, message: 'an http(s) URL' })),
      }),
    )
    .max(20);
