// Custom connections' secrets at rest, sealed by Electron's safeStorage (the OS keychain: Keychain on macOS,
// DPAPI on Windows, libsecret/kwallet on Linux). Where safeStorage has no real keychain there is no vault:
// the connections layer then keeps secrets in memory for the session and asks again after a restart.
import type { SafeStorage } from 'electron';
import type { SecretVault } from '../connections/secretVault';

/** The part of safeStorage the vault uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which password store backs the key. */
  getSelectedStorageBackend(): ReturnType<SafeStorage['getSelectedStorageBackend']>;
}

// Compile-time tie to Electron's own type (see ipcBridge.ts): the unit test's fake stands for the real object.
export const _electronFits = (safeStorage: SafeStorage): SafeStorageLike => safeStorage;

/**
 * Is there a keychain behind safeStorage right now? On Linux, `basic_text` means no password store was found
 * and Chromium seals with a fixed, publicly known key: that is obfuscation, not a keychain, so it counts as none.
 */
export function keychainAvailable(safeStorage: SafeStorageLike, platform: NodeJS.Platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

/**
 * The vault for ConnectionManager.open, or undefined when there is no keychain (call after app 'ready': before
 * it, safeStorage reports nothing available on Linux and Windows). The check is repeated on every use, since a
 * keychain can be locked or go away while the app runs; the connections layer then stops persisting secrets.
 */
export function safeStorageVault(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretVault | undefined {
  if (!keychainAvailable(safeStorage, platform)) return undefined;
  return {
    available: () => keychainAvailable(safeStorage, platform),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  };
}
