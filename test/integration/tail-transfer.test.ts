// Export, import and replay round trips through the real dispatcher and SDK: every record arrives with its
// partition key and data. Replay goes to another connection (a custom endpoint on a second engine), paced per
// target shard; failures are reported per record; saved filters persist in the settings database.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TailExportItem, WriteItem, WriteReport } from '../../shared/contract/tail';
import { startEngine, type RunningEngine } from '../../main/server/engine/startEngine';
import { collect } from '../support/services-kit';
import { sdkClient } from '../support/kinesis';
import { createStream, put, startTailKit, tail, type Put, type TailKit } from '../support/tail-kit';
import { kplAggregate } from '../fixtures/tail/encoders';
import { PutRecordCommand } from '@aws-sdk/client-kinesis';

let kit: TailKit;
let other: RunningEngine;
let written: Put[];
const binary = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80]);

beforeAll(async () => {
  kit = await startTailKit();
  other = await startEngine({ port: 0, inMemory: true, statusDelayMs: 0 });
  await createStream(kit.kinesis, 'src', 3);
  written = await put(kit.kinesis, 'src', Array.from({ length: 150 }, (_, i) => ({ partitionKey: `user-${i % 17}`, text: JSON.stringify({ i, note: 'comma, "quote"\nnewline' }) })));
  const bin = await kit.kinesis.send(new PutRecordCommand({ StreamName: 'src', PartitionKey: 'bin-key', Data: binary }));
  written.push({ partitionKey: 'bin-key', text: binary.toString('latin1'), shardId: bin.ShardId ?? '', sequenceNumber: bin.SequenceNumber ?? '' });
});
afterAll(async () => {
  await kit?.close();
  await other?.close();
});

/** Every (partition key, data) in a stream, read back with a tail session. */
async function contents(stream: string): Promise<string[]> {
  const t = tail(kit.client, { stream, start: { type: 'TRIM_HORIZON' }, end: { type: 'AT_TIMESTAMP', timestamp: Date.now() } });
  await t.ended;
  const out: string[] = [];
  for (const row of t.rows()) {
    const detail = await kit.client.call('tail.record', { sessionId: t.sessionId(), shardId: row.shardId, sequenceNumber: row.sequenceNumber, subIndex: row.subIndex });
    out.push(`${row.partitionKey} ${detail.dataBase64}`);
  }
  return out.sort();
}
const expected = () => written.map((w) => `${w.partitionKey} ${Buffer.from(w.text, w.partitionKey === 'bin-key' ? 'latin1' : 'utf8').toString('base64')}`).sort();
const report = (items: WriteItem[]) => items.at(-1) as WriteReport;

describe('export and import', () => {
  let sessionId: string;
  beforeAll(async () => {
    const t = tail(kit.client, { stream: 'src', start: { type: 'TRIM_HORIZON' }, end: { type: 'AT_TIMESTAMP', timestamp: Date.now() } });
    await t.ended;
    expect(t.rows()).toHaveLength(151);
    sessionId = t.sessionId();
  });

  it('NDJSON to a file, imported into another stream: every record with its key and data', async () => {
    const path = join(kit.dataDir, 'src.ndjson');
    const items = await collect<TailExportItem>((h) => kit.client.subscribe('tail.export', { sessionId, selection: { kind: 'all' }, format: 'ndjson', destination: { kind: 'file', path } }, h));
    expect(items.at(-1)).toMatchObject({ type: 'done', records: 151, path });
    expect(items.filter((i) => i.type === 'progress').at(-1)).toMatchObject({ done: 151, total: 151 });
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(151);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ shardId: expect.any(String), sequenceNumber: expect.any(String), partitionKey: expect.any(String), data: expect.any(String), chain: ['JSON'] });

    await createStream(kit.kinesis, 'copy', 2);
    const imported = await collect<WriteItem>((h) => kit.client.subscribe('tail.importFile', { target: { stream: 'copy' }, path }, h));
    expect(report(imported)).toMatchObject({ state: 'completed', read: 151, sent: 151, acknowledged: 151, failed: 0, failures: [] });
    expect(await contents('copy')).toEqual(expected());
  });

  it('chunks for a browser download, in NDJSON and CSV; selected rows only', async () => {
    const chunks = await collect<TailExportItem>((h) => kit.client.subscribe('tail.export', { sessionId, selection: { kind: 'all' }, format: 'ndjson', destination: { kind: 'chunks' } }, h));
    const text = chunks.flatMap((i) => (i.type === 'chunk' ? [i.text] : [])).join('');
    expect(text.trimEnd().split('\n')).toHaveLength(151);

    const first = written[0];
    const id = `${first?.shardId}/${first?.sequenceNumber}/0`;
    const csv = await collect<TailExportItem>((h) => kit.client.subscribe('tail.export', { sessionId, selection: { kind: 'ids', ids: [id] }, format: 'csv', destination: { kind: 'chunks' } }, h));
    const csvText = csv.flatMap((i) => (i.type === 'chunk' ? [i.text] : [])).join('');
    expect(csvText.startsWith('arrival,arrivalMs,shardId,sequenceNumber,subIndex,partitionKey,explicitHashKey,size,chain,text,data\r\n')).toBe(true);
    expect(csvText).toContain(`,${first?.partitionKey},,`);
    expect(csvText).toContain('"{""i"":0,""note"":""comma, \\""quote\\""\\nnewline""}"');
    expect(csv.at(-1)).toMatchObject({ type: 'done', records: 1, path: null });
  });

  it('import reports unreadable lines by number and sends the rest', async () => {
    await createStream(kit.kinesis, 'imp', 1);
    const ndjson = ['{"partitionKey":"a","text":"one"}', 'not json', '', '{"partitionKey":"b","json":{"x":1}}', '{"partitionKey":"c","data":"@@@"}', '{"text":"no key"}'].join('\n');
    const result = await kit.client.call('tail.importChunk', { target: { stream: 'imp' }, ndjson, firstLine: 10 });
    expect(result).toMatchObject({ read: 5, sent: 2, acknowledged: 2, failed: 3, failedListTruncated: false, error: null });
    expect(result.failures.map((f) => [f.line, f.code])).toEqual([
      [11, 'InvalidLine'],
      [14, 'InvalidLine'],
      [15, 'InvalidLine'],
    ]);
    expect(result.failures[1]?.message).toBe('line 14: data: data must be base64');
    expect(await contents('imp')).toEqual([`a ${Buffer.from('one').toString('base64')}`, `b ${Buffer.from('{"x":1}').toString('base64')}`]);
    const missing = await kit.client.call('tail.importChunk', { target: { stream: 'nope' }, ndjson: '{"partitionKey":"a","text":"x"}' }).catch((e: { code: string }) => e);
    expect(missing).toMatchObject({ code: 'ResourceNotFoundException' });
  });
});

describe('replay', () => {
  it('copies a range to a stream on another connection, keeping partition keys, KPL aggregates as they are', async () => {
    const target = sdkClient(other.endpoint, { maxAttempts: 3 });
    await createStream(target, 'dst', 2);
    const kpl = kplAggregate([{ partitionKey: 'a', data: 'x' }, { partitionKey: 'b', data: 'y' }]);
    await kit.kinesis.send(new PutRecordCommand({ StreamName: 'src', PartitionKey: 'agg', Data: kpl }));
    const custom = kit.manager.addCustom({ name: 'second engine', endpoint: other.endpoint, region: 'us-east-1', credentials: { type: 'none' } });
    const items = await collect<WriteItem>((h) => kit.client.subscribe('tail.replay', { source: { stream: 'src', start: { type: 'TRIM_HORIZON' } }, target: { connectionId: custom.id, stream: 'dst' } }, h));
    expect(report(items)).toMatchObject({ state: 'completed', read: 152, sent: 152, acknowledged: 152, failed: 0, failures: [] });
    expect(items[0]).toMatchObject({ type: 'progress', jobId: expect.any(String) });

    await kit.manager.switchTo(custom.id);
    try {
      const copied = await contents('dst');
      // The aggregate went across as one record; read back, it expands into its sub-records' keys and data.
      expect(copied.filter((c) => !/^[ab] /.test(c))).toEqual(expected());
      expect(copied.filter((c) => /^[ab] /.test(c))).toEqual([`a ${Buffer.from('x').toString('base64')}`, `b ${Buffer.from('y').toString('base64')}`]);
      const t = tail(kit.client, { stream: 'dst', start: { type: 'TRIM_HORIZON' }, end: { type: 'AT_TIMESTAMP', timestamp: Date.now() }, filter: { jsonata: '$partitionKey in ["a", "b"]' } });
      await t.ended;
      expect(t.rows().map((r) => [r.partitionKey, r.recordSize, r.chain[0]])).toEqual([
        ['a', kpl.length, 'KPL aggregate (2 records)'],
        ['b', kpl.length, 'KPL aggregate (2 records)'],
      ]);
    } finally {
      await kit.manager.switchTo('local');
    }
    target.destroy();
  });

  it('reports what failed when the target refuses, and can be cancelled with a report', async () => {
    const items = await collect<WriteItem>((h) => kit.client.subscribe('tail.replay', { source: { stream: 'src', start: { type: 'TRIM_HORIZON' } }, target: { stream: 'missing-target' } }, h)).catch((e: { code: string }) => e);
    expect(items).toMatchObject({ code: 'ResourceNotFoundException' });

    await createStream(kit.kinesis, 'slow', 1);
    const got: WriteItem[] = [];
    const done = new Promise<void>((resolve) => {
      // From LATEST to a minute ahead: it would run a minute unless cancelled.
      kit.client.subscribe('tail.replay', { source: { stream: 'src', start: { type: 'LATEST' }, end: { type: 'AT_TIMESTAMP', timestamp: Date.now() + 60_000 } }, target: { stream: 'slow' } }, {
        onBatch: (batch) => {
          got.push(...batch);
          const first = batch[0];
          if (first) void kit.client.call('tail.cancel', { jobId: first.jobId });
        },
        onEnd: () => resolve(),
      });
    });
    await done;
    const last = report(got);
    expect(last.type).toBe('report');
    expect(last.state).toBe('cancelled');
    expect(last.acknowledged + last.failed).toBe(last.read);
  });
});

describe('saved filters', () => {
  it('saves, lists and deletes per stream, persisted in the settings database', async () => {
    expect(await kit.client.call('tail.filters.list', { stream: 'src' })).toEqual({ filters: [] });
    await kit.client.call('tail.filters.save', { stream: 'src', name: 'big orders', filter: { jsonata: 'amount > 100' } });
    const saved = await kit.client.call('tail.filters.save', { stream: 'src', name: 'errors', filter: { text: 'error' } });
    expect(saved.filters.map((f) => f.name)).toEqual(['big orders', 'errors']);
    expect(JSON.parse(kit.settings.get('tail.filters:local:src') ?? '[]')).toHaveLength(2);
    expect(await kit.client.call('tail.filters.list', { stream: 'other' })).toEqual({ filters: [] });
    await expect(kit.client.call('tail.filters.save', { stream: 'src', name: 'bad', filter: { jsonata: 'a = (' } })).rejects.toMatchObject({ code: 'ValidationException' });
    expect((await kit.client.call('tail.filters.delete', { stream: 'src', name: 'errors' })).filters.map((f) => f.name)).toEqual(['big orders']);
    expect(await kit.client.call('tail.validateFilter', { filter: { jsonata: 'user.id = "42" and (' } })).toEqual({
      ok: false,
      problems: [{ part: 'jsonata', message: 'Expected ")" before end of expression (at character 20) [S0203]', position: 20, token: '(end)' }],
    });
  });

  it('refuses file paths over the web host transport', async () => {
    const path = join(kit.dataDir, 'x.ndjson');
    writeFileSync(path, '{"partitionKey":"a","text":"x"}\n');
    await expect(collect((h) => kit.webClient.subscribe('tail.importFile', { target: { stream: 'src' }, path }, h))).rejects.toMatchObject({ code: 'ValidationException', message: expect.stringMatching(/^In web mode files go through the browser/) });
    await expect(collect((h) => kit.webClient.subscribe('tail.export', { sessionId: 'x', selection: { kind: 'all' }, format: 'csv', destination: { kind: 'file', path } }, h))).rejects.toMatchObject({ code: 'ValidationException' });
  });
});
