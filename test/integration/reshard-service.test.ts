// The reshard service against the local engine: the real SDK, the real dispatcher and client, an engine with a
// short status delay. Each goal is planned and executed; the default split point halves the observed records
// of a skewed shard; uniform scaling takes several calls; a run cancelled after its second step is resumed by a
// new service over the same settings store; a tail follows the stream while the service reshards it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evenHashRanges, partitionKeyHash } from '../../shared/domain/hashKey';
import type { ExecuteItem, ObserveItem, ReshardOperation } from '../../shared/contract/reshard';
import { sleep } from '../support/sleep';
import { createStream, put, tail } from '../support/tail-kit';
import { observe, openRanges, runItems, startProfileApp, startReshardKit, type ReshardKit } from '../support/reshard-kit';

let kit: ReshardKit;

beforeAll(async () => {
  kit = await startReshardKit();
});

afterAll(async () => {
  await kit?.close();
});

const even = (n: number) => evenHashRanges(n).map((r) => ({ start: r.StartingHashKey, end: r.EndingHashKey }));
/** Splits each of the first n shards of an n-shard stream in the middle. */
const halvingSplits = (n: number): ReshardOperation[] =>
  even(n).map((r, i) => ({ kind: 'split', shardId: `shardId-${String(i).padStart(12, '0')}`, newStartingHashKey: ((BigInt(r.start) + BigInt(r.end) + 1n) / 2n).toString() }));
const ranges = async (stream: string) => (await openRanges(kit.kinesis, stream)).map(({ start, end }) => ({ start, end }));

/** Keys whose hash falls in [from, to], found by counting up from `prefix`0. */
function keysIn(prefix: string, from: bigint, to: bigint, count: number): string[] {
  const keys: string[] = [];
  for (let i = 0; keys.length < count; i++) {
    const key = `${prefix}${i}`;
    const hash = partitionKeyHash(key);
    if (hash >= from && hash <= to) keys.push(key);
  }
  return keys;
}

async function planAndRun(stream: string, goal: object, observationId?: string) {
  const planned = await kit.client.call('reshard.plan', { stream, goal: goal as never, ...(observationId ? { observationId } : {}) });
  expect(planned.plan.problems).toEqual([]);
  const operations = planned.plan.calls.map((c) => c.operation);
  const { run } = await runItems(kit.client, 'reshard.execute', { stream, operations });
  expect(run.state).toBe('completed');
  expect(run.steps.every((s) => s.state === 'done')).toBe(true);
  return planned;
}

describe('uniform scaling', () => {
  it('scales 3 → 10 in two UpdateShardCount calls and 10 → 3 in two more, ending with even ranges', async () => {
    const stream = 'uniform';
    await createStream(kit.kinesis, stream, 3);
    const up = await planAndRun(stream, { kind: 'uniform', targetShardCount: 10 });
    expect(up.plan.calls.map((c) => c.request)).toEqual([
      { StreamName: stream, TargetShardCount: 6, ScalingType: 'UNIFORM_SCALING' },
      { StreamName: stream, TargetShardCount: 10, ScalingType: 'UNIFORM_SCALING' },
    ]);
    expect(up.stream.shardCountUpdatesLast24h).toBe(0);
    expect(await ranges(stream)).toEqual(even(10));
    const down = await planAndRun(stream, { kind: 'uniform', targetShardCount: 3 });
    expect(down.plan.calls.map((c) => c.openShardsAfter)).toEqual([5, 3]);
    expect(down.stream.shardCountUpdatesLast24h).toBe(2);
    expect(await ranges(stream)).toEqual(even(3));
    expect((await kit.client.call('reshard.plan', { stream, goal: { kind: 'uniform', targetShardCount: 4 } })).stream.shardCountUpdatesLast24h).toBe(4);
  });
});

describe('split a hot shard', () => {
  it('observes a hot key and splits where each side gets half the observed records (± 5 %)', async () => {
    const stream = 'hot';
    await createStream(kit.kinesis, stream, 1);
    const max = 2n ** 128n - 1n;
    // The hot key sits in the lowest eighth of the key space; the midpoint split would put 70 % below it.
    const [hot] = keysIn('hot-', 0n, max / 8n, 1);
    const cold = Array.from({ length: 600 }, (_, i) => `cold-${i}`);
    const written = [...Array.from({ length: 400 }, () => hot as string), ...cold];
    await put(kit.kinesis, stream, written.map((partitionKey, i) => ({ partitionKey, text: `r${i}` })));

    const items = await observe(kit.client, { stream });
    const shards = items.filter((i): i is Extract<ObserveItem, { type: 'shard' }> => i.type === 'shard');
    const done = items.at(-1);
    if (done?.type !== 'done') throw new Error('no done item');
    expect(done.source).toBe('engine-stats');
    expect(shards).toHaveLength(1);
    expect(shards[0]?.shard.records).toBe(1000);
    expect(shards[0]?.shard.topKeys[0]).toMatchObject({ partitionKey: hot, records: 400, sharePercent: 40 });

    const planned = await planAndRun(stream, { kind: 'split-hot', shardId: 'shardId-000000000000' }, done.observationId);
    const call = planned.plan.calls[0];
    if (call?.operation.kind !== 'split') throw new Error('not a split');
    const splitAt = BigInt(call.operation.newStartingHashKey);
    const below = written.filter((k) => partitionKeyHash(k) < splitAt).length / written.length;
    expect(below).toBeGreaterThanOrEqual(0.45);
    expect(below).toBeLessThanOrEqual(0.55);
    // The preview's projected loads say the same.
    const [lower, upper] = planned.plan.after;
    expect(lower?.load.recordsPerSecond).toBeCloseTo(upper?.load.recordsPerSecond ?? -1, -1);
    expect(await openRanges(kit.kinesis, stream)).toEqual([
      { shardId: 'shardId-000000000001', start: '0', end: (splitAt - 1n).toString() },
      { shardId: 'shardId-000000000002', start: splitAt.toString(), end: max.toString() },
    ]);
  });
});

describe('merge cold shards', () => {
  it('merges the adjacent pair that stays under the threshold and leaves the busy pair alone', async () => {
    const stream = 'cold';
    await createStream(kit.kinesis, stream, 4);
    const busy = evenHashRanges(4)[3];
    if (!busy) throw new Error('no range');
    const keys = keysIn('busy-', BigInt(busy.StartingHashKey), BigInt(busy.EndingHashKey), 50);
    await put(kit.kinesis, stream, Array.from({ length: 2000 }, (_, i) => ({ partitionKey: keys[i % keys.length] as string, text: `b${i}` })));
    const planned = await planAndRun(stream, { kind: 'merge-cold', thresholdPercent: 1 });
    expect(planned.plan.calls.map((c) => c.operation)).toEqual([{ kind: 'merge', shardId: 'shardId-000000000000', adjacentShardId: 'shardId-000000000001' }]);
    const r = even(4);
    expect(await openRanges(kit.kinesis, stream)).toEqual([
      { shardId: 'shardId-000000000004', start: r[0]?.start, end: r[1]?.end },
      { shardId: 'shardId-000000000002', ...r[2] },
      { shardId: 'shardId-000000000003', ...r[3] },
    ]);
  });
});

describe('custom sequence', () => {
  it('splits a shard and merges its children back, naming the children by the ids the plan predicted', async () => {
    const stream = 'custom';
    await createStream(kit.kinesis, stream, 2);
    const operations: ReshardOperation[] = [
      { kind: 'split', shardId: 'shardId-000000000000', newStartingHashKey: (2n ** 126n).toString() },
      { kind: 'merge', shardId: 'shardId-000000000002', adjacentShardId: 'shardId-000000000003' },
    ];
    const planned = await planAndRun(stream, { kind: 'custom', operations });
    expect(planned.plan.openShardsAfter).toBe(2);
    const r = even(2);
    // The merged child covers the first shard's range again, below the untouched second shard.
    expect(await openRanges(kit.kinesis, stream)).toEqual([
      { shardId: 'shardId-000000000004', ...r[0] },
      { shardId: 'shardId-000000000001', ...r[1] },
    ]);
  });

  it('refuses a plan whose steps do not fit the stream, before any call', async () => {
    const stream = 'refused';
    await createStream(kit.kinesis, stream, 2);
    const error = await runItems(kit.client, 'reshard.execute', { stream, operations: [{ kind: 'merge', shardId: 'shardId-000000000001', adjacentShardId: 'shardId-000000000000' }] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ValidationException' });
    expect((error as Error).message).toMatch(/not adjacent/);
    expect(await ranges(stream)).toEqual(even(2));
    expect((await kit.client.call('reshard.run', { stream })).run).toBeNull();
  });
});

describe('interrupted and resumed', () => {
  it('cancelled after step 2, keeps a record of what ran; a restarted service resumes the rest', async () => {
    const stream = 'resume';
    await createStream(kit.kinesis, stream, 4);
    const operations = halvingSplits(4);
    let cancelled: Promise<{ accepted: boolean }> | null = null;
    const first = await runItems(kit.client, 'reshard.execute', { stream, operations }, (item: ExecuteItem) => {
      // While step 2 is on its way, ask to cancel: the step in flight finishes, the run stops after it.
      if (item.type === 'step' && item.index === 1 && item.phase === 'calling' && !cancelled) cancelled = kit.client.call('reshard.cancel', { runId: item.runId });
    });
    expect(await cancelled).toEqual({ accepted: true });
    expect(first.run.state).toBe('cancelled');
    expect(first.run.steps.map((s) => s.state)).toEqual(['done', 'done', 'pending', 'pending']);
    expect(first.run.summary).toMatch(/^Ran 2 of 4: SplitShard shardId-000000000000 .*Left: SplitShard shardId-000000000002 .*Resume it from the Reshard screen \(or reshard\.resume with run /);
    expect(await openRanges(kit.kinesis, stream)).toHaveLength(6);

    await kit.restartService();
    const stored = (await kit.client.call('reshard.run', { stream })).run;
    expect(stored).toMatchObject({ runId: first.run.runId, state: 'cancelled' });
    const second = await runItems(kit.client, 'reshard.resume', { stream, runId: first.run.runId });
    expect(second.run.state).toBe('completed');
    const calls = second.items.filter((i) => i.type === 'step' && i.phase === 'calling').map((i) => (i.type === 'step' ? i.index : -1));
    expect(calls).toEqual([2, 3]);
    expect(await ranges(stream)).toEqual(even(8));
    await expect(kit.client.call('reshard.run', { stream })).resolves.toMatchObject({ run: { state: 'completed' } });
  });

  it('pauses after the current step and resumes in the same service', async () => {
    const stream = 'paused';
    await createStream(kit.kinesis, stream, 2);
    let paused: Promise<{ accepted: boolean }> | null = null;
    const first = await runItems(kit.client, 'reshard.execute', { stream, operations: halvingSplits(2) }, (item) => {
      if (item.type === 'step' && item.index === 0 && item.phase === 'calling' && !paused) paused = kit.client.call('reshard.pause', { runId: item.runId });
    });
    expect(await paused).toEqual({ accepted: true });
    expect(first.run).toMatchObject({ state: 'paused', steps: [{ state: 'done' }, { state: 'pending' }] });
    await expect(kit.client.call('reshard.pause', { runId: first.run.runId })).resolves.toEqual({ accepted: false });
    const second = await runItems(kit.client, 'reshard.resume', { stream, runId: first.run.runId });
    expect(second.run.state).toBe('completed');
    expect(await ranges(stream)).toEqual(even(4));
    await expect(runItems(kit.client, 'reshard.resume', { stream, runId: first.run.runId })).rejects.toMatchObject({ code: 'RunCompleted' });
  });

  it('takes an unsubscribe as a cancel after the current step', async () => {
    const stream = 'walked-away';
    await createStream(kit.kinesis, stream, 3);
    const operations = halvingSplits(3);
    const handle = kit.client.subscribe('reshard.execute', { stream, operations }, {
      onBatch: (batch) => {
        if (batch.some((i) => i.type === 'step' && i.index === 0 && i.phase === 'calling')) handle.unsubscribe();
      },
      onEnd: () => undefined,
    });
    let run = (await kit.client.call('reshard.run', { stream })).run;
    for (let i = 0; i < 100 && (!run || run.state === 'running'); i++) {
      await sleep(50);
      run = (await kit.client.call('reshard.run', { stream })).run;
    }
    expect(run?.state).toBe('cancelled');
    expect(run?.steps.map((s) => s.state)).toEqual(['done', 'pending', 'pending']);
    expect(await openRanges(kit.kinesis, stream)).toHaveLength(4);
  });
});

describe('the tail during a reshard', () => {
  it('follows the stream while the service scales it: records written before and after arrive', async () => {
    const stream = 'tailed';
    await createStream(kit.kinesis, stream, 2);
    const t = tail(kit.tail.client, { stream, start: { type: 'TRIM_HORIZON' }, statusIntervalMs: 250 });
    const batch = (name: string) => Array.from({ length: 50 }, (_, i) => ({ partitionKey: `k${i % 7}`, text: `${name}-${i}` }));
    const before = await put(kit.kinesis, stream, batch('before'));
    await t.until(() => t.rows().length >= 50);
    await planAndRun(stream, { kind: 'uniform', targetShardCount: 4 });
    const after = await put(kit.kinesis, stream, batch('after'));
    await t.until(() => t.rows().length >= 100);
    t.handle.unsubscribe();
    const seen = t.rows().map((r) => `${r.shardId}/${r.sequenceNumber}`).sort();
    expect(seen).toEqual([...before, ...after].map((p) => `${p.shardId}/${p.sequenceNumber}`).sort());
    expect(new Set(after.map((p) => p.shardId)).size).toBeGreaterThan(1);
    expect(after.every((p) => !['shardId-000000000000', 'shardId-000000000001'].includes(p.shardId))).toBe(true);
  });
});

describe('AWS paths', () => {
  it('samples the shards through a custom endpoint (with progress) and splits the hot shard from the sample', async () => {
    const stream = 'sampled';
    await createStream(kit.kinesis, stream, 1);
    const [hot] = keysIn('hot-', 2n ** 127n + 2n ** 126n, 2n ** 128n - 1n, 1);
    const written = [...Array.from({ length: 300 }, () => hot as string), ...Array.from({ length: 700 }, (_, i) => `cold-${i}`)];
    await put(kit.kinesis, stream, written.map((partitionKey, i) => ({ partitionKey, text: `r${i}` })));
    const custom = kit.tail.manager.addCustom({ name: 'engine as an endpoint', endpoint: kit.tail.engine.endpoint, region: 'us-east-1', credentials: { type: 'static', accessKeyId: 'AKIDCUSTOM', secretAccessKey: 'custom-secret' } });
    await kit.tail.manager.switchTo(custom.id);
    try {
      const items = await observe(kit.client, { stream, sampleMinutes: 5, maxRecordsPerShard: 5000 });
      const progress = items.filter((i) => i.type === 'progress');
      expect(progress.length).toBeGreaterThan(0);
      expect(progress.at(-1)).toMatchObject({ shardsDone: 1, shardsTotal: 1, recordsRead: 1000, fraction: 1 });
      const shard = items.find((i) => i.type === 'shard');
      expect(shard?.type === 'shard' && shard.shard).toMatchObject({ sampledRecords: 1000, records: 1000 });
      const done = items.at(-1);
      if (done?.type !== 'done') throw new Error('no done item');
      expect(done).toMatchObject({ source: 'sample', windowSeconds: 300 });

      const planned = await kit.client.call('reshard.plan', { stream, goal: { kind: 'split-hot', shardId: 'shardId-000000000000' }, observationId: done.observationId });
      expect(planned.plan.problems).toEqual([]);
      expect(planned.stream.shardCountUpdatesLast24h).toBeNull();
      expect(planned.notes.join(' ')).toMatch(/does not report how many UpdateShardCount calls/);
      const op = planned.plan.calls[0]?.operation;
      if (op?.kind !== 'split') throw new Error('not a split');
      const below = written.filter((k) => partitionKeyHash(k) < BigInt(op.newStartingHashKey)).length / written.length;
      expect(below).toBeGreaterThanOrEqual(0.45);
      expect(below).toBeLessThanOrEqual(0.55);
      const { run } = await runItems(kit.client, 'reshard.execute', { stream, operations: [op] });
      expect(run.state).toBe('completed');
      expect(await openRanges(kit.kinesis, stream)).toHaveLength(2);
    } finally {
      await kit.tail.manager.switchTo('local');
      await kit.tail.manager.removeCustom({ id: custom.id });
    }
  });

  it('asks an AWS profile connection for the account and the stream name before anything is read or changed', async () => {
    const app = await startProfileApp(kit);
    try {
      const operations = [{ kind: 'scale', targetShardCount: 2 }];
      await expect(runItems(app.client, 'reshard.execute', { stream: 'aws-stream', operations })).rejects.toMatchObject({ code: 'ConfirmationRequired', message: expect.stringContaining('account id and the stream name') });
      await expect(runItems(app.client, 'reshard.execute', { stream: 'aws-stream', operations, confirm: { accountId: '123456789012', streamName: 'other' } })).rejects.toMatchObject({ code: 'ConfirmationMismatch' });
      await expect(runItems(app.client, 'reshard.resume', { stream: 'aws-stream', runId: 'r' })).rejects.toMatchObject({ code: 'ConfirmationRequired' });
    } finally {
      app.close();
    }
  });
});
