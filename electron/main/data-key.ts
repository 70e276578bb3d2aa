import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';

/** The slice of Electron's safeStorage this needs (so it can be tested without Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  /** Linux only in Electron; 'basic_text' means "no keychain, a hard-coded password". */
  getSelectedStorageBackend?(): string;
}

/** How the data key is sealed on this machine, decided on the first start and kept from then on. */
export type KeySealing = 'os-keychain' | 'file-key';

export const SEALED_KEY_FILE = 'secret.key.sealed';
export const SEALING_RECORD_FILE = 'secret.key.sealing.json';
/** The core's own key file (see electron/core/secrets/secret-cipher.ts fileKeyCipher). */
const CORE_KEY_FILE = 'secret.key';

const SealingRecord = z.object({
  sealing: z.enum(['os-keychain', 'file-key']),
  backend: z.string(),
  recordedAt: z.string(),
});

export interface DataKey {
  readonly sealing: KeySealing;
  /** The key for the core, or null: the core then uses its key file in the data folder. */
  readonly key: string | null;
  /** Something the shop should know (e.g. no keychain on this Linux desktop), or null. */
  readonly notice: string | null;
}

/** Kassa must not start: starting would mean a new key and unreadable stored tokens. */
export class DataKeyError extends Error {
  constructor(
    readonly reason: 'keychain-unavailable' | 'sealed-key-missing' | 'sealed-key-unreadable',
    message: string,
  ) {
    super(message);
    this.name = 'DataKeyError';
  }
}

/**
 * The core's data key (it seals provider and back-office tokens). Sealed by the OS keychain through
 * safeStorage when there is a real one; Linux's `basic_text` backend is not one (its "encryption"
 * uses a fixed password), so there the core keeps its own key file instead, and says so. Which
 * sealing was used is recorded; if the keychain later disappears, this refuses to start.
 */
export function loadDataKey(
  dataDir: string,
  safeStorage: SafeStorageLike,
  now: () => Date = () => new Date(),
): DataKey {
  const backend = safeStorage.getSelectedStorageBackend?.() ?? 'os';
  const keychainUsable = safeStorage.isEncryptionAvailable() && backend !== 'basic_text';
  const sealedFile = join(dataDir, SEALED_KEY_FILE);
  const recordFile = join(dataDir, SEALING_RECORD_FILE);
  const recorded = readRecordedSealing(dataDir);

  if (recorded === 'os-keychain') {
    if (!keychainUsable) {
      throw new DataKeyError(
        'keychain-unavailable',
        `Kassa's data key is sealed by this computer's keychain, but the keychain is not available now (backend: ${backend}). ` +
          'Stored payment-provider and back-office tokens cannot be opened without it. Unlock or restore the keychain ' +
          '(on Linux: log in to a desktop with GNOME Keyring or KWallet running) and start Kassa again. ' +
          'Kassa does not make a new key, because that would make the stored tokens unreadable.',
      );
    }
    if (!existsSync(sealedFile)) {
      throw new DataKeyError(
        'sealed-key-missing',
        `Kassa's sealed data key (${sealedFile}) is missing although this computer used it before. ` +
          'Restore it from a backup of the data folder, or re-enter the provider and back-office settings after removing ' +
          `${SEALING_RECORD_FILE}.`,
      );
    }
    let key: string;
    try {
      key = safeStorage.decryptString(readFileSync(sealedFile));
    } catch (error) {
      throw new DataKeyError(
        'sealed-key-unreadable',
        `The keychain could not open Kassa's data key (${(error as Error).message}). ` +
          'This happens when the data folder was copied from another computer or user, or the keychain was reset.',
      );
    }
    if (!/^[0-9a-f]{64}$/.test(key)) {
      throw new DataKeyError('sealed-key-unreadable', "The keychain returned something that is not Kassa's data key.");
    }
    return { sealing: 'os-keychain', key, notice: null };
  }

  if (recorded === 'file-key') return { sealing: 'file-key', key: null, notice: fileKeyNotice(backend) };

  // First start on this data folder: decide once, write the key before the record that points to it.
  const recordedAt = now().toISOString();
  if (keychainUsable) {
    const key = randomBytes(32).toString('hex');
    writeFileAtomic(sealedFile, safeStorage.encryptString(key));
    writeFileAtomic(recordFile, JSON.stringify({ sealing: 'os-keychain', backend, recordedAt }, null, 2));
    return { sealing: 'os-keychain', key, notice: null };
  }
  writeFileAtomic(recordFile, JSON.stringify({ sealing: 'file-key', backend, recordedAt }, null, 2));
  return { sealing: 'file-key', key: null, notice: fileKeyNotice(backend) };
}

/** The record, or what older versions left behind (a sealed key without a record was the keychain). */
function readRecordedSealing(dataDir: string): KeySealing | null {
  const recordFile = join(dataDir, SEALING_RECORD_FILE);
  if (existsSync(recordFile)) {
    const parsed = SealingRecord.safeParse(JSON.parse(readFileSync(recordFile, 'utf8')));
    if (!parsed.success) throw new Error(`${recordFile} is not a valid sealing record`);
    return parsed.data.sealing;
  }
  if (existsSync(join(dataDir, SEALED_KEY_FILE))) return 'os-keychain';
  if (existsSync(join(dataDir, CORE_KEY_FILE))) return 'file-key';
  return null;
}

function fileKeyNotice(backend: string): string {
  return backend === 'basic_text'
    ? 'This Linux desktop offers no keychain (Electron reports "basic_text", which is not encryption). ' +
        "Kassa keeps its data key in a file in the data folder, readable by this user only; protect the computer's account accordingly."
    : 'No OS keychain was available on first start; Kassa keeps its data key in a file in the data folder, readable by this user only.';
}
