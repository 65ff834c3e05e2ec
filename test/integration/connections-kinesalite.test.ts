// The AWS code path against software we did not write: custom-endpoint connections pointed at kinesalite,
// used through the manager's clients exactly as the console's services will use them.
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  PutRecordCommand,
} from '@aws-sdk/client-kinesis';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConnectionHealth } from '../../shared/contract/connections';
import { ConnectionManager } from '../../main/connections/connectionManager';
import { ConnectionsError } from '../../main/connections/connectionsError';
import { openSettingsStore, type SettingsStore } from '../../main/storage/settingsStore';
import { makeAwsHome, type AwsHome } from '../fixtures/connections/awsHome';
import { freePort, startPeer, type RunningPeer } from '../support/peers';

function expectError(health: ConnectionHealth) {
  if (health.status !== 'error') throw new Error(`expected an error, got ${JSON.stringify(health)}`);
  return health.failure;
}

describe('custom-endpoint connections against kinesalite', () => {
  let kinesalite: RunningPeer;
  let home: AwsHome;
  let settings: SettingsStore;
  let manager: ConnectionManager;
  let notKinesis: Server;

  beforeAll(async () => {
    kinesalite = await startPeer('kinesalite');
    home = makeAwsHome();
    home.write({ credentials: '[emu]\naws_access_key_id = AKIAEMUFIXTURE000001\naws_secret_access_key = emu-secret-fixture-value\n' });
    settings = openSettingsStore(join(home.dir, 'settings.db'));
    manager = await ConnectionManager.open({ settings, checkOnSwitch: false, localEndpoint: 'http://127.0.0.1:1' });
    notKinesis = createServer((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not here</h1>'));
    await new Promise<void>((resolve) => notKinesis.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    manager?.close();
    settings?.close();
    home?.restore();
    await kinesalite?.stop();
    await new Promise((resolve) => notKinesis?.close(resolve));
  });

  it('lists, creates, describes, puts, reads and deletes a stream through the client factory', async () => {
    const added = manager.addCustom({ name: 'kinesalite', endpoint: kinesalite.endpoint, region: 'us-east-1', credentials: { type: 'none' } });
    expect(added).toMatchObject({ kind: 'custom', endpoint: kinesalite.endpoint, credentialKind: 'none', secretMissing: false });
    await manager.switchTo(added.id);
    expect(manager.activeId()).toBe(added.id);
    const { kinesis } = manager.clients();
    expect(manager.clients().kinesis).toBe(kinesis); // cached per connection

    const name = `conn-test-${Date.now()}`;
    expect((await kinesis.send(new ListStreamsCommand({}))).StreamNames).not.toContain(name);
    await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 2 }));
    // kinesalite finishes CREATING and DELETING on a timer even with 0 ms delays: wait as a client would.
    const described = await vi.waitFor(
      async () => {
        const out = await kinesis.send(new DescribeStreamCommand({ StreamName: name }));
        expect(out.StreamDescription?.StreamStatus).toBe('ACTIVE');
        return out;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(described.StreamDescription?.Shards).toHaveLength(2);
    expect((await kinesis.send(new ListStreamsCommand({}))).StreamNames).toContain(name);

    const put = await kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: 'key-1', Data: new TextEncoder().encode('hello') }));
    expect(put.SequenceNumber).toMatch(/^\d+$/);
    const iterator = await kinesis.send(
      new GetShardIteratorCommand({ StreamName: name, ShardId: put.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const records = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator }));
    expect(records.Records?.map((r) => new TextDecoder().decode(r.Data))).toEqual(['hello']);

    await kinesis.send(new DeleteStreamCommand({ StreamName: name }));
    await vi.waitFor(async () => expect((await kinesis.send(new ListStreamsCommand({}))).StreamNames).not.toContain(name), { timeout: 10_000, interval: 50 });

    const health = await manager.checkHealth(added.id);
    expect(health).toMatchObject({ status: 'ok' });
    expect(manager.summary(added.id).health.status).toBe('ok');
  });

  it('works with static keys and with a profile as credentials', async () => {
    const withKeys = manager.addCustom({
      name: 'kinesalite keys',
      endpoint: kinesalite.endpoint,
      region: 'eu-west-1',
      credentials: { type: 'static', accessKeyId: 'AKIASTATICCUSTOM0001', secretAccessKey: 'custom-static-secret-value' },
    });
    const withProfile = manager.addCustom({ name: 'kinesalite profile', endpoint: kinesalite.endpoint, region: 'eu-west-1', credentials: { type: 'profile', profile: 'emu' } });
    expect(withProfile).toMatchObject({ credentialKind: 'profile', sourceProfile: 'emu' });
    expect(await manager.checkHealth(withKeys.id)).toMatchObject({ status: 'ok' });
    expect(await manager.checkHealth(withProfile.id)).toMatchObject({ status: 'ok' });
    expect(() => manager.addCustom({ name: 'x', endpoint: kinesalite.endpoint, region: 'eu-west-1', credentials: { type: 'profile', profile: 'missing' } })).toThrow(
      ConnectionsError,
    );
  });

  it('a closed port is a network failure', async () => {
    const port = await freePort();
    const closed = manager.addCustom({ name: 'nothing there', endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { type: 'none' } });
    const failure = expectError(await manager.checkHealth(closed.id));
    expect(failure).toMatchObject({ code: 'network', step: 'kinesis' });
    expect(failure.message).toBe(`Could not reach the endpoint http://127.0.0.1:${port}: the connection was refused (is anything listening there?)`);
  });

  it('an HTTP server that is not Kinesis is an unknown endpoint', async () => {
    const address = notKinesis.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const other = manager.addCustom({ name: 'a web page', endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { type: 'none' } });
    const failure = expectError(await manager.checkHealth(other.id));
    expect(failure).toMatchObject({ code: 'unknown-endpoint', step: 'kinesis' });
  });

  it('switching back to the local engine disposes the custom clients and is remembered', async () => {
    const custom = manager.list().find((c) => c.name === 'kinesalite');
    if (!custom) throw new Error('missing connection');
    await manager.switchTo(custom.id);
    const before = manager.clients();
    await manager.switchTo('local');
    expect(manager.activeId()).toBe('local');
    expect(before.disposed).toBe(true);
    const local = manager.clients();
    expect(local.kinesis).not.toBe(before.kinesis);
    expect(await local.kinesis.config.endpoint?.()).toMatchObject({ hostname: '127.0.0.1', port: 1 });
    expect(settings.get('connections.lastActive')).toBe('local');
  });

  it('removing the active custom connection falls back to the local engine', async () => {
    const temp = manager.addCustom({ name: 'temp', endpoint: kinesalite.endpoint, region: 'us-east-1', credentials: { type: 'none' } });
    await manager.switchTo(temp.id);
    await manager.removeCustom({ id: temp.id });
    expect(manager.activeId()).toBe('local');
    expect(manager.list().some((c) => c.id === temp.id)).toBe(false);
    expect(() => manager.summary(temp.id)).toThrow(/No connection/);
  });
});
