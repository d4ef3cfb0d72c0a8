import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, METADATA_ENCODING_KEY, Payload } from '@temporalio/common';
import { CODEC_ERROR_CODES, CodecError } from './codec.errors';
import { ENCODING_ENCRYPTED, EncryptionCodec, METADATA_ENCRYPTION_KEY_ID } from './encryption.codec';
import { createKeyRing } from './encryption-keys';

const customer = {
  caseId: 'c-1001',
  name: '张伟',
  phone: '13812345678',
  address: '上海市浦东新区世纪大道100号 2号楼 1501室',
  reason: '收到的商品有划痕，申请退货退款',
};

const toPayload = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
const fromPayload = (payload: Payload): unknown => defaultPayloadConverter.fromPayload(payload);
const text = (bytes: Uint8Array | null | undefined): string => Buffer.from(bytes ?? []).toString('utf8');
const codecWith = (keys: Array<[string, Uint8Array]>, active?: string) =>
  new EncryptionCodec(createKeyRing(keys, active));

async function decodeError(codec: EncryptionCodec, payload: Payload): Promise<CodecError> {
  try {
    await codec.decode([payload]);
  } catch (error) {
    if (error instanceof CodecError) return error;
    throw error;
  }
  throw new Error('expected decode to fail');
}

describe('EncryptionCodec', () => {
  const key2024 = randomBytes(32);
  const key2025 = randomBytes(32);
  const codec = codecWith([['k2024', key2024]]);

  it('round-trips JSON payloads with Chinese text, keeping the inner metadata', async () => {
    const payloads = [toPayload(customer), toPayload('退款 ¥128.50'), toPayload(null), toPayload(undefined)];
    const encoded = await codec.encode(payloads);
    const decoded = await codec.decode(encoded);

    expect(decoded.map(fromPayload)).toEqual([customer, '退款 ¥128.50', null, undefined]);
    decoded.forEach((payload, index) => {
      expect(text(payload.metadata?.[METADATA_ENCODING_KEY])).toBe(
        text(payloads[index].metadata?.[METADATA_ENCODING_KEY]),
      );
    });
  });

  it('marks the encrypted payload binary/encrypted with the active key id', async () => {
    const [encoded] = await codec.encode([toPayload(customer)]);
    expect(text(encoded.metadata?.[METADATA_ENCODING_KEY])).toBe(ENCODING_ENCRYPTED);
    expect(text(encoded.metadata?.[METADATA_ENCRYPTION_KEY_ID])).toBe('k2024');
    expect(Object.keys(encoded.metadata ?? {}).sort()).toEqual([
      METADATA_ENCODING_KEY,
      METADATA_ENCRYPTION_KEY_ID,
    ]);
  });

  it('leaves no customer data readable in the encrypted payload', async () => {
    const [encoded] = await codec.encode([toPayload(customer)]);
    const wire = Buffer.concat([
      Buffer.from(encoded.data ?? []),
      ...Object.values(encoded.metadata ?? {}).map((value) => Buffer.from(value)),
    ]);
    for (const secret of [customer.phone, customer.address, customer.name, 'json/plain']) {
      expect(wire.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    }
  });

  it('encrypts the same payload differently each time (fresh random IV)', async () => {
    const payload = toPayload(customer);
    const [first, second] = await codec.encode([payload, payload]);
    const [third] = await codec.encode([payload]);
    const ivs = [first, second, third].map((p) =>
      Buffer.from(p.data ?? [])
        .subarray(0, 12)
        .toString('hex'),
    );
    expect(new Set(ivs).size).toBe(3);
    expect(Buffer.from(first.data ?? []).equals(Buffer.from(second.data ?? []))).toBe(false);
    expect((await codec.decode([first, second, third])).map(fromPayload)).toEqual([
      customer,
      customer,
      customer,
    ]);
  });

  it('after a key rotation decodes payloads of the old key and encrypts with the new one', async () => {
    const [writtenBeforeRotation] = await codec.encode([toPayload(customer)]);
    const rotated = codecWith(
      [
        ['k2024', key2024],
        ['k2025', key2025],
      ],
      'k2025',
    );

    const [writtenAfterRotation] = await rotated.encode([toPayload(customer)]);
    expect(text(writtenAfterRotation.metadata?.[METADATA_ENCRYPTION_KEY_ID])).toBe('k2025');
    const decoded = await rotated.decode([writtenBeforeRotation, writtenAfterRotation]);
    expect(decoded.map(fromPayload)).toEqual([customer, customer]);
  });

  it('fails with UNKNOWN_ENCRYPTION_KEY when the payload names a key this process does not know', async () => {
    const [encoded] = await codecWith([['k2025', key2025]]).encode([toPayload(customer)]);
    const error = await decodeError(codec, encoded);
    expect(error.code).toBe(CODEC_ERROR_CODES.unknownKey);
    expect(error.message).toContain('k2025');
  });

  it('fails with PAYLOAD_DECRYPTION_FAILED when the ciphertext, tag or IV is tampered with', async () => {
    const [encoded] = await codec.encode([toPayload(customer)]);
    const length = encoded.data?.length ?? 0;
    for (const index of [0, 12, Math.floor(length / 2), length - 1]) {
      const data = Uint8Array.from(encoded.data ?? []);
      data[index] ^= 0x01;
      const error = await decodeError(codec, { ...encoded, data });
      expect(error.code).toBe(CODEC_ERROR_CODES.decryptionFailed);
      expect(error.message).not.toContain(customer.phone);
    }
  });

  it('fails with PAYLOAD_DECRYPTION_FAILED when a key id is reused for a different key', async () => {
    const [encoded] = await codecWith([['k2024', randomBytes(32)]]).encode([toPayload(customer)]);
    expect((await decodeError(codec, encoded)).code).toBe(CODEC_ERROR_CODES.decryptionFailed);
  });

  it('fails with PAYLOAD_DECRYPTION_FAILED on a truncated payload or one without a key id', async () => {
    const [encoded] = await codec.encode([toPayload(customer)]);
    const truncated = { ...encoded, data: encoded.data?.subarray(0, 20) };
    expect((await decodeError(codec, truncated)).code).toBe(CODEC_ERROR_CODES.decryptionFailed);

    const withoutKeyId = {
      ...encoded,
      metadata: { [METADATA_ENCODING_KEY]: Buffer.from(ENCODING_ENCRYPTED) },
    };
    expect((await decodeError(codec, withoutKeyId)).code).toBe(CODEC_ERROR_CODES.decryptionFailed);
  });

  it('passes payloads that were never encrypted through unchanged (histories from before encryption)', async () => {
    const plain = [
      toPayload(customer),
      toPayload(undefined),
      toPayload(new Uint8Array([1, 2, 3])),
      { data: null },
    ];
    const decoded = await codec.decode(plain);
    decoded.forEach((payload, index) => expect(payload).toBe(plain[index]));
  });

  it('encodes and decodes an empty batch', async () => {
    await expect(codec.encode([])).resolves.toEqual([]);
    await expect(codec.decode([])).resolves.toEqual([]);
  });
});
