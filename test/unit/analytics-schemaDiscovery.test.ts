// Local DiscoverInputSchema: flattened JSON columns with inferred types and KDA's naming rule, CSV with a
// delimiter, user renames and retypes, and the reasons records are rejected.
import { describe, expect, it } from 'vitest';
import { columnNameFor, discoverInputSchema } from '../../main/analytics/schemaDiscovery';
import { compileRecordMapper, RecordRejected, type InputSchema } from '../../main/analytics/inputSchema';
import { compileQuery } from '../../main/analytics/compileQuery';
import { BIGINT, BOOLEAN, DOUBLE, INTEGER, TIMESTAMP, VARCHAR, type SqlValue } from '../../main/analytics/sqlTypes';

describe('schema discovery', () => {
  it('flattens nested JSON, infers types and widens them across samples', () => {
    const samples = [
      JSON.stringify({ id: 1, order: { amount: 10, region: 'eu' }, paid: true, at: '2026-01-01T10:00:00Z', tags: ['a'], big: 1 }),
      JSON.stringify({ id: 2, order: { amount: 12.5, region: 'us-east' }, paid: false, at: '2026-01-01 10:00:05.250', tags: [], big: 3_000_000_000 }),
      new TextEncoder().encode(JSON.stringify({ id: 3, order: { amount: null }, paid: null, at: '2026-01-02' })),
      'not json',
      '[1,2]',
    ];
    const { schema, parsed } = discoverInputSchema(samples);
    expect(schema.columns).toEqual([
      { name: 'id', path: '$.id', type: INTEGER },
      { name: 'order_amount', path: '$.order.amount', type: DOUBLE },
      { name: 'order_region', path: '$.order.region', type: VARCHAR(8) },
      { name: 'paid', path: '$.paid', type: BOOLEAN },
      { name: 'at', path: '$.at', type: TIMESTAMP },
      { name: 'tags', path: '$.tags', type: VARCHAR(8) },
      { name: 'big', path: '$.big', type: BIGINT },
    ]);
    expect(parsed[1]).toEqual({ ok: true, values: [2, 12.5, 'us-east', false, Date.parse('2026-01-01T10:00:05.250Z'), '[]', 3_000_000_000] });
    expect(parsed[2]).toEqual({ ok: true, values: [3, null, null, null, Date.parse('2026-01-02T00:00:00Z'), null, null] });
    expect(parsed[3]).toEqual({ ok: false, reason: expect.stringContaining('not JSON') });
    expect(parsed[4]).toEqual({ ok: false, reason: 'not a JSON object' });
  });

  it("follows KDA's column naming rule", () => {
    expect(columnNameFor('amount', 0)).toBe('amount');
    expect(columnNameFor('USER', 0)).toBe('COL_USER');
    expect(columnNameFor('user@domain', 0)).toBe('COL_userdomain');
    expect(columnNameFor('@@', 3)).toBe('COL_3');
    expect(columnNameFor('1st', 0)).toBe('COL_1st');
    expect(columnNameFor('ROWTIME', 0)).toBe('COL_ROWTIME');
    expect(discoverInputSchema(['{"a b": 1, "COL_ab": 2}']).schema.columns.map((c) => [c.name, c.path])).toEqual([['COL_ab', '$["a b"]'], ['COL_ab_2', '$.COL_ab']]);
  });

  it('reads CSV with a delimiter and an optional header line', () => {
    const { schema, parsed } = discoverInputSchema(['region;amount;ok', 'eu;10;true', 'us;2.5;false'], { kind: 'csv', delimiter: ';' }, { csvHeader: true });
    expect(schema.columns).toEqual([
      { name: 'region', path: '$[0]', type: VARCHAR(4) },
      { name: 'amount', path: '$[1]', type: DOUBLE },
      { name: 'ok', path: '$[2]', type: BOOLEAN },
    ]);
    expect(parsed.map((p) => (p.ok ? p.values : p.reason))).toEqual(['header line', ['eu', 10, true], ['us', 2.5, false]]);
    const noHeader = discoverInputSchema(['"a;b";1'], { kind: 'csv', delimiter: ';' });
    expect(noHeader.schema.columns.map((c) => c.name)).toEqual(['COL1', 'COL2']);
    expect(noHeader.parsed[0]).toEqual({ ok: true, values: ['a;b', 1] });
  });

  it('the schema is data: a renamed, retyped column is what queries see, and coercion failures carry a reason', () => {
    const { schema } = discoverInputSchema(['{"amount": "12", "t": "x"}']);
    const edited: InputSchema = { ...schema, columns: [{ name: 'AMOUNT', path: '$.amount', type: INTEGER }, { name: 'T', path: '$.t', type: VARCHAR(1) }] };
    const map = compileRecordMapper(edited);
    const out: SqlValue[] = [];
    map('{"amount": "12", "t": "xyz"}', out, 0);
    expect(out).toEqual([12, 'x']);
    expect(() => map('{"amount": "12.5"}', out, 0)).toThrow(new RecordRejected('column AMOUNT: 12.5 is not a whole number (INTEGER)'));
    expect(() => map('{"amount": 3000000000}', out, 0)).toThrow('overflows INTEGER');
    expect(compileQuery('SELECT STREAM AMOUNT * 2 FROM "SOURCE_SQL_STREAM_001"', 'kda', { schema: edited, sourceStream: 's' }).output[0]?.type).toEqual(INTEGER);
    expect(() => compileQuery('SELECT STREAM "amount" FROM "SOURCE_SQL_STREAM_001"', 'kda', { schema: edited, sourceStream: 's' })).toThrow('did you mean "AMOUNT"');
  });

  it('coerces JSON values as KDA did', () => {
    const schema: InputSchema = { format: { kind: 'json' }, columns: [
      { name: 'b', path: '$.b', type: BOOLEAN }, { name: 'n', path: '$.n', type: DOUBLE }, { name: 's', path: '$.s', type: VARCHAR(4) }, { name: 'o', path: '$.o', type: VARCHAR() },
    ] };
    const out: SqlValue[] = [];
    compileRecordMapper(schema)('{"b": "TRUE", "n": true, "s": 12345, "o": {"x": [1]}}', out, 0);
    expect(out).toEqual([true, 1, '1234', '{"x":[1]}']);
    compileRecordMapper(schema)('{"b": 0, "n": "7.5"}', out, 0);
    expect(out).toEqual([false, 7.5, null, null]);
  });
});
