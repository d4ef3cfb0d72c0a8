/** Codes of the errors the payload codec and its key configuration raise. */
export const CODEC_ERROR_CODES = {
  /** An encrypted payload names a key id this process does not know (a key was dropped too early). */
  unknownKey: 'UNKNOWN_ENCRYPTION_KEY',
  /** An encrypted payload is malformed or its authentication tag does not verify (tampered or wrong key). */
  decryptionFailed: 'PAYLOAD_DECRYPTION_FAILED',
  /** PAYLOAD_ENCRYPTION_KEYS or PAYLOAD_ENCRYPTION_ACTIVE_KEY is invalid; the message names the variable. */
  invalidConfig: 'ENCRYPTION_CONFIG_INVALID',
} as const;

/** One of {@link CODEC_ERROR_CODES}. */
export type CodecErrorCode = (typeof CODEC_ERROR_CODES)[keyof typeof CODEC_ERROR_CODES];

/** Every error of this library: a code to branch on and a message that never contains key material. */
export class CodecError extends Error {
  override readonly name = 'CodecError';

  constructor(
    readonly code: CodecErrorCode,
    message: string,
  ) {
    super(message);
  }
}
