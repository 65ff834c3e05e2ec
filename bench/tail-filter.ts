// JSONata filter throughput in main: records per second through the tailer's filter alone (rows already
// decoded) and through the whole per-record path a tail session runs (decode, filter, preview, two JSON-path
// columns). Nested JSON records of ~300 bytes; a typical filter expression. Prints JSON.
//   node --import tsx bench/tail-filter.ts [--records 200000] [--rounds 5]
import { performance } from 'node:perf_hooks';
import { decodeRecord } from '../main/services/tail/decoders';
import { compileFilter } from '../main/services/tail/filters';
import { compileColumns, matchRows } from '../main/services/tail/tailRows';
import type { ShardRecord } from '../main/services/tail/shardRecords';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const count = arg('records', 200_000);
const rounds = arg('rounds', 5);
const expression = 'user.id = "42" and amount > 100';

function makeRecords(n: number): ShardRecord[] {
  const out: ShardRecord[] = [];
  for (let i = 0; i < n; i++) {
    const doc = {
      event: i % 3 === 0 ? 'purchase' : 'view',
      user: { id: String(i % 100), tier: i % 7 === 0 ? 'gold' : 'basic', geo: { country: 'DE', city: 'Berlin' } },
      amount: (i * 37) % 500,
      items: [{ sku: `sku-${i % 50}`, qty: 1 + (i % 3), price: 9.99 }, { sku: `sku-${(i + 7) % 50}`, qty: 1, price: 19.5 }],
      ts: 1_764_300_000_000 + i,
    };
    const data = Buffer.from(JSON.stringify(doc));
    out.push({ shardId: `shardId-00000000000${i % 4}`, sequenceNumber: String(49_000_000_000 + i), arrivalMs: 1_764_300_000_000 + i, partitionKey: `user-${i % 100}`, bytes: data.length + 8, data });
  }
  return out;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  const records = makeRecords(count);
  const filter = compileFilter({ jsonata: expression });
  const columns = compileColumns(['user.id', 'items[0].sku']);
  const rows = records.map((r) => ({ record: r, row: decodeRecord({ partitionKey: r.partitionKey, data: r.data })[0] }));

  const filterOnly: number[] = [];
  const fullPath: number[] = [];
  let matched = 0;
  for (let round = 0; round < rounds; round++) {
    let t0 = performance.now();
    matched = 0;
    for (const { record, row } of rows) {
      if (row && (await filter.matches(row, { shardId: record.shardId, sequenceNumber: record.sequenceNumber, arrivalMs: record.arrivalMs }))) matched++;
    }
    filterOnly.push((count * 1000) / (performance.now() - t0));

    t0 = performance.now();
    const counters = { scanned: 0, matched: 0 };
    for (const record of records) await matchRows(record, filter, columns, counters);
    fullPath.push((count * 1000) / (performance.now() - t0));
    if (counters.matched !== matched) throw new Error(`the two paths disagree: ${counters.matched} vs ${matched}`);
  }
  const bytes = records.reduce((s, r) => s + r.data.length, 0);
  console.log(
    JSON.stringify(
      {
        bench: 'tail-filter',
        expression,
        records: count,
        rounds,
        meanRecordBytes: Math.round(bytes / count),
        matched,
        filterOnlyRecordsPerSecond: Math.round(median(filterOnly)),
        decodeFilterRowRecordsPerSecond: Math.round(median(fullPath)),
        target: 50_000,
        node: process.version,
      },
      null,
      2,
    ),
  );
}

void main();
