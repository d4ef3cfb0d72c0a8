import { DataConverter } from '@temporalio/common';
import { EncryptionCodec } from './encryption.codec';
import {
  keyRingFromEnv,
  PAYLOAD_ENCRYPTION_ACTIVE_KEY_VAR,
  PAYLOAD_ENCRYPTION_KEYS_VAR,
} from './encryption-keys';

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

/** The payload-encryption settings as the runtime configuration carries them (raw variable values). */
export interface PayloadEncryptionSettings {
  payloadEncryptionKeys?: string;
  payloadEncryptionActiveKey?: string;
}

/** The `dataConverter` of a process from its validated configuration (encryption off without keys). */
export function dataConverterFor(settings: PayloadEncryptionSettings): DataConverter {
  return dataConverterFromEnv({
    [PAYLOAD_ENCRYPTION_KEYS_VAR]: settings.payloadEncryptionKeys,
    [PAYLOAD_ENCRYPTION_ACTIVE_KEY_VAR]: settings.payloadEncryptionActiveKey,
  });
}
