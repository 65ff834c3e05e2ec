// Decoders on fixtures made by real encoders (protobufjs for KPL, node:zlib, CloudWatch Logs envelopes), and on
// corrupt inputs: every failure says why and falls back to hex.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeRecord } from '../../main/services/tail/decoders';
import { parseKplAggregate } from '../../shared/domain/kplAggregate';
import { fullView, previewOf, sliceView, VIEW_CAP } from '../../main/services/tail/rowView';
import { hexDump } from '../../shared/domain/hexDump';
import { cloudWatchControlMessage, cloudWatchLogsBatch, gzipJson, KPL_MAGIC, kplAggregate, kplBody, zlibText } from '../fixtures/tail/encoders';

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

describe('KPL aggregates', () => {
  it('expands sub-records with their own partition keys, explicit hash keys and tags', () => {
    const data = kplAggregate([
      { partitionKey: 'user-1', data: JSON.stringify({ user: { id: '1' }, amount: 5 }) },
      { partitionKey: 'user-2', explicitHashKey: '170141183460469231731687303715884105728', data: 'plain text', tags: [{ key: 'env', value: 'prod' }] },
      { partitionKey: 'user-1', data: gzipJson({ nested: [1, 2, 3] }) },
    ]);
    const subs = parseKplAggregate(data);
    expect(subs.map((s) => s.partitionKey)).toEqual(['user-1', 'user-2', 'user-1']);
    expect(subs[1]?.explicitHashKey).toBe('170141183460469231731687303715884105728');
    expect(subs[1]?.tags).toEqual([{ key: 'env', value: 'prod' }]);

    const rows = decodeRecord({ partitionKey: 'outer', data });
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => [r.subIndex, r.subCount, r.partitionKey])).toEqual([
      [0, 3, 'user-1'],
      [1, 3, 'user-2'],
      [2, 3, 'user-1'],
    ]);
    expect(rows[0]?.chain).toEqual(['KPL aggregate (3 records)', 'JSON']);
    expect(rows[0]?.view).toEqual({ kind: 'json', value: { user: { id: '1' }, amount: 5 } });
    expect(rows[1]?.chain).toEqual(['KPL aggregate (3 records)', 'text']);
    expect(rows[2]?.chain).toEqual(['KPL aggregate (3 records)', 'gzip', 'JSON']);
    expect(rows[2]?.view).toEqual({ kind: 'json', value: { nested: [1, 2, 3] } });
    // The row's data is the sub-record's own bytes (what export and replay carry).
    expect(text(rows[1]?.data ?? new Uint8Array())).toBe('plain text');
  });

  it('refuses a wrong MD5 trailer and shows hex', () => {
    const good = kplAggregate([{ partitionKey: 'k', data: 'x' }]);
    const bad = Buffer.from(good);
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 0xff;
    const [row] = decodeRecord({ partitionKey: 'k', data: bad });
    expect(row?.error).toMatch(/MD5 check failed/);
    expect(row?.view.kind).toBe('binary');
    expect(row?.chain).toEqual(['KPL aggregate', 'hex']);
  });

  it('reports truncated protobuf and out-of-range table indexes', () => {
    const body = kplBody([{ partitionKey: 'k', data: 'hello world' }]);
    const cut = body.subarray(0, body.length - 3);
    const truncated = Buffer.concat([KPL_MAGIC, cut, createHash('md5').update(cut).digest()]);
    expect(decodeRecord({ partitionKey: 'k', data: truncated })[0]?.error).toMatch(/KPL aggregate: malformed protobuf: .* at byte \d+/);

    // A record pointing at partition key 5 in a one-entry table: field 3 { field 1 = 5, field 3 = "x" }.
    const record = Buffer.from([0x08, 0x05, 0x1a, 0x01, 0x78]);
    const body2 = Buffer.concat([Buffer.from([0x0a, 0x01, 0x6b, 0x1a, record.length]), record]);
    const bad = Buffer.concat([KPL_MAGIC, body2, createHash('md5').update(body2).digest()]);
    expect(decodeRecord({ partitionKey: 'k', data: bad })[0]?.error).toBe('KPL aggregate: record 0 names partition key 5, but the table has 1');
  });

  it('too short for a trailer', () => {
    const [row] = decodeRecord({ partitionKey: 'k', data: Buffer.concat([KPL_MAGIC, Buffer.from([1, 2])]) });
    expect(row?.error).toMatch(/too short/);
  });
});

describe('compression, CloudWatch Logs, JSON, text, hex', () => {
  it('gzip and zlib', () => {
    const [g] = decodeRecord({ partitionKey: 'k', data: gzipJson({ a: 1 }) });
    expect(g?.chain).toEqual(['gzip', 'JSON']);
    const [z] = decodeRecord({ partitionKey: 'k', data: zlibText('hello from zlib') });
    expect(z?.chain).toEqual(['zlib', 'text']);
    expect(z?.view).toEqual({ kind: 'text', text: 'hello from zlib' });
  });

  it('expands a CloudWatch Logs batch per event and recognises control messages', () => {
    const rows = decodeRecord({
      partitionKey: 'k',
      data: cloudWatchLogsBatch([
        { id: '1', timestamp: 1764300000000, message: '{"level":"error","msg":"boom"}' },
        { id: '2', timestamp: 1764300000500, message: 'START RequestId: abc' },
      ]),
    });
    expect(rows).toHaveLength(2);
    expect(rows[0]?.chain).toEqual(['gzip', 'CloudWatch Logs (2 events)', 'JSON']);
    expect(rows[0]?.view).toEqual({ kind: 'json', value: { level: 'error', msg: 'boom' } });
    expect(rows[1]?.chain).toEqual(['gzip', 'CloudWatch Logs (2 events)', 'text']);
    expect(rows[1]?.logEvent).toEqual({ id: '2', timestamp: 1764300000500, logGroup: '/aws/lambda/orders', logStream: '2026/11/28/[$LATEST]abc' });
    expect(rows.map((r) => [r.subIndex, r.subCount])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(text(rows[1]?.data ?? new Uint8Array())).toBe('START RequestId: abc');

    const [control] = decodeRecord({ partitionKey: 'k', data: cloudWatchControlMessage() });
    expect(control?.chain).toEqual(['gzip', 'CloudWatch Logs control message', 'JSON']);
  });

  it('a corrupt gzip says why and shows hex', () => {
    const good = gzipSync(Buffer.from('x'.repeat(1000)));
    const bad = Buffer.from(good);
    bad.fill(0x41, 12, 20);
    const [row] = decodeRecord({ partitionKey: 'k', data: bad });
    expect(row?.chain).toEqual(['gzip', 'hex']);
    expect(row?.error).toMatch(/^gzip: /);
    expect(row?.view.kind).toBe('binary');
  });

  it('text that merely starts like zlib stays text, with the reason', () => {
    const [row] = decodeRecord({ partitionKey: 'k', data: Buffer.from('x\x01not really deflate') });
    expect(row?.view.kind).toBe('text');
    expect(row?.error).toMatch(/^zlib: /);
  });

  it('JSON, broken JSON, text and binary', () => {
    expect(decodeRecord({ partitionKey: 'k', data: Buffer.from('[1,2]') })[0]?.chain).toEqual(['JSON']);
    const broken = decodeRecord({ partitionKey: 'k', data: Buffer.from('{"a":') })[0];
    expect(broken?.chain).toEqual(['text']);
    expect(broken?.error).toMatch(/^JSON: /);
    expect(decodeRecord({ partitionKey: 'k', data: Buffer.from('hello') })[0]?.chain).toEqual(['text']);
    const bin = decodeRecord({ partitionKey: 'k', data: Buffer.from([0xff, 0xfe, 0x00, 0x01]) })[0];
    expect(bin?.chain).toEqual(['hex']);
    expect(bin?.error).toBeNull();
    expect(previewOf(bin!)).toBe('ff fe 00 01');
    expect(fullView(bin!)).toBe(hexDump(Buffer.from([0xff, 0xfe, 0x00, 0x01])));
  });

  it('caps large views at 64 KiB with plain wording, and serves all of it in slices', () => {
    const big = { items: Array.from({ length: 20_000 }, (_, i) => ({ i, name: `item-${i}` })) };
    const [row] = decodeRecord({ partitionKey: 'k', data: Buffer.from(JSON.stringify(big)) });
    const view = fullView(row!);
    const first = sliceView(view, false, 0, row!.data.length);
    expect(first.view.length).toBe(VIEW_CAP);
    expect(first.truncated).toBe(true);
    expect(first.hiddenNote).toMatch(/^Showing the first 65,536 of [\d,]+ characters \(the data is [\d.]+ KiB\)\. The other [\d,]+ characters are hidden; show all to see them\.$/);
    let all = '';
    for (let offset: number | null = 0; offset !== null; ) {
      const part = sliceView(view, true, offset, row!.data.length);
      all += part.view;
      offset = part.nextOffset;
    }
    expect(all).toBe(view);
    expect(previewOf(row!).length).toBeLessThanOrEqual(200);
  });
});
