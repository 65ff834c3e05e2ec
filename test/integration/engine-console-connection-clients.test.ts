// ConnectionManager.clientsFor(id): clients for a connection that is not the active one, with the same credential
// handling as the active one — a custom endpoint's static keys kept in memory, an MFA profile asking through the
// usual prompt — and the tailer's connectionById (replay, import) built on it. Two real engines: the local one and
// a second behind a custom endpoint.
import { CreateStreamCommand, ListStreamsCommand, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionManager } from '../../main/connections/connectionManager';
import { LOCAL_ID, profileConnectionId } from '../../main/connections/connectionModel';
import { startEngine, type RunningEngine } from '../../main/server/engine/startEngine';
import { connectionById } from '../../main/services/tail/connectionClients';
import { openSettingsStore, type SettingsStore } from '../../main/storage/settingsStore';
import { makeAwsHome, type AwsHome } from '../fixtures/connections/awsHome';
import { join } from 'node:path';
import { sleep } from '../support/sleep';

const CONFIG = `[profile static-dev]
region = eu-central-1

[profile mfa-chain]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = static-dev
mfa_serial = arn:aws:iam::123456789012:mfa/alice
`;
const CREDENTIALS = `[static-dev]
aws_access_key_id = AKIASTATICDEV0000001
aws_secret_access_key = staticdevsecret
`;

describe('ConnectionManager.clientsFor', () => {
  let local: RunningEngine;
  let other: RunningEngine;
  let home: AwsHome;
  let settings: SettingsStore;
  let manager: ConnectionManager;

  beforeAll(async () => {
    [local, other] = await Promise.all([startEngine({ port: 0, inMemory: true, statusDelayMs: 0 }), startEngine({ port: 0, inMemory: true, statusDelayMs: 0 })]);
    home = makeAwsHome();
    home.write({ config: CONFIG, credentials: CREDENTIALS });
    settings = openSettingsStore(join(home.dir, 'settings.db'));
    manager = await ConnectionManager.open({ settings, checkOnSwitch: false, localEndpoint: local.endpoint, mfaTimeoutMs: 10_000 });
  });
  afterAll(async () => {
    manager?.close();
    settings?.close();
    home?.restore();
    await Promise.all([local?.close(), other?.close()]);
  });

  it('builds clients for a non-active custom endpoint with its static keys, and the tailer writes through them', async () => {
    const custom = manager.addCustom({ name: 'second engine', endpoint: other.endpoint, region: 'us-west-2', credentials: { type: 'static', accessKeyId: 'AKIACUSTOMSTATIC0001', secretAccessKey: 'customsecret' } });
    expect(manager.activeId()).toBe(LOCAL_ID);

    const { clients, dispose } = manager.clientsFor(custom.id);
    try {
      const identity = await clients.kinesis.config.credentials();
      expect([identity.accessKeyId, identity.secretAccessKey]).toEqual(['AKIACUSTOMSTATIC0001', 'customsecret']);
      expect(await clients.kinesis.config.region()).toBe('us-west-2');
      await clients.kinesis.send(new CreateStreamCommand({ StreamName: 'elsewhere', ShardCount: 1 }));
    } finally {
      dispose();
    }
    expect(clients.disposed).toBe(true);
    // The active connection's clients are untouched and still point at the local engine.
    expect((await manager.clients().kinesis.send(new ListStreamsCommand({}))).StreamNames).toEqual([]);

    // What replay and import use for a target that is not active: before clientsFor this was refused
    // ("keeps its keys inside the connection manager").
    const target = connectionById(manager, custom.id);
    try {
      await sleep(50);
      const put = await target.connection.kinesis().send(new PutRecordCommand({ StreamName: 'elsewhere', PartitionKey: 'k', Data: new Uint8Array([1]) }));
      expect(put.ShardId).toBe('shardId-000000000000');
    } finally {
      target.dispose();
    }
  });

  it('gives the active connection its shared clients, with a dispose that leaves them alone', () => {
    const shared = manager.clients();
    const { clients, dispose } = manager.clientsFor(LOCAL_ID);
    dispose();
    expect(clients).toBe(shared);
    expect(shared.disposed).toBe(false);
  });

  it('asks for the MFA code of a non-active MFA profile through the usual prompt', async () => {
    const id = profileConnectionId('mfa-chain');
    const prompts: string[] = [];
    const off = manager.on((event) => {
      if (event.type !== 'mfa-prompt') return;
      prompts.push(`${event.prompt.connectionId} ${event.prompt.mfaSerial}`);
      manager.answerMfa({ promptId: event.prompt.promptId, code: null });
    });
    const { clients, dispose } = manager.clientsFor(id);
    try {
      await expect(clients.kinesis.config.credentials()).rejects.toThrow();
    } finally {
      dispose();
      off();
    }
    expect(prompts).toEqual([`${id} arn:aws:iam::123456789012:mfa/alice`]);
  });

  it('refuses a connection that cannot be used yet, and an unknown one', async () => {
    manager.setLocalEndpoint(undefined);
    try {
      const custom = manager.list().find((c) => c.kind === 'custom');
      if (!custom) throw new Error('no custom connection');
      await manager.switchTo(custom.id);
      expect(() => manager.clientsFor(LOCAL_ID)).toThrow(expect.objectContaining({ code: 'ConnectionUnavailable' }));
      expect(() => manager.clientsFor('custom:nope')).toThrow(expect.objectContaining({ code: 'ConnectionNotFound' }));
    } finally {
      manager.setLocalEndpoint(local.endpoint);
    }
  });
});
