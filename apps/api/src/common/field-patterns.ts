import { z } from 'zod';

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

/** A free-text note. */
export const note = () => z.string().max(2000);

/** Money in integer minor units (fen) with an ISO 4217 currency code. */
export const money = (minimum = 0) =>
  z.object({
    amount: z
      .int()
      .min(minimum, `amount must be an integer number of minor units of at least ${minimum}`)
      .max(Number.MAX_SAFE_INTEGER),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as CNY'),
  });

/** An ISO 8601 timestamp with a zone (`Z` or an offset). */
export const timestamp = () => z.iso.datetime({ offset: true, message: 'an ISO 8601 timestamp with a zone' });

/** Evidence attached to a request or an escalation. */
export const evidence = () =>
  z
    .array(
      z.object({
        kind: z.enum(['PHOTO', 'VIDEO', 'DOCUMENT', 'TEXT']),
        url: z.url({ protocol: /^https?$/, message: 'an http(s) URL' }).max(2048),
      }),
    )
    .max(20);
