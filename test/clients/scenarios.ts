// The client scenarios, written once and run by each real client (AWS CLI, boto3) against the target engine.
// Each scenario makes its own stream, so one failing action does not hide the others.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evenHashRanges, MAX_HASH_KEY, rangeShare } from '../../shared/domain/hashKey';
import { sleep } from '../support/sleep';
import { harnessTarget, startPeer, type RunningPeer } from '../support/peers';
import type { CallResult, ClientDriver, Json, JsonObject } from './drivers';

const HALF = (1n << 127n).toString();

export function ok(result: CallResult): JsonObject {
  expect(result, `expected success, got ${JSON.stringify(result)}`).toMatchObject({ ok: true });
  return result.ok ? result.output : {};
}

function failure(result: CallResult): { code: string; message: string } {
  expect(result.ok, `expected an error, got ${JSON.stringify(result)}`).toBe(false);
  return result.ok ? { code: '', message: '' } : result;
}

const objects = (value: Json | undefined): JsonObject[] => (Array.isArray(value) ? (value as JsonObject[]) : []);
const str = (value: Json | undefined): string => (typeof value === 'string' ? value : '');
const seq = (value: Json | undefined): bigint => BigInt(str(value) || '-1');

export function defineClientSuite(label: string, makeDriver: (endpoint: string) => ClientDriver): void {
  describe(`${label} against the ${harnessTarget()}`, () => {
    let peer: RunningPeer;
    let client: ClientDriver;
    const startedAt = Date.now();

    beforeAll(async () => {
      // A non-zero status delay: streams really pass through CREATING and UPDATING, so the clients must wait.
      peer = await startPeer(harnessTarget(), { statusDelayMs: 300 });
      client = makeDriver(peer.endpoint);
    });
    afterAll(async () => {
      await client?.close();
      await peer?.stop();
    });

    const streamName = (what: string) => `${label}-${what}-${randomBytes(3).toString('hex')}`;
    const call = (action: string, params: JsonObject) => client.call(action, params);

    async function waitActive(name: string): Promise<JsonObject> {
      for (let attempt = 0; attempt < 60; attempt++) {
        const summary = ok(await call('DescribeStreamSummary', { StreamName: name }));
        const description = summary.StreamDescriptionSummary as JsonObject;
        if (description.StreamStatus === 'ACTIVE') return description;
        await sleep(200);
      }
      throw new Error(`${name} never became ACTIVE`);
    }

    async function createActive(what: string, shards: number): Promise<string> {
      const name = streamName(what);
      expect(ok(await call('CreateStream', { StreamName: name, ShardCount: shards }))).toEqual({});
      ok(await client.wait('stream-exists', name));
      await waitActive(name);
      return name;
    }

    async function listShards(name: string, extra: JsonObject = {}): Promise<JsonObject[]> {
      return objects(ok(await call('ListShards', { StreamName: name, ...extra })).Shards);
    }

    /** Reads a shard from TRIM_HORIZON until it is drained (or closed and exhausted); returns records and the last page. */
    async function readShard(name: string, shardId: string): Promise<{ records: JsonObject[]; last: JsonObject; pages: number }> {
      let iterator = str(ok(await call('GetShardIterator', { StreamName: name, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' })).ShardIterator);
      const records: JsonObject[] = [];
      let last: JsonObject = {};
      let pages = 0;
      for (; pages < 10 && iterator; pages++) {
        last = ok(await call('GetRecords', { ShardIterator: iterator, Limit: 1000 }));
        const page = objects(last.Records);
        records.push(...page);
        iterator = str(last.NextShardIterator);
        if (page.length === 0 && last.MillisBehindLatest === 0) break;
      }
      return { records, last, pages };
    }

    it('creates, writes with PutRecord and PutRecords, reads back byte-exact, lists shards and reports errors', async () => {
      const name = streamName('core');
      expect(ok(await call('CreateStream', { StreamName: name, ShardCount: 2 }))).toEqual({});
      ok(await client.wait('stream-exists', name));
      const summary = await waitActive(name);
      expect(summary).toMatchObject({ StreamName: name, StreamStatus: 'ACTIVE', OpenShardCount: 2, RetentionPeriodHours: 24 });
      expect(str(summary.StreamARN)).toMatch(new RegExp(`^arn:aws:kinesis:us-east-1:\\d{12}:stream/${name}$`));

      const described = ok(await call('DescribeStream', { StreamName: name })).StreamDescription as JsonObject;
      expect(described).toMatchObject({ StreamName: name, StreamStatus: 'ACTIVE', RetentionPeriodHours: 24, EncryptionType: 'NONE' });
      // The CLI pages through DescribeStream itself and drops the paging flag from what it prints; boto3 shows it.
      if (client.name === 'boto3') expect(described.HasMoreShards).toBe(false);
      expect(objects(described.Shards).map((shard) => shard.HashKeyRange)).toEqual(evenHashRanges(2));

      const written = new Map<string, { data: string; key: string; shard: string }>();
      const allBytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i)).toString('base64');
      const single = ok(await call('PutRecord', { StreamName: name, PartitionKey: 'clé-α', Data: allBytes }));
      expect(str(single.ShardId)).toMatch(/^shardId-\d{12}$/);
      expect(str(single.SequenceNumber)).toMatch(/^\d{20,}$/);
      written.set(str(single.SequenceNumber), { data: allBytes, key: 'clé-α', shard: str(single.ShardId) });

      const batch: Array<{ PartitionKey: string; Data: string; ExplicitHashKey?: string }> = [
        { PartitionKey: 'a', Data: randomBytes(100).toString('base64') },
        { PartitionKey: 'b', Data: Buffer.from('{"json":"text ✓"}').toString('base64') },
        { PartitionKey: 'to-shard-0', Data: randomBytes(3000).toString('base64'), ExplicitHashKey: '0' },
        { PartitionKey: 'to-shard-1', Data: randomBytes(1).toString('base64'), ExplicitHashKey: MAX_HASH_KEY.toString() },
        { PartitionKey: 'empty', Data: '' },
      ];
      const many = ok(await call('PutRecords', { StreamName: name, Records: batch as JsonObject[] }));
      expect(many.FailedRecordCount).toBe(0);
      const results = objects(many.Records);
      expect(results).toHaveLength(batch.length);
      results.forEach((result, i) => {
        expect(str(result.SequenceNumber)).toMatch(/^\d{20,}$/);
        expect(result.ErrorCode).toBeUndefined();
        written.set(str(result.SequenceNumber), { data: batch[i]?.Data ?? '', key: batch[i]?.PartitionKey ?? '', shard: str(result.ShardId) });
      });
      expect(results[2]?.ShardId).toBe('shardId-000000000000');
      expect(results[3]?.ShardId).toBe('shardId-000000000001');

      const shards = await listShards(name);
      expect(shards.map((shard) => shard.ShardId)).toEqual(['shardId-000000000000', 'shardId-000000000001']);
      shards.forEach((shard, i) => {
        expect(shard.HashKeyRange).toEqual(evenHashRanges(2)[i]);
        const range = shard.SequenceNumberRange as JsonObject;
        expect(str(range.StartingSequenceNumber)).toMatch(/^\d+$/);
        expect(range.EndingSequenceNumber).toBeUndefined();
      });

      const seen = new Set<string>();
      for (const shard of shards) {
        const { records, last } = await readShard(name, str(shard.ShardId));
        expect(typeof last.MillisBehindLatest).toBe('number');
        expect(str(last.NextShardIterator)).not.toBe('');
        for (let i = 1; i < records.length; i++) expect(seq(records[i]?.SequenceNumber)).toBeGreaterThan(seq(records[i - 1]?.SequenceNumber));
        for (const record of records) {
          const expected = written.get(str(record.SequenceNumber));
          expect(expected, `unexpected record ${JSON.stringify(record)}`).toBeDefined();
          expect(record.Data).toBe(expected?.data);
          expect(record.PartitionKey).toBe(expected?.key);
          expect(expected?.shard).toBe(shard.ShardId);
          const arrived = Date.parse(str(record.ApproximateArrivalTimestamp));
          expect(arrived).toBeGreaterThan(startedAt - 60_000);
          expect(arrived).toBeLessThan(Date.now() + 60_000);
          seen.add(str(record.SequenceNumber));
        }
      }
      expect([...seen].sort()).toEqual([...written.keys()].sort());

      const at = ok(await call('GetShardIterator', { StreamName: name, ShardId: str(single.ShardId), ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: str(single.SequenceNumber) }));
      const fromAt = objects(ok(await call('GetRecords', { ShardIterator: str(at.ShardIterator) })).Records);
      expect(fromAt[0]?.SequenceNumber).toBe(single.SequenceNumber);
      expect(fromAt[0]?.Data).toBe(allBytes);
      const after = ok(await call('GetShardIterator', { StreamName: name, ShardId: str(single.ShardId), ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: str(single.SequenceNumber) }));
      const fromAfter = objects(ok(await call('GetRecords', { ShardIterator: str(after.ShardIterator) })).Records);
      for (const record of fromAfter) expect(seq(record.SequenceNumber)).toBeGreaterThan(seq(single.SequenceNumber));

      expect(ok(await call('ListStreams', {})).StreamNames).toContain(name);

      const missing = streamName('missing');
      const notFound = failure(await call('DescribeStreamSummary', { StreamName: missing }));
      expect(notFound.code).toBe('ResourceNotFoundException');
      expect(notFound.message).toMatch(new RegExp(`^Stream ${missing} under account \\d{12} not found\\.$`));
      const invalid = failure(await call('CreateStream', { StreamName: 'bad name!', ShardCount: 1 }));
      expect(invalid).toEqual({
        ok: false,
        code: 'ValidationException',
        message: "1 validation error detected: Value 'bad name!' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
      });
    });

    it('splits a shard: the parent closes with an ending sequence number, its data stays readable, children have lineage', async () => {
      const name = await createActive('split', 1);
      const before = ok(await call('PutRecord', { StreamName: name, PartitionKey: 'p', Data: Buffer.from('before split').toString('base64') }));
      expect(ok(await call('SplitShard', { StreamName: name, ShardToSplit: 'shardId-000000000000', NewStartingHashKey: HALF }))).toEqual({});
      await waitActive(name);
      const shards = await listShards(name);
      expect(shards.map((shard) => shard.ShardId)).toEqual(['shardId-000000000000', 'shardId-000000000001', 'shardId-000000000002']);
      const [parent, low, high] = shards;
      expect(str((parent?.SequenceNumberRange as JsonObject).EndingSequenceNumber)).toMatch(/^\d+$/);
      expect(low).toMatchObject({ ParentShardId: 'shardId-000000000000', HashKeyRange: { StartingHashKey: '0', EndingHashKey: (BigInt(HALF) - 1n).toString() } });
      expect(high).toMatchObject({ ParentShardId: 'shardId-000000000000', HashKeyRange: { StartingHashKey: HALF, EndingHashKey: MAX_HASH_KEY.toString() } });

      const { records, last } = await readShard(name, 'shardId-000000000000');
      expect(records.map((record) => [record.SequenceNumber, record.Data])).toEqual([[before.SequenceNumber, Buffer.from('before split').toString('base64')]]);
      // A drained closed shard has no next iterator and names its children.
      expect(last.NextShardIterator).toBeUndefined();
      expect(objects(last.ChildShards).map((child) => [child.ShardId, child.ParentShards])).toEqual([
        ['shardId-000000000001', ['shardId-000000000000']],
        ['shardId-000000000002', ['shardId-000000000000']],
      ]);
      const open = await listShards(name, { ShardFilter: { Type: 'AT_LATEST' } });
      expect(open.map((shard) => shard.ShardId)).toEqual(['shardId-000000000001', 'shardId-000000000002']);

      // New writes go to the child that owns the hash key, and read back from it.
      const after = ok(await call('PutRecord', { StreamName: name, PartitionKey: 'p', Data: Buffer.from('after split').toString('base64'), ExplicitHashKey: HALF }));
      expect(after.ShardId).toBe('shardId-000000000002');
      expect(seq(after.SequenceNumber)).toBeGreaterThan(seq(before.SequenceNumber));
      const child = await readShard(name, 'shardId-000000000002');
      expect(child.records.map((record) => [record.SequenceNumber, record.Data])).toEqual([[after.SequenceNumber, Buffer.from('after split').toString('base64')]]);
    });

    it('merges two adjacent shards into one child with both parents', async () => {
      const name = await createActive('merge', 2);
      expect(ok(await call('MergeShards', { StreamName: name, ShardToMerge: 'shardId-000000000000', AdjacentShardToMerge: 'shardId-000000000001' }))).toEqual({});
      const summary = await waitActive(name);
      expect(summary.OpenShardCount).toBe(1);
      const shards = await listShards(name);
      expect(shards).toHaveLength(3);
      for (const closed of shards.slice(0, 2)) expect(str((closed.SequenceNumberRange as JsonObject).EndingSequenceNumber)).toMatch(/^\d+$/);
      expect(shards[2]).toMatchObject({
        ShardId: 'shardId-000000000002',
        ParentShardId: 'shardId-000000000000',
        AdjacentParentShardId: 'shardId-000000000001',
        HashKeyRange: { StartingHashKey: '0', EndingHashKey: MAX_HASH_KEY.toString() },
      });
    });

    it('updates the shard count with UNIFORM_SCALING', async () => {
      const name = await createActive('scale', 2);
      const output = ok(await call('UpdateShardCount', { StreamName: name, TargetShardCount: 4, ScalingType: 'UNIFORM_SCALING' }));
      expect(output).toMatchObject({ StreamName: name, CurrentShardCount: 2, TargetShardCount: 4 });
      const summary = await waitActive(name);
      expect(summary.OpenShardCount).toBe(4);
      const open = (await listShards(name, { ShardFilter: { Type: 'AT_LATEST' } })).map((shard) => shard.HashKeyRange as { StartingHashKey: string; EndingHashKey: string });
      open.sort((a, b) => (BigInt(a.StartingHashKey) < BigInt(b.StartingHashKey) ? -1 : 1));
      expect(open).toHaveLength(4);
      expect(open[0]?.StartingHashKey).toBe('0');
      expect(open[3]?.EndingHashKey).toBe(MAX_HASH_KEY.toString());
      for (let i = 1; i < open.length; i++) expect(BigInt(open[i]?.StartingHashKey ?? '0')).toBe(BigInt(open[i - 1]?.EndingHashKey ?? '0') + 1n);
      for (const range of open) expect(rangeShare(range)).toBeCloseTo(25, 2);
    });

    it('adds, lists and removes tags', async () => {
      const name = await createActive('tags', 1);
      expect(ok(await call('AddTagsToStream', { StreamName: name, Tags: { env: 'test', team: 'shardscope' } }))).toEqual({});
      const listed = ok(await call('ListTagsForStream', { StreamName: name }));
      expect(listed.HasMoreTags).toBe(false);
      expect(objects(listed.Tags)).toEqual([{ Key: 'env', Value: 'test' }, { Key: 'team', Value: 'shardscope' }]);
      expect(ok(await call('RemoveTagsFromStream', { StreamName: name, TagKeys: ['env'] }))).toEqual({});
      expect(objects(ok(await call('ListTagsForStream', { StreamName: name })).Tags)).toEqual([{ Key: 'team', Value: 'shardscope' }]);
    });

    it('increases and decreases the retention period, and refuses less than 24 hours', async () => {
      const name = await createActive('retention', 1);
      expect(ok(await call('IncreaseStreamRetentionPeriod', { StreamName: name, RetentionPeriodHours: 48 }))).toEqual({});
      expect((await waitActive(name)).RetentionPeriodHours).toBe(48);
      expect(ok(await call('DecreaseStreamRetentionPeriod', { StreamName: name, RetentionPeriodHours: 24 }))).toEqual({});
      expect((await waitActive(name)).RetentionPeriodHours).toBe(24);
      const tooShort = failure(await call('DecreaseStreamRetentionPeriod', { StreamName: name, RetentionPeriodHours: 12 }));
      expect(tooShort.code).toBe('InvalidArgumentException');
    });

    it('deletes a stream, and the waiter sees it gone', async () => {
      const name = await createActive('delete', 1);
      expect(ok(await call('DeleteStream', { StreamName: name }))).toEqual({});
      ok(await client.wait('stream-not-exists', name));
      expect(failure(await call('DescribeStreamSummary', { StreamName: name })).code).toBe('ResourceNotFoundException');
      expect(ok(await call('ListStreams', {})).StreamNames).not.toContain(name);
    });
  });
}
