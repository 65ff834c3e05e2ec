// Fault injection: injected error rates within exact binomial bounds with nothing acknowledged lost, AWS's error
// shapes, PutRecords partial failures that store nothing they refuse, compressed iterator expiry, the --faults
// file format, and run-time changes.
import { GetRecordsCommand, GetShardIteratorCommand, PutRecordCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../main/server/engine/startEngine';
import { ACCOUNT, admin, binomialBounds, readShard } from '../support/engine-controls-kit';
import { client, failure, HANDLERS, raw, start } from '../support/engine-kit';
import { tempDir } from '../support/tempDir';

const SHARD0 = 'shardId-000000000000';

describe('fault injection', () => {
  let engine: RunningEngine;
  const dir = tempDir('engine');

  beforeAll(async () => {
    const file = join(dir.path, 'faults.json');
    writeFileSync(
      file,
      JSON.stringify({
        Seed: 20261128,
        Rules: [
          { StreamName: 'flaky', Action: 'PutRecord', ErrorRate: 0.3, ErrorType: 'InternalFailure' },
          { StreamName: 'partial', Action: 'PutRecords', PartialFailureRate: 0.3 },
          { StreamName: 'slow', Action: 'PutRecord', LatencyMs: 300 },
        ],
      }),
    );
    engine = await start({ faults: file, createStreams: ['flaky:1', 'partial:2', 'shapes:1', 'expiry:1', 'calm:1', 'slow:1'] });
  });
  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  it('errors at 30% stay within the binomial bound, and every acknowledged record is stored', async () => {
    const kinesis = client(engine, HANDLERS[0]);
    const n = 1200;
    const acknowledged = new Set<string>();
    let failed = 0;
    for (let offset = 0; offset < n; offset += 100) {
      const calls = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => kinesis.send(new PutRecordCommand({ StreamName: 'flaky', PartitionKey: `k${offset + i}`, Data: new Uint8Array([1, 2, 3]) }))));
      for (const call of calls) {
        if (call.status === 'fulfilled') acknowledged.add(call.value.SequenceNumber as string);
        else {
          failed++;
          expect((call.reason as Error).name).toBe('InternalFailure');
        }
      }
    }
    const { low, high } = binomialBounds(n, 0.3);
    expect(failed).toBeGreaterThanOrEqual(low);
    expect(failed).toBeLessThanOrEqual(high);
    const { records } = await readShard(kinesis, 'flaky', SHARD0);
    expect(new Set(records.map((r) => r.SequenceNumber))).toEqual(acknowledged);
    expect(records).toHaveLength(n - failed);
  });

  it('stamps a delayed write when the delay ends, so no record reads as arrived before it could be read', async () => {
    const kinesis = client(engine, HANDLERS[0]);
    const sent = Date.now();
    const put = await kinesis.send(new PutRecordCommand({ StreamName: 'slow', PartitionKey: 'k', Data: new Uint8Array([1]) }));
    const { records } = await readShard(kinesis, 'slow', SHARD0);
    const record = records.find((r) => r.SequenceNumber === put.SequenceNumber);
    expect(record?.ApproximateArrivalTimestamp?.getTime()).toBeGreaterThanOrEqual(sent + 300);
  });

  it('PutRecords partial failures: the right FailedRecordCount, within the bound, and refused records not stored', async () => {
    const kinesis = client(engine, HANDLERS[1]);
    const acknowledged = new Set<string>();
    let failed = 0;
    const batches = 20;
    for (let b = 0; b < batches; b++) {
      const out = await kinesis.send(new PutRecordsCommand({ StreamName: 'partial', Records: Array.from({ length: 500 }, (_, i) => ({ PartitionKey: `p${b}-${i}`, Data: new Uint8Array([b, i % 256]) })) }));
      let failedHere = 0;
      for (const entry of out.Records ?? []) {
        if (entry.ErrorCode !== undefined) {
          failedHere++;
          expect(entry).toEqual({ ErrorCode: 'InternalFailure', ErrorMessage: 'Internal Service Failure' });
        } else acknowledged.add(entry.SequenceNumber as string);
      }
      expect(out.FailedRecordCount).toBe(failedHere);
      failed += failedHere;
    }
    const n = batches * 500;
    const { low, high } = binomialBounds(n, 0.3);
    expect(failed).toBeGreaterThanOrEqual(low);
    expect(failed).toBeLessThanOrEqual(high);
    const stored = [...(await readShard(kinesis, 'partial', SHARD0)).records, ...(await readShard(kinesis, 'partial', 'shardId-000000000001')).records];
    expect(stored).toHaveLength(n - failed);
    expect(new Set(stored.map((r) => r.SequenceNumber))).toEqual(acknowledged);
  });

  it('injects each error type in the shape AWS sends it', async () => {
    const control = admin(engine);
    const body = JSON.stringify({ StreamName: 'shapes', ShardId: SHARD0, ShardIteratorType: 'LATEST' });
    const cases = [
      { type: 'InternalFailure', status: 500, body: { __type: 'InternalFailure' } },
      { type: 'ServiceUnavailable', status: 503, body: { __type: 'ServiceUnavailable' } },
      {
        type: 'ProvisionedThroughputExceeded',
        status: 400,
        body: { __type: 'ProvisionedThroughputExceededException', message: `Rate exceeded for shard ${SHARD0} in stream shapes under account ${ACCOUNT}.` },
      },
      {
        type: 'KMSThrottlingException',
        status: 400,
        body: { __type: 'KMSThrottlingException', message: `The request was denied due to request throttling of the KMS key of stream shapes under account ${ACCOUNT}.` },
      },
    ] as const;
    for (const c of cases) {
      await control.setFaults([{ Action: 'GetShardIterator', ErrorRate: 1, ErrorType: c.type }], { streamName: 'shapes' });
      const response = await raw(engine, 'Kinesis_20131202.GetShardIterator', body);
      expect(response.status).toBe(c.status);
      expect(response.json()).toEqual(c.body);
    }
    // Other streams and actions are untouched; clearing the stream's rules ends the faults.
    expect((await raw(engine, 'Kinesis_20131202.GetShardIterator', body.replace('shapes', 'calm'))).status).toBe(200);
    await control.setFaults([], { streamName: 'shapes' });
    expect((await raw(engine, 'Kinesis_20131202.GetShardIterator', body)).status).toBe(200);
    // The file's rules are still there, with its seed.
    const faults = await control.getFaults();
    expect(faults.Seed).toBe(20261128);
    expect(faults.Rules.map((r) => r.StreamName).sort()).toEqual(['flaky', 'partial', 'slow']);
  });

  it('compresses iterator expiry to N seconds for the stream', async () => {
    let now = Date.now();
    const clocked = await start({ clock: () => now, createStreams: ['expiry:1', 'calm:1'] });
    try {
      const kinesis = client(clocked, HANDLERS[0]);
      await admin(clocked).setFaults([{ StreamName: 'expiry', Action: 'GetRecords', IteratorExpirySeconds: 2 }]);
      const iterator = async (stream: string) =>
        (await kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: SHARD0, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
      const expiring = await iterator('expiry');
      const calm = await iterator('calm');
      await kinesis.send(new GetRecordsCommand({ ShardIterator: expiring })); // fresh: fine
      now += 2500;
      const expired = await failure(kinesis.send(new GetRecordsCommand({ ShardIterator: expiring })));
      expect(expired.name).toBe('ExpiredIteratorException');
      expect(expired.message).toMatch(/^Iterator expired\. The iterator was created at time .+ UTC \d{4} while right now it is .+ which is further in the future than the tolerated delay of 2000 milliseconds\.$/);
      await kinesis.send(new GetRecordsCommand({ ShardIterator: calm })); // the engine's 5 minutes still apply elsewhere
    } finally {
      await clocked.close();
    }
  });

  it('validates fault rules with the rules DSL, at run time and in the file', async () => {
    const response = await raw(engine, 'Shardscope_20261128.SetFaults', JSON.stringify({ Rules: [{ ErrorRate: 1.5, ErrorType: 'Boom' }] }));
    expect(response.status).toBe(400);
    expect(response.json()).toEqual({
      __type: 'ValidationException',
      message:
        "2 validation errors detected: Value '1.5' at 'rules.1.member.errorRate' failed to satisfy constraint: Member must have value less than or equal to 1; " +
        "Value 'Boom' at 'rules.1.member.errorType' failed to satisfy constraint: Member must satisfy enum value set: [InternalFailure, ServiceUnavailable, ProvisionedThroughputExceeded, KMSThrottlingException]",
    });
    const bad = join(dir.path, 'bad.json');
    writeFileSync(bad, JSON.stringify({ Rules: [{ LatencyMs: 'slow' }] }));
    await expect(start({ faults: bad })).rejects.toThrow(`--faults ${bad}: SerializationException: class java.lang.String can not be converted to an Integer`);
  });
});
