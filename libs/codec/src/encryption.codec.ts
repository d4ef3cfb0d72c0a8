import { createCipheriv, createDecipheriv, createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { CODEC_ERROR_CODES, CodecError } from './codec.errors';
import { EncryptionKeyRing } from './encryption-keys';

/** `encoding` metadata value of a payload this codec encrypted. */
export const ENCODING_ENCRYPTED = 'binary/encrypted';

/** Metadata key naming the id of the key a payload was encrypted with. */
export const METADATA_ENCRYPTION_KEY_ID = 'encryption-key-id';

const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const AUTH_TAG_BYTES = 16;
const ProtoPayload = temporal.api.common.v1.Payload;
const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/**
 * AES-256-GCM payload codec: the whole proto-encoded payload becomes `iv ‖ ciphertext ‖ tag` under
 * the active key, with the key id in the metadata; decoding picks the key by that id and passes
 * payloads that were never encrypted through unchanged.
 */
export class EncryptionCodec implements PayloadCodec {
  private readonly keys: ReadonlyMap<string, KeyObject>;
  private readonly activeKeyId: string;

  constructor(keyRing: EncryptionKeyRing) {
    this.keys = new Map([...keyRing.keys].map(([keyId, key]) => [keyId, createSecretKey(key)]));
    this.activeKeyId = keyRing.activeKeyId;
    if (!this.keys.has(this.activeKeyId)) {
      throw new CodecError(
        CODEC_ERROR_CODES.invalidConfig,
        'Invalid encryption keys: the active key id is unknown',
      );
    }
  }

  /** Encrypts every payload with the active key and a fresh random IV. */
  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  /** Decrypts encrypted payloads by their key id; other payloads are returned as they are. */
  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (isEncrypted(payload) ? this.decrypt(payload) : payload));
  }

  private encrypt(payload: Payload): Payload {
    const plaintext = ProtoPayload.encode(payload).finish();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(CIPHER, this.activeKey(), iv, { authTagLength: AUTH_TAG_BYTES });
    const data = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: textEncoder.encode(ENCODING_ENCRYPTED),
        [METADATA_ENCRYPTION_KEY_ID]: textEncoder.encode(this.activeKeyId),
      },
      data,
    };
  }

  private decrypt(payload: Payload): Payload {
    const keyIdBytes = payload.metadata?.[METADATA_ENCRYPTION_KEY_ID];
    if (!keyIdBytes) {
      throw new CodecError(
        CODEC_ERROR_CODES.decryptionFailed,
        `Encrypted payload has no ${METADATA_ENCRYPTION_KEY_ID} metadata`,
      );
    }
    const keyId = textDecoder.decode(keyIdBytes);
    const key = this.keys.get(keyId);
    if (!key) {
      throw new CodecError(
        CODEC_ERROR_CODES.unknownKey,
        `Encrypted payload names key id "${keyId}", which is not in PAYLOAD_ENCRYPTION_KEYS`,
      );
    }
    const data = payload.data ?? new Uint8Array();
    if (data.length < IV_BYTES + AUTH_TAG_BYTES) {
      throw new CodecError(
        CODEC_ERROR_CODES.decryptionFailed,
        `Encrypted payload (key "${keyId}") is too short`,
      );
    }
    try {
      const iv = data.subarray(0, IV_BYTES);
      const ciphertext = data.subarray(IV_BYTES, data.length - AUTH_TAG_BYTES);
      const authTag = data.subarray(data.length - AUTH_TAG_BYTES);
      const decipher = createDecipheriv(CIPHER, key, iv, { authTagLength: AUTH_TAG_BYTES });
      decipher.setAuthTag(authTag);
      const plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
      return ProtoPayload.decode(plaintext);
    } catch {
      // The cause (auth tag mismatch, bad protobuf) says nothing useful and must not leak plaintext bits.
      throw new CodecError(
        CODEC_ERROR_CODES.decryptionFailed,
        `Encrypted payload (key "${keyId}") failed authentication: tampered, or encrypted under another key with this id`,
      );
    }
  }

  private activeKey(): KeyObject {
    const key = this.keys.get(this.activeKeyId);
    if (!key) throw new CodecError(CODEC_ERROR_CODES.unknownKey, 'The active encryption key is unknown');
    return key;
  }
}

/** True when the payload's `encoding` metadata says this codec encrypted it. */
export function isEncrypted(payload: Payload): boolean {
  const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
  return encoding !== undefined && encoding !== null && textDecoder.decode(encoding) === ENCODING_ENCRYPTED;
}
