// Filters in main: JSONata over nested data (compiled once, bindings for key and shard), quick text and regex over
// the partition key and decoded data, clear errors with positions, and the JSON-path columns.
import { describe, expect, it } from 'vitest';
import { decodeRecord } from '../../main/services/tail/decoders';
import { compileFilter, filterProblems } from '../../main/services/tail/filters';
import { compileColumns, matchRows } from '../../main/services/tail/tailRows';
import type { TailFilter } from '../../shared/contract/tail';
import { cellText, parseJsonPath, valueAt } from '../../shared/domain/jsonPath';
import { gzipJson, kplAggregate } from '../fixtures/tail/encoders';

const ctx = { shardId: 'shardId-000000000001', sequenceNumber: '49', arrivalMs: 1_764_300_000_000 };
const row = (value: unknown, partitionKey = 'pk') => {
  const [r] = decodeRecord({ partitionKey, data: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)) });
  if (!r) throw new Error('no row');
  return r;
};
const matches = (filter: TailFilter, value: unknown, partitionKey?: string) => compileFilter(filter).matches(row(value, partitionKey), ctx);

describe('JSONata filters', () => {
  const order = { user: { id: '42', tier: 'gold', tags: ['a', 'b'] }, amount: 150, items: [{ sku: 'x', price: 5 }, { sku: 'y', price: 50 }] };

  it('evaluates nested paths, comparisons and predicates', async () => {
    expect(await matches({ jsonata: 'user.id = "42" and amount > 100' }, order)).toBe(true);
    expect(await matches({ jsonata: 'user.id = "42" and amount > 200' }, order)).toBe(false);
    expect(await matches({ jsonata: 'items[price > 10].sku = "y"' }, order)).toBe(true);
    expect(await matches({ jsonata: 'items[price > 100]' }, order)).toBe(false);
    expect(await matches({ jsonata: '"b" in user.tags' }, order)).toBe(true);
    expect(await matches({ jsonata: '$sum(items.price) = 55' }, order)).toBe(true);
    expect(await matches({ jsonata: 'missing.field = 1' }, order)).toBe(false);
  });

  it('binds the partition key, shard and arrival', async () => {
    expect(await matches({ jsonata: '$partitionKey = "user-42" and $shardId = "shardId-000000000001"' }, order, 'user-42')).toBe(true);
    expect(await matches({ jsonata: `$arrival = ${ctx.arrivalMs}` }, order)).toBe(true);
  });

  it('sees gzip JSON and KPL sub-records decoded', async () => {
    const [gz] = decodeRecord({ partitionKey: 'k', data: gzipJson(order) });
    expect(await compileFilter({ jsonata: 'user.tier = "gold"' }).matches(gz!, ctx)).toBe(true);
    const subs = decodeRecord({ partitionKey: 'k', data: kplAggregate([{ partitionKey: 'a', data: '{"n":1}' }, { partitionKey: 'b', data: '{"n":2}' }]) });
    const f = compileFilter({ jsonata: 'n = 2 and $partitionKey = "b"' });
    expect(await Promise.all(subs.map((s) => f.matches(s, ctx)))).toEqual([false, true]);
  });

  it('a run-time type error on one record means no match, not a failure', async () => {
    expect(await matches({ jsonata: 'user.id + 1 > 0' }, order)).toBe(false);
  });

  it('gives syntax errors with position and token, for as-you-type validation', () => {
    expect(filterProblems({ jsonata: 'user.id = "42" and (' })).toEqual([
      { part: 'jsonata', message: 'Expected ")" before end of expression (at character 20) [S0203]', position: 20, token: '(end)' },
    ]);
    const [p] = filterProblems({ jsonata: 'amount >> 3' });
    expect(p?.part).toBe('jsonata');
    expect(p?.position).toBeTypeOf('number');
    expect(filterProblems({ regex: { pattern: '(unclosed' } })[0]).toMatchObject({ part: 'regex', message: expect.stringMatching(/Unterminated group/) });
    expect(filterProblems({ jsonata: 'user.id = "42"', regex: { pattern: 'ok' } })).toEqual([]);
    expect(() => compileFilter({ jsonata: 'a =' })).toThrow(/Invalid filter: jsonata: /);
  });
});

describe('text and regex', () => {
  it('quick text is case-insensitive over the key and the data', async () => {
    expect(await matches({ text: 'ERROR' }, 'an error happened')).toBe(true);
    expect(await matches({ text: 'order-7' }, 'nothing here', 'ORDER-7')).toBe(true);
    expect(await matches({ text: 'absent' }, 'nothing here')).toBe(false);
  });

  it('regex over key or data, and every part must match', async () => {
    expect(await matches({ regex: { pattern: '^user-\\d+$', flags: '' } }, '{}', 'user-12')).toBe(true);
    expect(await matches({ regex: { pattern: 'amount":\\s*15\\d' } }, { amount: 150 })).toBe(true);
    expect(await matches({ text: 'gold', jsonata: 'amount > 1000' }, { tier: 'gold', amount: 5 })).toBe(false);
  });
});

describe('JSON-path columns', () => {
  it('parses paths and reads values', () => {
    expect(parseJsonPath('$.user.id')).toEqual(['user', 'id']);
    expect(parseJsonPath('items[1].sku')).toEqual(['items', 1, 'sku']);
    expect(parseJsonPath('meta."content-type"')).toEqual(['meta', 'content-type']);
    expect(() => parseJsonPath('a..b')).toThrow(/expected a name/);
    expect(valueAt({ items: [{}, { sku: 'y' }] }, ['items', 1, 'sku'])).toBe('y');
    expect(valueAt({ a: 1 }, ['toString'])).toBeUndefined();
    expect(cellText({ deep: [1, 2] })).toBe('{"deep":[1,2]}');
    expect(cellText('x'.repeat(500))?.length).toBe(200);
  });

  it('computes columns per row and counts scanned versus matched', async () => {
    const counters = { scanned: 0, matched: 0 };
    const columns = compileColumns(['user.id', 'items[0].sku', 'nope']);
    const filter = compileFilter({ jsonata: 'amount > 10' });
    const base = { shardId: 'shardId-000000000000', sequenceNumber: '1', arrivalMs: 1, partitionKey: 'k', bytes: 0 };
    const a = await matchRows({ ...base, data: Buffer.from(JSON.stringify({ user: { id: 7 }, amount: 11, items: [{ sku: 's' }] })) }, filter, columns, counters);
    const b = await matchRows({ ...base, data: Buffer.from(JSON.stringify({ amount: 1 })) }, filter, columns, counters);
    expect(a.map((m) => m.row.columns)).toEqual([['7', 's', null]]);
    expect(b).toEqual([]);
    expect(counters).toEqual({ scanned: 2, matched: 1 });
    expect(() => compileColumns(['ok', 'a.'])).toThrow(/columns\[1\] "a\.": the path ends with "\."/);
  });
});
