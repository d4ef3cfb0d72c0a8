import { z } from 'zod';
import { Money } from './money.types';

/** Money as the systems answer it. */
export const moneyResponse: z.ZodType<Money> = z.object({ amount: z.number().int(), currency: z.string() });
