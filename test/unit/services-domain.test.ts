// The pure helpers behind the stream browser and the generator: lineage layout, key routing, tag diffs,
// templates, key distributions and the composer's data checks.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRecordSource } from '../../shared/domain/generatedRecords';
import { evenHashRanges, MAX_HASH_KEY } from '../../shared/domain/hashKey';
import { createKeyPicker } from '../../shared/domain/keyDistribution';
import { routeKey } from '../../shared/domain/keyRouting';
import { createRandom } from '../../shared/domain/random';
import { compileTemplate, TemplateError } from '../../shared/domain/recordTemplate';
import { lineageGraph, shardTable, type ShardLike } from '../../shared/domain/shardLineage';
import { chunks, diffTags } from '../../shared/domain/tagDiff';
import { recordBytes } from '../../main/services/producers/recordPayload';

function shard(id: number, range: { StartingHashKey: string; EndingHashKey: string }, parents: number[] = [], closed = false): ShardLike {
  const name = (n: number) => `shardId-${String(n).padStart(12, '0')}`;
  return {
    ShardId: name(id),
    ParentShardId: parents[0] === undefined ? undefined : name(parents[0]),
    AdjacentParentShardId: parents[1] === undefined ? undefined : name(parents[1]),
    HashKeyRange: range,
    SequenceNumberRange: { StartingSequenceNumber: `${id}00`, EndingSequenceNumber: closed ? `${id}99` : undefined },
  };
}

describe('shards table and lineage', () => {
  const [low, high] = evenHashRanges(2);
  const quarter = ((1n << 128n) / 4n).toString();
  if (!low || !high) throw new Error('ranges');
  // 0 splits into 2 and 3; 3 and 1 merge into 4. Shard 9's parent (8) was trimmed away.
  const shards = [
    shard(4, { StartingHashKey: quarter, EndingHashKey: MAX_HASH_KEY.toString() }, [3, 1]),
    shard(0, low, [], true),
    shard(1, high, [], true),
    shard(2, { StartingHashKey: '0', EndingHashKey: (BigInt(quarter) - 1n).toString() }, [0]),
    shard(3, { StartingHashKey: quarter, EndingHashKey: low.EndingHashKey }, [0], true),
  ];

  it('orders rows by key space and computes shares and offsets', () => {
    const rows = shardTable(shards);
    expect(rows.map((r) => r.shardId.slice(-1))).toEqual(['0', '2', '3', '4', '1']);
    expect(rows.find((r) => r.shardId.endsWith('4'))).toMatchObject({ sharePercent: 75, offsetPercent: 25, open: true, endingSequenceNumber: null, parentShardId: 'shardId-000000000003', adjacentParentShardId: 'shardId-000000000001' });
    expect(rows.find((r) => r.shardId.endsWith('1'))).toMatchObject({ open: false, endingSequenceNumber: '199', offsetPercent: 50 });
  });

  it('layers generations from the roots, with parent and adjacent-parent edges', () => {
    const graph = lineageGraph(shardTable(shards));
    const at = Object.fromEntries(graph.nodes.map((n) => [n.shardId.slice(-1), [n.generation, n.index]]));
    expect(at).toEqual({ 0: [0, 0], 1: [0, 1], 2: [1, 0], 3: [1, 1], 4: [2, 0] });
    expect(graph.generations).toBe(3);
    expect(graph.edges.map((e) => `${e.from.slice(-1)}>${e.to.slice(-1)}:${e.kind}`).sort()).toEqual(['0>2:parent', '0>3:parent', '1>4:adjacent-parent', '3>4:parent']);
    const orphan = lineageGraph(shardTable([shard(9, low, [8])]));
    expect(orphan).toMatchObject({ generations: 1, edges: [], nodes: [{ generation: 0 }] });
  });

  it('routes a partition key by MD5 to the open shard holding its hash key', () => {
    const rows = shardTable(shards);
    for (const key of ['a', 'user-17', 'ümlaut', '']) {
      const route = routeKey(rows, { partitionKey: key });
      const hex = createHash('md5').update(key, 'utf8').digest('hex');
      const hashKey = BigInt(`0x${hex}`);
      expect(route).toMatchObject({ md5Hex: hex, hashKey: hashKey.toString(), partitionKey: key });
      expect(route.shardId).toBe(hashKey < BigInt(quarter) ? 'shardId-000000000002' : 'shardId-000000000004');
    }
    expect(routeKey(rows, { partitionKey: 'x', explicitHashKey: '0' })).toMatchObject({ md5Hex: null, hashKey: '0', shardId: 'shardId-000000000002', positionPercent: 0 });
    expect(routeKey([], { explicitHashKey: '5' }).shardId).toBeNull();
  });
});

describe('tag diffs', () => {
  it('adds, updates and removes', () => {
    expect(diffTags({ a: '1', b: '2', c: '3' }, { a: '1', b: '20', d: '4' })).toEqual({ added: ['d'], updated: ['b'], removed: ['c'], toSet: { b: '20', d: '4' } });
    expect(diffTags({}, {})).toEqual({ added: [], updated: [], removed: [], toSet: {} });
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});

describe('record templates', () => {
  const ctx = (index: number) => ({ random: createRandom(3), index, now: Date.UTC(2024, 4, 1, 12), key: 'key-7' });

  it('fills every placeholder', () => {
    const t = compileTemplate('{{seq}}|{{seq 100}}|{{now}}|{{iso}}|{{key}}|{{int 5 5}}|{{float 1 1 3}}|{{pick "New York"}}|{{bool}}|{{uuid}}');
    const parts = t.render(ctx(4)).split('|');
    expect(parts.slice(0, 8)).toEqual(['5', '104', String(Date.UTC(2024, 4, 1, 12)), '2024-05-01T12:00:00.000Z', 'key-7', '5', '1.000', 'New York']);
    expect(['true', 'false']).toContain(parts[8]);
    expect(parts[9]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(compileTemplate('no placeholders').render(ctx(0))).toBe('no placeholders');
  });

  it('keeps random values within their bounds', () => {
    const t = compileTemplate('{{int -3 3}} {{float 0.5 1.5 1}}');
    const random = createRandom(11);
    for (let i = 0; i < 500; i++) {
      const [n, f] = t.render({ ...ctx(i), random }).split(' ').map(Number);
      expect(n).toBeGreaterThanOrEqual(-3);
      expect(n).toBeLessThanOrEqual(3);
      expect(f).toBeGreaterThanOrEqual(0.5);
      expect(f).toBeLessThanOrEqual(1.5);
    }
  });

  it('says what is wrong and where', () => {
    const cases: [string, string][] = [
      ['{"a": {{int 1}}}', '{{int}} at character 7 takes 2 argument(s), got 1.'],
      ['{{int 5 1}}', '{{int MIN MAX}} at character 1 needs integers with MIN <= MAX.'],
      ['x {{float a 2}}', 'The placeholder at character 3 needs a number for MIN, got "a".'],
      ['{{pick}}', '{{pick}} at character 1 needs at least one word to pick from.'],
      ['ab {{now', 'The placeholder opened at character 4 is never closed with }}.'],
      ['{{uuid 4}}', '{{uuid}} at character 1 takes 0 argument(s), got 1.'],
      ['{{}}', 'Unknown placeholder {{}} at character 1. Known: int, float, bool, pick, seq, now, iso, uuid, key.'],
    ];
    for (const [template, message] of cases) expect(() => compileTemplate(template)).toThrow(new TemplateError(message));
  });

  it('checks that a JSON template renders JSON, and repeats from a seed', () => {
    expect(() => createRecordSource({ kind: 'template', template: '{"a": {{pick x}}}', format: 'json' }, { kind: 'uniform', keyCount: 1 })).toThrow(/does not give valid JSON/);
    expect(createRecordSource({ kind: 'template', template: 'a={{pick x}}', format: 'text' }, { kind: 'uniform', keyCount: 1 })(0)).toEqual({ partitionKey: 'key-0', text: 'a=x' });
    const make = () => createRecordSource({ kind: 'clickstream' }, { kind: 'zipf', keyCount: 100, exponent: 1 }, 42);
    const [a, b] = [make(), make()];
    for (let i = 0; i < 20; i++) expect(a(1000)).toEqual(b(1000));
  });
});

describe('key distributions', () => {
  function histogram(spec: Parameters<typeof createKeyPicker>[0], draws: number): number[] {
    const pick = createKeyPicker(spec, createRandom(99));
    const counts = new Array<number>(spec.keyCount).fill(0);
    for (let i = 0; i < draws; i++) {
      const k = pick();
      counts[k] = (counts[k] ?? 0) + 1;
    }
    return counts;
  }

  it('zipf skews toward the first keys as documented; uniform does not', () => {
    const draws = 200_000;
    const zipf1 = histogram({ kind: 'zipf', keyCount: 1000, exponent: 1 }, draws);
    expect((zipf1[0] ?? 0) / draws).toBeGreaterThan(0.12);
    expect((zipf1[0] ?? 0) / draws).toBeLessThan(0.145);
    const zipf2 = histogram({ kind: 'zipf', keyCount: 1000, exponent: 2 }, draws);
    expect((zipf2[0] ?? 0) / draws).toBeGreaterThan(0.59);
    expect((zipf2[0] ?? 0) / draws).toBeLessThan(0.63);
    const uniform = histogram({ kind: 'uniform', keyCount: 10 }, draws);
    for (const n of uniform) expect(Math.abs(n / draws - 0.1)).toBeLessThan(0.01);
    const flat = histogram({ kind: 'zipf', keyCount: 10, exponent: 0 }, draws);
    for (const n of flat) expect(Math.abs(n / draws - 0.1)).toBeLessThan(0.01);
  });
});

describe('composer data', () => {
  it('checks JSON and base64, and sends text as UTF-8', () => {
    expect(Buffer.from(recordBytes({ format: 'text', value: 'é' }))).toEqual(Buffer.from([0xc3, 0xa9]));
    expect(Buffer.from(recordBytes({ format: 'json', value: ' {"a":1} ' })).toString()).toBe(' {"a":1} ');
    expect(Buffer.from(recordBytes({ format: 'base64', value: 'AAEC\n/w==' }))).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(recordBytes({ format: 'base64', value: '' })).toHaveLength(0);
    for (const bad of ['AAE', 'AA=C', 'A A E C!', '====']) {
      expect(() => recordBytes({ format: 'base64', value: bad }, 'records[2].data')).toThrow(/^records\[2\]\.data is not valid base64/);
    }
    expect(() => recordBytes({ format: 'json', value: 'nope' })).toThrow(/^data is not valid JSON: /);
  });
});
