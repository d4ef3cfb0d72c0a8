import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { CODEC_ERROR_CODES, CodecError } from './codec.errors';
import { codecFromEnv, dataConverterFromEnv } from './codec.factory';
import { EncryptionCodec } from './encryption.codec';
import {
  createKeyRing,
  keyRingFromEnv,
  PAYLOAD_ENCRYPTION_ACTIVE_KEY_VAR,
  PAYLOAD_ENCRYPTION_KEYS_VAR,
} from './encryption-keys';

const base64Key = (bytes = 32) => randomBytes(bytes).toString('base64');

function configError(env: NodeJS.ProcessEnv): CodecError {
  try {
    keyRingFromEnv(env);
  } catch (error) {
    if (error instanceof CodecError) return error;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

/** The error names `variable`, has the config code, and quotes none of the secrets (nor a long part of one). */
function expectRefusal(env: NodeJS.ProcessEnv, variable: string, secrets: string[]): CodecError {
  const error = configError(env);
  expect(error.code).toBe(CODEC_ERROR_CODES.invalidConfig);
  expect(error.message).toContain(variable);
  for (const secret of secrets) {
    for (let start = 0; start + 8 <= secret.length; start += 4) {
      expect(error.message).not.toContain(secret.slice(start, start + 8));
    }
  }
  return error;
}

describe('encryption keys from the environment', () => {
  it('turns encryption off when PAYLOAD_ENCRYPTION_KEYS is unset or blank', () => {
    expect(keyRingFromEnv({})).toBeUndefined();
    expect(keyRingFromEnv({ [PAYLOAD_ENCRYPTION_KEYS_VAR]: '  ' })).toBeUndefined();
    expect(codecFromEnv({})).toBeUndefined();
    expect(dataConverterFromEnv({})).toEqual({});
  });

  it('reads several keys, the first one active by default', () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    const ring = keyRingFromEnv({
      [PAYLOAD_ENCRYPTION_KEYS_VAR]: ` k1:${a.toString('base64')} , k2:${b.toString('base64')},`,
    });
    expect(ring?.activeKeyId).toBe('k1');
    expect([...(ring?.keys.keys() ?? [])]).toEqual(['k1', 'k2']);
    expect(Buffer.from(ring?.keys.get('k2') ?? []).equals(b)).toBe(true);
  });

  it('encrypts with the key PAYLOAD_ENCRYPTION_ACTIVE_KEY names', () => {
    const ring = keyRingFromEnv({
      [PAYLOAD_ENCRYPTION_KEYS_VAR]: `2024-01:${base64Key()},2025-01:${base64Key()}`,
      [PAYLOAD_ENCRYPTION_ACTIVE_KEY_VAR]: '2025-01',
    });
    expect(ring?.activeKeyId).toBe('2025-01');
  });

  it('gives the codec to client and worker as payloadCodecs', () => {
    const converter = dataConverterFromEnv({ [PAYLOAD_ENCRYPTION_KEYS_VAR]: `k1:${base64Key()}` });
    expect(converter.payloadCodecs).toHaveLength(1);
    expect(converter.payloadCodecs?.[0]).toBeInstanceOf(EncryptionCodec);
  });

  it('refuses a key that is not base64, naming the variable and the key id only', () => {
    const notBase64 = 'this-is-not*base64!!secretsecret';
    const error = expectRefusal(
      { [PAYLOAD_ENCRYPTION_KEYS_VAR]: `k1:${notBase64}` },
      PAYLOAD_ENCRYPTION_KEYS_VAR,
      [notBase64],
    );
    expect(error.message).toContain('"k1"');
    expect(error.message).toContain('base64');
  });

  it('refuses a key that does not decode to 32 bytes', () => {
    for (const key of [base64Key(16), base64Key(31), base64Key(33), base64Key(64)]) {
      const error = expectRefusal(
        { [PAYLOAD_ENCRYPTION_KEYS_VAR]: `k1:${key}` },
        PAYLOAD_ENCRYPTION_KEYS_VAR,
        [key],
      );
      expect(error.message).toContain('32 bytes');
    }
  });

  it('refuses a key id given twice', () => {
    const [a, b] = [base64Key(), base64Key()];
    const error = expectRefusal(
      { [PAYLOAD_ENCRYPTION_KEYS_VAR]: `k1:${a},k1:${b}` },
      PAYLOAD_ENCRYPTION_KEYS_VAR,
      [a, b],
    );
    expect(error.message).toContain('"k1" is given twice');
  });

  it('refuses an active key id that names no key, without echoing it (it may be a pasted key)', () => {
    const key = base64Key();
    const pastedKey = base64Key();
    const error = expectRefusal(
      { [PAYLOAD_ENCRYPTION_KEYS_VAR]: `k1:${key}`, [PAYLOAD_ENCRYPTION_ACTIVE_KEY_VAR]: pastedKey },
      PAYLOAD_ENCRYPTION_ACTIVE_KEY_VAR,
      [key, pastedKey],
    );
    expect(error.message).toContain('known ids: k1');
  });

  it('refuses an active key id without any keys rather than silently not encrypting', () => {
    expectRefusal({ [PAYLOAD_ENCRYPTION_ACTIVE_KEY_VAR]: 'k1' }, PAYLOAD_ENCRYPTION_ACTIVE_KEY_VAR, []);
  });

  it('refuses an entry without a key id, or with an invalid one, by position and without echoing it', () => {
    const bare = base64Key();
    expect(
      expectRefusal(
        { [PAYLOAD_ENCRYPTION_KEYS_VAR]: `k1:${base64Key()},${bare}` },
        PAYLOAD_ENCRYPTION_KEYS_VAR,
        [bare],
      ).message,
    ).toContain('entry 2 is not keyId:base64key');
    const key = base64Key();
    expect(
      expectRefusal(
        { [PAYLOAD_ENCRYPTION_KEYS_VAR]: `bad id/${key.slice(0, 10)}:${key}` },
        PAYLOAD_ENCRYPTION_KEYS_VAR,
        [key],
      ).message,
    ).toContain('entry 1 has an invalid key id');
  });

  it('never quotes key material, whatever the malformed key', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 80 }), fc.boolean(), (bytes, corrupt) => {
        fc.pre(bytes.length !== 32 || corrupt);
        const encoded = Buffer.from(bytes).toString('base64');
        const key = corrupt ? `${encoded}*` : encoded;
        const error = configError({ [PAYLOAD_ENCRYPTION_KEYS_VAR]: `k1:${key}` });
        expect(error.message).toContain(PAYLOAD_ENCRYPTION_KEYS_VAR);
        if (encoded.length >= 8) expect(error.message).not.toContain(encoded.slice(0, 8));
      }),
    );
  });

  it('checks explicit key rings the same way', () => {
    const refused = (run: () => unknown) => {
      expect(run).toThrow(CodecError);
      try {
        run();
      } catch (error) {
        expect((error as CodecError).code).toBe(CODEC_ERROR_CODES.invalidConfig);
      }
    };
    refused(() => createKeyRing([]));
    refused(() => createKeyRing([['k1', randomBytes(16)]]));
    refused(() => createKeyRing([['', randomBytes(32)]]));
    refused(() => createKeyRing([['k1', randomBytes(32)]], 'k2'));
    refused(() =>
      createKeyRing([
        ['k1', randomBytes(32)],
        ['k1', randomBytes(32)],
      ]),
    );
    expect(createKeyRing([['k1', randomBytes(32)]]).activeKeyId).toBe('k1');
  });
});
