// The composer and the data generator against the local engine, through the real dispatcher and SDK: records
// are read back with GetRecords, generator counts must add up and every acknowledged record must be readable.
import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, type KinesisClient, type _Record } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeneratorStatus } from '../../shared/contract/producers';
import { collect, startServicesKit, type ServicesKit } from '../support/services-kit';
import { sleep } from '../support/sleep';

describe('producers on the local engine', () => {
  let kit: ServicesKit;
  let kinesis: KinesisClient;

  beforeAll(async () => {
    kit = await startServicesKit({ config: '[profile prod]\nregion = eu-west-1\n', credentials: '[prod]\naws_access_key_id = AKIAPRODFIXTURE00001\naws_secret_access_key = prod-fixture-secret\n' });
    kinesis = kit.manager.clients().kinesis;
    for (const [name, shardCount] of [['composer', 2], ['gen', 3], ['gen-b', 1], ['gen-c', 1]] as const) {
      await kit.client.call('streams.create', { name, capacity: { mode: 'PROVISIONED', shardCount } });
    }
  });
  afterAll(async () => kit?.close());

  async function readAll(stream: string): Promise<_Record[]> {
    const shards = (await kinesis.send(new ListShardsCommand({ StreamName: stream }))).Shards ?? [];
    const records: _Record[] = [];
    for (const shard of shards) {
      let iterator = (await kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
      while (iterator) {
        const out = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
        records.push(...(out.Records ?? []));
        if ((out.Records ?? []).length === 0 && out.MillisBehindLatest === 0) break;
        iterator = out.NextShardIterator;
      }
    }
    return records;
  }

  const text = (r: { Data?: Uint8Array | undefined }) => Buffer.from(r.Data ?? new Uint8Array()).toString('utf8');

  it('puts single records as text, JSON and base64, with a partition key or an explicit hash key', async () => {
    const a = await kit.client.call('producers.put', { stream: 'composer', partitionKey: 'k1', data: { format: 'text', value: 'héllo' } });
    const b = await kit.client.call('producers.put', { stream: 'composer', partitionKey: 'k2', data: { format: 'json', value: '{"a": [1, 2]}' } });
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const c = await kit.client.call('producers.put', { stream: 'composer', partitionKey: 'k3', data: { format: 'base64', value: bytes.toString('base64') } });
    const d = await kit.client.call('producers.put', { stream: 'composer', explicitHashKey: '0', data: { format: 'text', value: 'low' } });
    for (const r of [a, b, c, d]) expect(r).toMatchObject({ shardId: expect.stringMatching(/^shardId-/), sequenceNumber: expect.stringMatching(/^\d+$/) });
    expect(d.shardId).toBe('shardId-000000000000');

    const records = await readAll('composer');
    const bySeq = new Map(records.map((r) => [r.SequenceNumber, r]));
    expect(text(bySeq.get(a.sequenceNumber) ?? {})).toBe('héllo');
    expect(text(bySeq.get(b.sequenceNumber) ?? {})).toBe('{"a": [1, 2]}'); // sent as typed
    expect(Buffer.from(bySeq.get(c.sequenceNumber)?.Data ?? new Uint8Array())).toEqual(bytes);
    expect(bySeq.get(d.sequenceNumber)?.PartitionKey).toBe('0');
  });

  it('refuses invalid JSON, invalid base64 and a record without a key, writing nothing', async () => {
    const count = (await readAll('composer')).length;
    await expect(kit.client.call('producers.put', { stream: 'composer', partitionKey: 'k', data: { format: 'json', value: '{"a": }' } })).rejects.toMatchObject({
      code: 'ValidationException',
      message: expect.stringMatching(/^data is not valid JSON: /),
    });
    await expect(kit.client.call('producers.put', { stream: 'composer', partitionKey: 'k', data: { format: 'base64', value: 'abc$' } })).rejects.toMatchObject({
      code: 'ValidationException',
      message: expect.stringContaining('not valid base64'),
    });
    await expect(kit.client.call('producers.put', { stream: 'composer', data: { format: 'text', value: 'x' } })).rejects.toMatchObject({ code: 'ValidationException' });
    await expect(
      kit.client.call('producers.putBatch', {
        stream: 'composer',
        records: [
          { partitionKey: 'ok', data: { format: 'text', value: 'fine' } },
          { partitionKey: 'bad', data: { format: 'json', value: '[1,' } },
        ],
      }),
    ).rejects.toMatchObject({ code: 'ValidationException', message: expect.stringMatching(/^records\[1\]\.data is not valid JSON/) });
    await expect(kit.client.call('producers.put', { stream: 'no-such-stream', partitionKey: 'k', data: { format: 'text', value: 'x' } })).rejects.toMatchObject({
      code: 'ResourceNotFoundException',
    });
    expect(await readAll('composer')).toHaveLength(count);
  });

  it('sends a batch with PutRecords and gives each record its shard and sequence number', async () => {
    const records = Array.from({ length: 12 }, (_, i) => ({ partitionKey: `batch-${i}`, data: { format: 'json' as const, value: JSON.stringify({ i }) } }));
    const result = await kit.client.call('producers.putBatch', { stream: 'composer', records: [...records, { explicitHashKey: (2n ** 127n).toString(), data: { format: 'text', value: 'high' } }] });
    expect(result.failedCount).toBe(0);
    expect(result.results).toHaveLength(13);
    const stored = new Map((await readAll('composer')).map((r) => [r.SequenceNumber, r]));
    for (const [index, entry] of result.results.entries()) {
      if (!entry.ok) throw new Error(`record ${index} failed: ${entry.errorCode}`);
      expect(entry.index).toBe(index);
      const route = await kit.client.call('streams.route', index < 12 ? { name: 'composer', partitionKey: `batch-${index}` } : { name: 'composer', explicitHashKey: (2n ** 127n).toString() });
      expect(entry.shardId).toBe(route.shardId);
      expect(text(stored.get(entry.sequenceNumber) ?? {})).toBe(index < 12 ? JSON.stringify({ i: index }) : 'high');
    }
  });

  it('runs a generator for about 2 s at a rate: counts add up and every acknowledged record is readable', async () => {
    const started = await kit.client.call('generator.start', { stream: 'gen', shape: { kind: 'iot' }, ratePerSecond: 150, durationMs: 2000, keys: { kind: 'zipf', keyCount: 50, exponent: 1.2 } });
    expect(started).toMatchObject({ stream: 'gen', state: 'running', connectionId: 'local', shape: 'iot' });
    const progress = await collect<GeneratorStatus>((h) => kit.client.subscribe('generator.progress', { id: started.id, intervalMs: 250 }, h));
    expect(progress.length).toBeGreaterThan(2);
    const final = progress.at(-1);
    if (!final) throw new Error('no progress');
    expect(final).toMatchObject({ id: started.id, state: 'stopped', stopReason: 'completed', inFlight: 0, lastError: null });
    expect(final.sent).toBeGreaterThan(0);
    expect(final.acknowledged + final.failed).toBe(final.sent);
    for (let i = 1; i < progress.length; i++) expect(progress[i]?.sent).toBeGreaterThanOrEqual(progress[i - 1]?.sent ?? 0);

    const records = await readAll('gen');
    expect(records).toHaveLength(final.acknowledged);
    const devices = new Map<string, number>();
    for (const r of records) {
      const reading = JSON.parse(text(r)) as { deviceId: string; temperatureC: number };
      expect(r.PartitionKey).toBe(reading.deviceId);
      devices.set(reading.deviceId, (devices.get(reading.deviceId) ?? 0) + 1);
    }
    // Skewed keys: the hottest device (rank 1) gets more records than the coldest seen.
    expect(devices.get('device-0') ?? 0).toBeGreaterThan(Math.min(...devices.values()));
  });

  it('runs a JSON template to an exact record count, and explains a broken template', async () => {
    const template = '{"n": {{seq}}, "id": "{{uuid}}", "v": {{int 1 6}}, "kind": "{{pick a b}}", "key": "{{key}}", "at": {{now}}}';
    const preview = await kit.client.call('generator.preview', { shape: { kind: 'template', template }, count: 3, seed: 7 });
    expect(preview.records.map((r) => (JSON.parse(r.text) as { n: number }).n)).toEqual([1, 2, 3]);
    await expect(kit.client.call('generator.preview', { shape: { kind: 'template', template: '{"a": {{rand}}}' } })).rejects.toMatchObject({
      code: 'ValidationException',
      message: 'Unknown placeholder {{rand}} at character 7. Known: int, float, bool, pick, seq, now, iso, uuid, key.',
    });
    await expect(kit.client.call('generator.start', { stream: 'gen-b', shape: { kind: 'template', template: '{"a": {{pick x y}}}' }, ratePerSecond: 10 })).rejects.toMatchObject({
      code: 'ValidationException',
      message: expect.stringContaining('does not give valid JSON'),
    });

    const started = await kit.client.call('generator.start', { stream: 'gen-b', shape: { kind: 'template', template }, ratePerSecond: 2000, maxRecords: 700, seed: 1 });
    await kit.generators.done(started.id);
    const final = await kit.client.call('generator.stop', { id: started.id });
    expect(final).toMatchObject({ state: 'stopped', stopReason: 'completed', sent: 700, acknowledged: 700, failed: 0 });
    const values = (await readAll('gen-b')).map((r) => JSON.parse(text(r)) as { n: number; key: string });
    expect(values.map((v) => v.n).sort((x, y) => x - y)).toEqual(Array.from({ length: 700 }, (_, i) => i + 1));
  });

  it('runs several generators at once, stops one on request, and counts failures', async () => {
    const a = await kit.client.call('generator.start', { stream: 'gen-c', shape: { kind: 'clickstream' }, ratePerSecond: 100 });
    const b = await kit.client.call('generator.start', { stream: 'gen-c', shape: { kind: 'logs' }, ratePerSecond: 100 });
    const lost = await kit.client.call('generator.start', { stream: 'does-not-exist', shape: { kind: 'logs' }, ratePerSecond: 500 });
    expect(new Set([a.id, b.id, lost.id]).size).toBe(3);
    const running = (await kit.client.call('generator.list', {})).generators.filter((g) => g.state === 'running').map((g) => g.id);
    expect(running).toEqual(expect.arrayContaining([a.id, b.id]));

    const failed = await collect<GeneratorStatus>((h) => kit.client.subscribe('generator.progress', { id: lost.id }, h));
    expect(failed.at(-1)).toMatchObject({ state: 'failed', stopReason: 'error', acknowledged: 0, lastError: { code: 'ResourceNotFoundException' } });
    expect(failed.at(-1)?.failed).toBe(failed.at(-1)?.sent);

    const stoppedA = await kit.client.call('generator.stop', { id: a.id });
    expect(stoppedA).toMatchObject({ state: 'stopped', stopReason: 'requested', inFlight: 0 });
    expect(stoppedA.acknowledged + stoppedA.failed).toBe(stoppedA.sent);
    expect(kit.generators.status(b.id).state).toBe('running');
    const stoppedB = await kit.client.call('generator.stop', { id: b.id });
    const shapes = (await readAll('gen-c')).map((r) => Object.keys(JSON.parse(text(r)) as object).includes('eventType'));
    expect(shapes.filter(Boolean)).toHaveLength(stoppedA.acknowledged);
    expect(shapes.filter((s) => !s)).toHaveLength(stoppedB.acknowledged);
    await expect(kit.client.call('generator.stop', { id: 'nope' })).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
  });

  it('stops every generator when the connection changes, and asks AWS connections to name the account', async () => {
    const g = await kit.client.call('generator.start', { stream: 'gen-c', shape: { kind: 'iot' }, ratePerSecond: 200 });
    const progress = collect<GeneratorStatus>((h) => kit.client.subscribe('generator.progress', { id: g.id }, h));
    await sleep(300);
    await kit.manager.switchTo('profile:prod');
    const final = (await progress).at(-1);
    expect(final).toMatchObject({ state: 'stopped', stopReason: 'connection-changed', inFlight: 0 });
    expect((final?.acknowledged ?? 0) + (final?.failed ?? 0)).toBe(final?.sent);

    const before = (await kit.client.call('generator.list', {})).generators.length;
    await expect(kit.client.call('generator.start', { stream: 'gen-c', shape: { kind: 'iot' }, ratePerSecond: 10 })).rejects.toMatchObject({
      code: 'ConfirmationRequired',
      message: expect.stringContaining('confirmAccountId'),
    });
    expect((await kit.client.call('generator.list', {})).generators).toHaveLength(before);
    await kit.manager.switchTo('local');
  });
});
