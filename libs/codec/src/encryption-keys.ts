import { CODEC_ERROR_CODES, CodecError } from './codec.errors';

/** Environment variable holding every known key: comma-separated `keyId:base64key` entries of 32-byte keys. */
export const PAYLOAD_ENCRYPTION_KEYS_VAR = 'PAYLOAD_ENCRYPTION_KEYS';

/** Environment variable naming the key id new payloads are encrypted with (default: the first listed key). */
export const PAYLOAD_ENCRYPTION_ACTIVE_KEY_VAR = 'PAYLOAD_ENCRYPTION_ACTIVE_KEY';

/** Length in bytes of an AES-256 key. */
export const ENCRYPTION_KEY_BYTES = 32;

/** The keys a process knows: all of them decrypt, only the active one encrypts (key rotation). */
export interface EncryptionKeyRing {
  /** Id of the key new payloads are encrypted with; always a key of `keys`. */
  readonly activeKeyId: string;
  /** Every known key by id, 32 bytes each. */
  readonly keys: ReadonlyMap<string, Uint8Array>;
}

// Key ids travel in payload metadata and error messages, so they are kept to short, printable names.
const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const KEY_ID_RULE = '1-64 characters of A-Z a-z 0-9 . _ -';
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Builds the error for a problem with the key list or with the active key id. */
interface KeyRingProblems {
  keys(problem: string): CodecError;
  active(problem: string): CodecError;
}

/**
 * Builds a key ring from explicit keys (default active: the first); throws {@link CodecError}
 * `ENCRYPTION_CONFIG_INVALID` on a bad id, a duplicate, a wrong length or an unknown active id.
 */
export function createKeyRing(
  keys: ReadonlyArray<readonly [string, Uint8Array]>,
  activeKeyId?: string,
): EncryptionKeyRing {
  const problem = (text: string) =>
    new CodecError(CODEC_ERROR_CODES.invalidConfig, `Invalid encryption keys: ${text}`);
  return buildKeyRing(keys, activeKeyId, { keys: problem, active: problem });
}

/**
 * Reads the key ring from PAYLOAD_ENCRYPTION_KEYS and PAYLOAD_ENCRYPTION_ACTIVE_KEY; `undefined` when
 * no keys are set (encryption off). Throws {@link CodecError} `ENCRYPTION_CONFIG_INVALID` naming the
 * variable and the entry, never the key material.
 */
export function keyRingFromEnv(env: NodeJS.ProcessEnv = process.env): EncryptionKeyRing | undefined {
  const keysValue = env[PAYLOAD_ENCRYPTION_KEYS_VAR]?.trim() ?? '';
  const activeValue = env[PAYLOAD_ENCRYPTION_ACTIVE_KEY_VAR]?.trim() ?? '';
  const problems: KeyRingProblems = {
    keys: (text) => new CodecError(CODEC_ERROR_CODES.invalidConfig, `${PAYLOAD_ENCRYPTION_KEYS_VAR} ${text}`),
    active: (text) =>
      new CodecError(CODEC_ERROR_CODES.invalidConfig, `${PAYLOAD_ENCRYPTION_ACTIVE_KEY_VAR} ${text}`),
  };
  if (keysValue === '') {
    // Naming an active key without keys is a half-done configuration, not "encryption off".
    if (activeValue !== '') throw problems.active(`is set but ${PAYLOAD_ENCRYPTION_KEYS_VAR} is empty`);
    return undefined;
  }

  const entries = keysValue
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const keys = entries.map((entry, index): [string, Uint8Array] => {
    // An entry may be a pasted bare key, so problems are reported by position or by a validated id only.
    const position = `entry ${index + 1}`;
    const separator = entry.indexOf(':');
    if (separator < 0) throw problems.keys(`${position} is not keyId:base64key`);
    const keyId = entry.slice(0, separator).trim();
    const encodedKey = entry.slice(separator + 1).trim();
    if (!KEY_ID_PATTERN.test(keyId))
      throw problems.keys(`${position} has an invalid key id (${KEY_ID_RULE})`);
    if (!BASE64_PATTERN.test(encodedKey) || encodedKey === '') {
      throw problems.keys(`key "${keyId}" is not valid base64`);
    }
    return [keyId, Buffer.from(encodedKey, 'base64')];
  });
  // Not echoed when unknown: someone may have pasted a key here instead of its id.
  return buildKeyRing(keys, activeValue === '' ? undefined : activeValue, problems);
}

function buildKeyRing(
  keys: ReadonlyArray<readonly [string, Uint8Array]>,
  activeKeyId: string | undefined,
  problems: KeyRingProblems,
): EncryptionKeyRing {
  if (keys.length === 0) throw problems.keys('lists no keys');
  const byId = new Map<string, Uint8Array>();
  keys.forEach(([keyId, key], index) => {
    if (!KEY_ID_PATTERN.test(keyId)) {
      throw problems.keys(`entry ${index + 1} has an invalid key id (${KEY_ID_RULE})`);
    }
    if (byId.has(keyId)) throw problems.keys(`key id "${keyId}" is given twice`);
    if (key.length !== ENCRYPTION_KEY_BYTES) {
      throw problems.keys(`key "${keyId}" must be ${ENCRYPTION_KEY_BYTES} bytes, got ${key.length}`);
    }
    byId.set(keyId, Uint8Array.from(key));
  });
  const active = activeKeyId ?? keys[0][0];
  if (!byId.has(active))
    throw problems.active(`names no known key (known ids: ${[...byId.keys()].join(', ')})`);
  return { activeKeyId: active, keys: byId };
}
