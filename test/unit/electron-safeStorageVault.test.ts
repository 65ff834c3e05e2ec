// The Electron secret vault against a fake safeStorage whose type the compiler ties to Electron's, and that
// vault behind the real connections service and settings file: a secret sealed in one run opens in the next.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionManager } from '../../main/connections/connectionManager';
import type { SecretVault } from '../../main/connections/secretVault';
import { keychainAvailable, safeStorageVault, type SafeStorageLike } from '../../main/electron/safeStorageVault';
import { openSettingsStore } from '../../main/storage/settingsStore';
import { makeAwsHome } from '../fixtures/connections/awsHome';
import { tempDir } from '../support/tempDir';

// The fake must fit where Electron's safeStorage fits.
const _tie: (real: SafeStorage) => SafeStorageLike = (real) => real;

/** A reversible, non-identity seal (the byte-wise complement), so the plain text never sits in the sealed bytes. */
class FakeSafeStorage implements SafeStorageLike {
  encrypted = 0;
  constructor(
    public available = true,
    public backend: ReturnType<SafeStorageLike['getSelectedStorageBackend']> = 'gnome_libsecret',
  ) {}
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  encryptString(plainText: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    this.encrypted++;
    return Buffer.from(Buffer.from(plainText, 'utf8').map((byte) => 255 - byte));
  }
  decryptString(encrypted: Buffer): string {
    if (!this.available) throw new Error('Decryption is not available.');
    return Buffer.from(encrypted.map((byte) => 255 - byte)).toString('utf8');
  }
  getSelectedStorageBackend(): ReturnType<SafeStorageLike['getSelectedStorageBackend']> {
    return this.backend;
  }
}

describe('safeStorage vault', () => {
  it('exists only where safeStorage has a real keychain', () => {
    expect(safeStorageVault(new FakeSafeStorage(false), 'darwin')).toBeUndefined();
    expect(safeStorageVault(new FakeSafeStorage(false), 'linux')).toBeUndefined();
    // Linux without a password store: Chromium's fixed key is no keychain.
    expect(safeStorageVault(new FakeSafeStorage(true, 'basic_text'), 'linux')).toBeUndefined();
    expect(safeStorageVault(new FakeSafeStorage(true, 'gnome_libsecret'), 'linux')).toBeDefined();
    expect(safeStorageVault(new FakeSafeStorage(true, 'kwallet6'), 'linux')).toBeDefined();
    // The backend only means something on Linux.
    expect(safeStorageVault(new FakeSafeStorage(true, 'basic_text'), 'win32')).toBeDefined();
    expect(keychainAvailable(new FakeSafeStorage(true, 'unknown'), 'darwin')).toBe(true);
  });

  it('seals and opens through safeStorage, and re-checks availability on every use', () => {
    const safe = new FakeSafeStorage();
    const vault = safeStorageVault(safe, 'linux');
    if (!vault) throw new Error('expected a vault');
    const sealed = vault.encrypt('{"secretAccessKey":"s3cr3t-value"}');
    expect(sealed.toString('utf8')).not.toContain('s3cr3t-value');
    expect(vault.decrypt(sealed)).toBe('{"secretAccessKey":"s3cr3t-value"}');
    expect(vault.available()).toBe(true);
    safe.available = false; // the keychain was locked
    expect(vault.available()).toBe(false);
  });
});

describe('the vault behind the connections service', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  async function open(dataDir: string, vault: SecretVault | undefined) {
    const settings = openSettingsStore(path.join(dataDir, 'settings.db'));
    const manager = await ConnectionManager.open({ settings, checkOnSwitch: false, ...(vault ? { vault } : {}) });
    return {
      manager,
      close: () => {
        manager.close();
        settings.close();
      },
    };
  }

  it('keeps a custom connection’s secret across restarts, sealed at rest; without a vault it is missing', async () => {
    const home = makeAwsHome();
    cleanups.push(() => home.restore());
    const dataDir = tempDir('vault').path;
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const safe = new FakeSafeStorage();
    const secret = 'Vault7SecretAccessKeyValueQ2w9Er4Ty6Ui8Op';

    const first = await open(dataDir, safeStorageVault(safe, 'linux'));
    const added = first.manager.addCustom({
      name: 'kept',
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials: { type: 'static', accessKeyId: 'AKIAVAULTTEST0000001', secretAccessKey: secret },
    });
    first.close();
    expect(safe.encrypted).toBe(1);
    // Sealed at rest: neither settings.db nor its WAL holds the secret as text.
    for (const file of ['settings.db', 'settings.db-wal']) {
      const bytes = (() => {
        try {
          return readFileSync(path.join(dataDir, file));
        } catch {
          return Buffer.alloc(0);
        }
      })();
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }

    const second = await open(dataDir, safeStorageVault(safe, 'linux'));
    expect(second.manager.summary(added.id)).toMatchObject({ secretMissing: false, credentialKind: 'static' });
    second.close();

    // Web mode (no vault), or a locked keychain: the connection is there, its secret is not.
    const third = await open(dataDir, undefined);
    expect(third.manager.summary(added.id)).toMatchObject({ secretMissing: true });
    third.close();
  });
});
