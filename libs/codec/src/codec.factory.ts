import { DataConverter } from '@temporalio/common';
import { EncryptionCodec } from './encryption.codec';
import { keyRingFromEnv } from './encryption-keys';

/** The encryption codec configured by PAYLOAD_ENCRYPTION_KEYS, or `undefined` when no keys are set (encryption off). */
export function codecFromEnv(env: NodeJS.ProcessEnv = process.env): EncryptionCodec | undefined {
  const keyRing = keyRingFromEnv(env);
  return keyRing ? new EncryptionCodec(keyRing) : undefined;
}

/** The `dataConverter` for both `new Client({ dataConverter })` and `Worker.create({ dataConverter })`. */
export function dataConverterFromEnv(env: NodeJS.ProcessEnv = process.env): DataConverter {
  const codec = codecFromEnv(env);
  return codec ? { payloadCodecs: [codec] } : {};
}
