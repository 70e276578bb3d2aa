import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DataKeyError,
  loadDataKey,
  type SafeStorageLike,
  SEALED_KEY_FILE,
  SEALING_RECORD_FILE,
} from '../../../electron/main/data-key';

/** A stand-in keychain: reversible "sealing" with a per-keychain tag, like safeStorage per user. */
function keychain(options: { available?: boolean; backend?: string; tag?: string } = {}): SafeStorageLike & {
  encrypted: number;
} {
  const tag = options.tag ?? 'k1';
  const store = {
    encrypted: 0,
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString(plain: string) {
      store.encrypted++;
      return Buffer.from(`${tag}:${Buffer.from(plain).toString('base64')}`);
    },
    decryptString(sealed: Buffer) {
      const [sealedTag, body] = sealed.toString().split(':');
      if (sealedTag !== tag)
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(body ?? '', 'base64').toString();
    },
  };
  return store;
}

const folder = () => mkdtempSync(join(tmpdir(), 'kassa-data-key-'));
const record = (dir: string) => JSON.parse(readFileSync(join(dir, SEALING_RECORD_FILE), 'utf8'));

describe('the data key', () => {
  it('is sealed by a real keychain on first start, recorded, and the same on the next start', () => {
    const dir = folder();
    const first = loadDataKey(dir, keychain());
    expect(first.sealing).toBe('os-keychain');
    expect(first.key).toMatch(/^[0-9a-f]{64}$/);
    expect(record(dir)).toMatchObject({ sealing: 'os-keychain', backend: 'gnome_libsecret' });
    expect(loadDataKey(dir, keychain())).toEqual(first);
  });

  it("does not take Linux's basic_text for a keychain: file key, recorded, and said so", () => {
    const dir = folder();
    const storage = keychain({ backend: 'basic_text' });
    const result = loadDataKey(dir, storage);
    expect(result).toMatchObject({ sealing: 'file-key', key: null });
    expect(result.notice).toContain('basic_text');
    expect(storage.encrypted).toBe(0);
    expect(existsSync(join(dir, SEALED_KEY_FILE))).toBe(false);
    expect(record(dir)).toMatchObject({ sealing: 'file-key', backend: 'basic_text' });
    // A keychain showing up later does not switch the key under the stored tokens.
    expect(loadDataKey(dir, keychain()).sealing).toBe('file-key');
  });

  it('stops with a clear message when the keychain it used has disappeared, without making a new key', () => {
    const dir = folder();
    loadDataKey(dir, keychain());
    const sealedBefore = readFileSync(join(dir, SEALED_KEY_FILE));
    for (const gone of [keychain({ available: false }), keychain({ backend: 'basic_text' })]) {
      expect(() => loadDataKey(dir, gone)).toThrow(DataKeyError);
      expect(() => loadDataKey(dir, gone)).toThrow(/keychain is not available now/);
    }
    expect(readFileSync(join(dir, SEALED_KEY_FILE))).toEqual(sealedBefore);
    expect(record(dir).sealing).toBe('os-keychain');
  });

  it('stops when another keychain cannot open the key (data folder copied to another user)', () => {
    const dir = folder();
    loadDataKey(dir, keychain({ tag: 'alice' }));
    expect(() => loadDataKey(dir, keychain({ tag: 'bob' }))).toThrow(/could not open Kassa's data key/);
  });

  it('stops when the sealed key file is gone but the record says the keychain was used', () => {
    const dir = folder();
    loadDataKey(dir, keychain());
    writeFileSync(join(dir, SEALED_KEY_FILE), '');
    expect(() => loadDataKey(dir, keychain())).toThrow(DataKeyError);
  });

  it('treats a sealed key from an older version (no record) as the keychain', () => {
    const dir = folder();
    const storage = keychain();
    writeFileSync(join(dir, SEALED_KEY_FILE), storage.encryptString('ab'.repeat(32)));
    expect(loadDataKey(dir, storage)).toMatchObject({ sealing: 'os-keychain', key: 'ab'.repeat(32) });
    expect(() => loadDataKey(dir, keychain({ available: false }))).toThrow(DataKeyError);
  });

  it('writes the sealed key atomically: no temp files left, mode 600, nothing written when sealing fails', () => {
    const dir = folder();
    loadDataKey(dir, keychain());
    expect(readdirSync(dir).sort()).toEqual([SEALED_KEY_FILE, SEALING_RECORD_FILE].sort());
    if (process.platform !== 'win32') {
      const { statSync } = require('node:fs') as typeof import('node:fs');
      expect(statSync(join(dir, SEALED_KEY_FILE)).mode & 0o777).toBe(0o600);
    }
    const failing = folder();
    const broken = {
      ...keychain(),
      encryptString: () => {
        throw new Error('keychain locked');
      },
    };
    expect(() => loadDataKey(failing, broken)).toThrow('keychain locked');
    expect(readdirSync(failing)).toEqual([]);
  });
});
