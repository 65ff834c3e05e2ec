// Settings persistence across reopen, on a real SQLite file: custom connections, the last connection used,
// region overrides, and what happens to secrets with and without a vault.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionManager } from '../../main/connections/connectionManager';
import type { SecretVault } from '../../main/connections/secretVault';
import { openSettingsStore } from '../../main/storage/settingsStore';
import { aesVault } from '../fixtures/connections/aesVault';
import { makeAwsHome, type AwsHome } from '../fixtures/connections/awsHome';
import { tempDir } from '../support/tempDir';

const SECRET = 'persisted-secret-value-0123456789';

describe('connection settings persistence', () => {
  let home: AwsHome;
  let dataDir: string;
  let dbFile: string;

  beforeEach(() => {
    home = makeAwsHome();
    home.write({ config: '[profile work]\nregion = eu-west-1\ncredential_process = /bin/false\n' });
    dataDir = tempDir('settings').path;
    dbFile = join(dataDir, 'settings.db');
  });

  afterEach(() => {
    home.restore();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function withManager<T>(vault: SecretVault | undefined, body: (m: ConnectionManager) => Promise<T>): Promise<T> {
    const settings = openSettingsStore(dbFile);
    const manager = await ConnectionManager.open({ settings, vault, checkOnSwitch: false, localEndpoint: 'http://127.0.0.1:4567' });
    try {
      return await body(manager);
    } finally {
      manager.close();
      settings.close();
    }
  }

  it('keeps custom connections, the last connection and region overrides across reopen', async () => {
    const id = await withManager(undefined, async (m) => {
      const added = m.addCustom({ name: 'LocalStack', endpoint: 'http://localhost:4566', region: 'us-west-2', credentials: { type: 'profile', profile: 'work' } });
      m.setRegion({ id: 'profile:work', region: 'ap-northeast-1' });
      m.setRegion({ id: 'local', region: 'eu-central-1' });
      m.updateCustom({ id: added.id, name: 'LocalStack 3' });
      await m.switchTo(added.id);
      return added.id;
    });
    await withManager(undefined, async (m) => {
      expect(m.activeId()).toBe(id);
      expect(m.summary(id)).toMatchObject({ name: 'LocalStack 3', endpoint: 'http://localhost:4566', region: 'us-west-2', credentialKind: 'profile', sourceProfile: 'work' });
      expect(m.summary('profile:work')).toMatchObject({ region: 'ap-northeast-1', regionSource: 'override' });
      expect(m.summary('local')).toMatchObject({ region: 'eu-central-1', regionSource: 'override', endpoint: 'http://127.0.0.1:4567' });
      m.setRegion({ id: 'profile:work', region: null });
      m.setRegion({ id, region: 'sa-east-1' });
    });
    await withManager(undefined, async (m) => {
      expect(m.summary('profile:work')).toMatchObject({ region: 'eu-west-1', regionSource: 'profile' });
      expect(m.summary(id)).toMatchObject({ region: 'sa-east-1', regionSource: 'connection' });
    });
  });

  it('without a vault, a static secret is not written and the connection asks for it again', async () => {
    const id = await withManager(undefined, async (m) => {
      const added = m.addCustom({ name: 'proxy', endpoint: 'https://kinesis.proxy.example', region: 'us-east-1', credentials: { type: 'static', accessKeyId: 'AKIAPERSISTTEST00001', secretAccessKey: SECRET } });
      expect(added.secretMissing).toBe(false);
      return added.id;
    });
    const raw = new Database(dbFile, { readonly: true });
    const rows = raw.prepare('SELECT config, secret FROM connections').all() as Array<{ config: string; secret: Buffer | null }>;
    raw.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.secret).toBeNull();
    expect(rows[0]?.config).not.toContain(SECRET);
    expect(rows[0]?.config).not.toContain('AKIAPERSISTTEST00001');

    await withManager(undefined, async (m) => {
      expect(m.summary(id)).toMatchObject({ credentialKind: 'static', secretMissing: true });
      const health = await m.checkHealth(id);
      expect(health).toMatchObject({ status: 'error', failure: { code: 'secret-missing' } });
      m.updateCustom({ id, credentials: { type: 'static', accessKeyId: 'AKIAPERSISTTEST00001', secretAccessKey: SECRET } });
      expect(m.summary(id).secretMissing).toBe(false);
    });
  });

  it('with a vault, the secret comes back sealed, and a vault that cannot open it asks again', async () => {
    const key = randomBytes(32);
    const id = await withManager(aesVault(key), async (m) =>
      m.addCustom({ name: 'proxy', endpoint: 'https://kinesis.proxy.example', region: 'us-east-1', credentials: { type: 'static', accessKeyId: 'AKIAPERSISTTEST00001', secretAccessKey: SECRET } }).id,
    );
    const raw = new Database(dbFile, { readonly: true });
    const row = raw.prepare('SELECT secret FROM connections').get() as { secret: Buffer | null };
    raw.close();
    expect(row.secret).toBeInstanceOf(Buffer);
    expect(row.secret?.toString('latin1')).not.toContain(SECRET);

    await withManager(aesVault(key), async (m) => {
      expect(m.summary(id).secretMissing).toBe(false);
      expect(await m.checkHealth(id)).not.toMatchObject({ failure: { code: 'secret-missing' } });
    });
    await withManager(aesVault(randomBytes(32)), async (m) => {
      expect(m.summary(id).secretMissing).toBe(true);
    });
  });

  it('migrates once, in WAL mode, with its own migration table', async () => {
    openSettingsStore(dbFile).close();
    const store = openSettingsStore(dbFile);
    store.set('k', 'v1');
    store.set('k', 'v2');
    expect(store.get('k')).toBe('v2');
    store.delete('k');
    expect(store.get('k')).toBeUndefined();
    store.close();
    const raw = new Database(dbFile, { readonly: true });
    expect(raw.prepare('SELECT version FROM settings_migrations').all()).toEqual([{ version: 1 }]);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('a remembered connection that no longer exists falls back to the local engine', async () => {
    const store = openSettingsStore(dbFile);
    store.set('connections.lastActive', 'custom:gone');
    store.close();
    await withManager(undefined, async (m) => {
      expect(m.activeId()).toBe('local');
    });
  });
});
