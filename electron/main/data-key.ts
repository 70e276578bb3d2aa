import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The slice of Electron's safeStorage this needs (so it can be tested without Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

/**
 * The core's data key (it seals provider and back-office tokens), itself sealed by the OS keychain
 * through safeStorage in DATA_DIR/secret.key.sealed. Returns null when the OS offers no keychain;
 * the core then falls back to its key file.
 */
export function loadDataKey(dataDir: string, safeStorage: SafeStorageLike): string | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  const file = join(dataDir, 'secret.key.sealed');
  if (existsSync(file)) return safeStorage.decryptString(readFileSync(file));
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, safeStorage.encryptString(key), { mode: 0o600 });
  return key;
}
