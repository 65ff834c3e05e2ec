// The AWS CLI and boto3 against the engine's optional TLS endpoint (--tls, a generated self-signed certificate),
// for tools that insist on https: they connect with certificate checks off and round-trip a record.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harnessTarget, startPeer, type RunningPeer } from '../support/peers';
import { awsCliDriver, boto3Driver, type ClientDriver, type JsonObject } from './drivers';
import { ok } from './scenarios';

describe(`real clients over https against the ${harnessTarget()}`, () => {
  let peer: RunningPeer;
  beforeAll(async () => {
    peer = await startPeer(harnessTarget(), { tls: true, statusDelayMs: 100 });
  });
  afterAll(async () => {
    await peer?.stop();
  });

  for (const [label, makeDriver] of [['awscli', awsCliDriver], ['boto3', boto3Driver]] as const) {
    it(`${label} creates a stream and round-trips a record over https`, async () => {
      expect(peer.endpoint).toMatch(/^https:\/\//);
      const client: ClientDriver = makeDriver(peer.endpoint);
      try {
        const name = `tls-${label}-${randomBytes(3).toString('hex')}`;
        ok(await client.call('CreateStream', { StreamName: name, ShardCount: 1 }));
        ok(await client.wait('stream-exists', name));
        const data = randomBytes(64).toString('base64');
        const put = ok(await client.call('PutRecord', { StreamName: name, PartitionKey: 'k', Data: data }));
        const iterator = ok(await client.call('GetShardIterator', { StreamName: name, ShardId: String(put.ShardId), ShardIteratorType: 'TRIM_HORIZON' }));
        const page = ok(await client.call('GetRecords', { ShardIterator: String(iterator.ShardIterator) }));
        const records = (page.Records ?? []) as JsonObject[];
        expect(records.map((record) => [record.SequenceNumber, record.Data])).toEqual([[put.SequenceNumber, data]]);
      } finally {
        await client.close();
      }
    });
  }
});
