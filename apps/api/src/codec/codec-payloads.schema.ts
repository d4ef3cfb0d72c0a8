import type { Payload } from '@temporalio/common';
import { z } from 'zod';

const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'expected base64');

const jsonPayloadSchema = z.object({
  metadata: z.record(z.string(), base64).nullish(),
  data: base64.nullish(),
});

/** The body of the codec server protocol: payloads with base64 metadata values and data, as the Temporal UI sends them. */
export const codecBodySchema = z.object({ payloads: z.array(jsonPayloadSchema).max(10_000) });

/** A body of `POST /codec/encode` or `/codec/decode`. */
export type CodecBody = z.infer<typeof codecBodySchema>;

/** One payload of a {@link CodecBody}. */
type JsonPayload = CodecBody['payloads'][number];

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
const text = (value: Uint8Array) => Buffer.from(value).toString('base64');

/** A payload of the protocol's JSON as the SDK's codecs take it. */
export function fromJsonPayload(payload: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, bytes(value)]),
    ),
    data: bytes(payload.data ?? ''),
  };
}

/** A payload the SDK's codecs return, in the protocol's JSON. */
export function toJsonPayload(payload: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, text(value)]),
    ),
    data: text(payload.data ?? new Uint8Array()),
  };
}
