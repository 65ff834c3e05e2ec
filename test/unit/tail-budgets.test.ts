// The tailer's pacing and bookkeeping, on a hand-driven clock: the read budget (5 calls/s, 2 MiB/s, back-off
// on throttling, the caught-up poll grid), the per-shard write limiter (1 MiB/s, 1,000 records/s), routing to
// target shards, the merge order, and the lineage rule that a child starts only after its parents are drained.
import { describe, expect, it } from 'vitest';
import { Lineage } from '../../main/services/tail/lineage';
import { MergeHeap } from '../../main/services/tail/mergeHeap';
import { ReadBudget } from '../../main/services/tail/readBudget';
import { RowStore } from '../../main/services/tail/rowStore';
import { ShardRouter } from '../../main/services/tail/shardRouter';
import { WriteLimiter } from '../../main/services/tail/writeLimiter';
import { evenHashRanges, partitionKeyHash, rangeContains } from '../../shared/domain/hashKey';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('ReadBudget', () => {
  it('holds calls to its share per second and bytes to 2 MiB/s', () => {
    const c = clock();
    const b = new ReadBudget(5, 2 * 1024 * 1024, c.now);
    for (let i = 0; i < 5; i++) {
      expect(b.delayMs()).toBe(0);
      b.called();
      b.succeeded(1000);
      c.advance(10);
    }
    expect(b.delayMs()).toBe(1000 - 50);
    expect(b.usage()).toEqual({ callsPerSecond: 5, bytesPerSecond: 5000 });
    c.advance(1000);
    expect(b.delayMs()).toBe(0);
    b.called();
    b.succeeded(3 * 1024 * 1024);
    expect(b.delayMs()).toBe(1000);
  });

  it('puts caught-up polls on one grid for every reader, ticks 210 ms apart at 5 calls/s, never ahead of the budget', () => {
    const c = clock(1_000_000); // 1,000,000 = 4,761 × 210 + 190
    const a = new ReadBudget(5, undefined, c.now);
    const b = new ReadBudget(5, undefined, c.now);
    expect(a.untilNextTick(200)).toBe(20);
    c.advance(7);
    expect(b.untilNextTick(200)).toBe(13); // the same tick, from another reader
    c.advance(13);
    expect(a.untilNextTick(200)).toBe(210); // on a tick: the next one
    expect(new ReadBudget(4, undefined, c.now).untilNextTick(250)).toBe(263 - (1_000_020 % 263)); // 250 × 1.05, rounded up
    expect(new ReadBudget(5, undefined, c.now).untilNextTick(1000)).toBe(1000 - (1_000_020 % 1000));
    for (let i = 0; i < 5; i++) {
      a.called();
      c.advance(1);
    }
    // Five calls within the last second: the next tick is too early, the budget decides.
    expect(a.untilNextTick(200)).toBe(a.delayMs());
    expect(a.delayMs()).toBe(995);
  });

  it('backs off exponentially on throttling, with jitter, and resets after a success', () => {
    const b = new ReadBudget(5, undefined, clock().now);
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6].map(() => b.throttled(mid))).toEqual([200, 400, 800, 1600, 3200, 5000]);
    expect(b.throttles).toBe(6);
    b.succeeded(0);
    expect(b.throttled(() => 0)).toBe(150);
  });
});

describe('WriteLimiter', () => {
  it('lets a second of records through, then paces at 1,000 records/s per shard', () => {
    const c = clock();
    const l = new WriteLimiter(undefined, undefined, c.now);
    for (let i = 0; i < 1000; i++) expect(l.take('s0', 10)).toBe(0);
    expect(l.take('s0', 10)).toBe(1);
    expect(l.take('s1', 10)).toBe(0); // another shard has its own budget
    c.advance(1);
    expect(l.take('s0', 10)).toBe(0);
  });

  it('paces bytes at 1 MiB/s', () => {
    const c = clock();
    const l = new WriteLimiter(undefined, undefined, c.now);
    expect(l.take('s0', 768 * 1024)).toBe(0);
    expect(l.take('s0', 512 * 1024)).toBe(250);
    c.advance(250);
    expect(l.take('s0', 512 * 1024)).toBe(0);
  });
});

describe('ShardRouter', () => {
  it('routes a key to the open shard whose range holds its MD5, like Kinesis', () => {
    const ranges = evenHashRanges(4);
    const shards = ranges.map((r, i) => ({ ShardId: `shardId-00000000000${i}`, HashKeyRange: r, SequenceNumberRange: { StartingSequenceNumber: '1' } }));
    const router = new ShardRouter(shards);
    for (const key of ['a', 'user-42', 'zzz', '日本']) {
      const expected = shards.find((s) => rangeContains(s.HashKeyRange, partitionKeyHash(key)))?.ShardId;
      expect(router.route(key, null)).toBe(expected);
    }
    expect(router.route('ignored', '0')).toBe('shardId-000000000000');
    const closed = [{ ShardId: 'shardId-000000000000', HashKeyRange: ranges[0], SequenceNumberRange: { StartingSequenceNumber: '1', EndingSequenceNumber: '2' } }];
    expect(new ShardRouter(closed).route('a', null)).toBeNull();
  });
});

describe('merge order and lineage', () => {
  it('orders by arrival, then shard id, then sequence number as a number', () => {
    const heap = new MergeHeap();
    const rec = (arrivalMs: number, shardId: string, sequenceNumber: string) => ({ record: { arrivalMs, shardId, sequenceNumber, partitionKey: '', bytes: 0, data: new Uint8Array() }, readAt: 0 });
    for (const r of [rec(5, 'b', '10'), rec(5, 'a', '9'), rec(1, 'z', '1'), rec(5, 'a', '100'), rec(5, 'a', '11')]) heap.push(r);
    const out: string[] = [];
    for (let h = heap.pop(); h; h = heap.pop()) out.push(`${h.record.arrivalMs}/${h.record.shardId}/${h.record.sequenceNumber}`);
    expect(out).toEqual(['1/z/1', '5/a/9', '5/a/11', '5/a/100', '5/b/10']);
  });

  it('starts a merged child once both parents are drained, exactly once', () => {
    const lineage = new Lineage([
      { shardId: 'p', parents: [], open: false },
      { shardId: 'c1', parents: ['p'], open: false },
      { shardId: 'c2', parents: ['p'], open: false },
      { shardId: 'm', parents: ['c1', 'c2'], open: true },
    ]);
    expect(lineage.plan(['p', 'c1', 'c2', 'm'], false)).toEqual({ start: ['p'], waiting: ['c1', 'c2', 'm'] });
    expect(lineage.drained('p', [{ shardId: 'c1', parentShards: ['p'] }, { shardId: 'c2', parentShards: ['p'] }])).toEqual(['c1', 'c2']);
    expect(lineage.drained('c1', [{ shardId: 'm', parentShards: ['c1', 'c2'] }])).toEqual([]);
    expect(lineage.active).toBe(true);
    expect(lineage.drained('c2', [{ shardId: 'm', parentShards: ['c1', 'c2'] }])).toEqual(['m']);
    expect(lineage.drained('m', [])).toEqual([]);
    expect(lineage.active).toBe(false);
  });

  it('LATEST reads only open shards', () => {
    const lineage = new Lineage([
      { shardId: 'p', parents: [], open: false },
      { shardId: 'c', parents: ['p'], open: true },
    ]);
    expect(lineage.plan(['p', 'c'], true)).toEqual({ start: ['c'], waiting: [] });
  });
});

describe('RowStore', () => {
  it('keeps the newest rows, and drops the oldest rows’ data past its byte budget', () => {
    const store = new RowStore(3, 10);
    const row = (i: number) => ({ id: `r${i}`, shardId: 's', sequenceNumber: String(i), subIndex: 0, subCount: 1, arrivalMs: i, partitionKey: 'k', explicitHashKey: null, chain: [], decodeError: null, data: new Uint8Array(4) });
    for (let i = 0; i < 5; i++) store.add(row(i));
    expect([...store.all()].map((r) => [r.id, r.data === null])).toEqual([
      ['r2', true],
      ['r3', false],
      ['r4', false],
    ]);
    expect(store.dropped).toBe(2);
    expect(store.get('r0')).toBeUndefined();
  });
});
