// The built-in "Local engine" connection against our engine (its programmatic entry, in memory): dummy keys
// and the Kinesis client's default HTTP/2 handler over h2c, as the app will use it.
import { CreateStreamCommand, DeleteStreamCommand, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionManager } from '../../main/connections/connectionManager';
import { openSettingsStore, type SettingsStore } from '../../main/storage/settingsStore';
import { makeAwsHome, type AwsHome } from '../fixtures/connections/awsHome';
import { startEngine, type RunningEngine } from '../../main/server/engine/startEngine';
import { tempDir } from '../support/tempDir';

describe('the local engine connection', () => {
  let engine: RunningEngine;
  let home: AwsHome;
  let settings: SettingsStore;
  let manager: ConnectionManager;
  let dataDir: string;

  beforeAll(async () => {
    engine = await startEngine({ port: 0, inMemory: true, statusDelayMs: 0 });
    home = makeAwsHome();
    dataDir = tempDir('local').path;
    settings = openSettingsStore(join(dataDir, 'settings.db'));
    manager = await ConnectionManager.open({ settings, checkOnSwitch: false });
  });

  afterAll(async () => {
    manager?.close();
    settings?.close();
    home?.restore();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await engine?.close();
  });

  it('is the default, reports the engine not running until told its endpoint, then works', async () => {
    expect(manager.activeId()).toBe('local');
    expect(manager.summary('local')).toMatchObject({ name: 'Local engine', kind: 'local', credentialKind: 'engine' });
    expect(await manager.checkHealth('local')).toMatchObject({ status: 'error', failure: { code: 'engine-not-running' } });
    expect(() => manager.clients()).toThrow(/not running/);

    manager.setLocalEndpoint(engine.endpoint);
    expect(manager.summary('local').endpoint).toBe(engine.endpoint);
    const { kinesis } = manager.clients();
    const name = `local-conn-${Date.now()}`;
    await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
    expect((await kinesis.send(new ListStreamsCommand({}))).StreamNames).toContain(name);
    await kinesis.send(new DeleteStreamCommand({ StreamName: name }));
    expect(await manager.checkHealth('local')).toMatchObject({ status: 'ok' });
  });
});
