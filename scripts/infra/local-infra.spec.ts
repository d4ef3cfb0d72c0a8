import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyRingFromEnv } from '../../libs/codec/src';
import { localPayloadKeys } from './local-infra';

describe('localPayloadKeys', () => {
  const root = mkdtempSync(join(tmpdir(), 'aftersales-keys-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('generates one valid key into .data/ once, readable by its owner only, and keeps it', () => {
    const keys = localPayloadKeys(root, {});
    expect(keyRingFromEnv({ PAYLOAD_ENCRYPTION_KEYS: keys })?.activeKeyId).toBe('dev-1');
    const file = join(root, '.data', 'dev-payload-keys');
    expect(readFileSync(file, 'utf8')).toBe(keys);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(localPayloadKeys(root, {})).toBe(keys);
  });

  it("prefers the environment's keys", () => {
    expect(localPayloadKeys(root, { PAYLOAD_ENCRYPTION_KEYS: 'mine:abc' })).toBe('mine:abc');
  });
});
