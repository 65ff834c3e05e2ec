// The snapshot file: NDJSON. Line 1 is a header naming the stream and its shards; then one line per record, in
// shard then sequence order: {"s": shard index, "q": internal sequence integer, "n": public sequence number,
// "t": arrival time (epoch ms), "k": partition key, "d": data (base64)}. "q" carries the arrival time
// (q = arrival ms × 1024 + n), so restoring "q" restores both sequence numbers and arrival timestamps.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { invalidArgument } from '../../core/errors';
import type { EngineStore } from '../../../storage/engineStore';
import { seqToMs } from '../records/sequence';
import type { StreamState } from '../streams/streamModel';

export const SNAPSHOT_FORMAT = 'shardscope-stream-snapshot';
export const SNAPSHOT_VERSION = 1;
const PAGE = 5000;

export interface SnapshotHeader {
  format: string;
  version: number;
  streamName: string;
  streamArn: string;
  identity: string;
  takenMs: number;
  shards: { shardId: string; shardIndex: number; startingHashKey: string; endingHashKey: string; open: boolean }[];
}

export interface SnapshotRecord {
  s: number;
  q: number;
  n: string;
  t: number;
  k: string;
  d: string;
}

export function checkPath(path: string): void {
  if (!isAbsolute(path)) throw invalidArgument(`Path ${path} must be absolute.`);
}

function fileError(verb: string, path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
  return invalidArgument(`Cannot ${verb} ${path}: ${code}`);
}

export function writeSnapshot(store: EngineStore, stream: StreamState, path: string, now: number): { records: number; bytes: number } {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (error) {
    throw fileError('write', path, error);
  }
  let records = 0;
  let bytes = 0;
  try {
    const header: SnapshotHeader = {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      streamName: stream.name,
      streamArn: stream.arn,
      identity: stream.identity,
      takenMs: now,
      shards: stream.shards.map((s) => ({ shardId: s.shardId, shardIndex: s.shardIndex, startingHashKey: s.startHash, endingHashKey: s.endHash, open: s.endingSeq === null })),
    };
    bytes += writeSync(fd, `${JSON.stringify(header)}\n`);
    for (const shard of stream.shards) {
      let from = 0;
      for (;;) {
        const rows = store.readRecords(shard.id, from, PAGE);
        if (rows.length === 0) break;
        const lines = rows.map(([seq, key, data]) => {
          const line: SnapshotRecord = { s: shard.shardIndex, q: seq, n: shard.sequences.encode(seq), t: seqToMs(seq), k: key, d: data };
          return JSON.stringify(line);
        });
        bytes += writeSync(fd, `${lines.join('\n')}\n`);
        records += rows.length;
        from = (rows[rows.length - 1]?.[0] ?? from) + 1;
        if (rows.length < PAGE) break;
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code) throw fileError('write', path, error);
    throw error;
  } finally {
    closeSync(fd);
  }
  return { records, bytes };
}

/** Reads a snapshot line by line (1 MiB at a time): the header, then each record. */
export function readSnapshot(path: string, onHeader: (header: SnapshotHeader) => void, onRecord: (record: SnapshotRecord) => void): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw fileError('read', path, error);
  }
  try {
    const chunk = Buffer.alloc(1024 * 1024);
    let rest = '';
    let lineNo = 0;
    const line = (text: string) => {
      if (text.length === 0) return;
      lineNo++;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw invalidArgument(`Snapshot ${path} line ${lineNo} is not JSON.`);
      }
      if (lineNo === 1) {
        const header = value as Partial<SnapshotHeader>;
        if (header.format !== SNAPSHOT_FORMAT || header.version !== SNAPSHOT_VERSION || !Array.isArray(header.shards)) {
          throw invalidArgument(`${path} is not a ${SNAPSHOT_FORMAT} version ${SNAPSHOT_VERSION} file.`);
        }
        onHeader(header as SnapshotHeader);
        return;
      }
      const record = value as Partial<SnapshotRecord>;
      if (typeof record.s !== 'number' || typeof record.q !== 'number' || typeof record.k !== 'string' || typeof record.d !== 'string') {
        throw invalidArgument(`Snapshot ${path} line ${lineNo} is not a record.`);
      }
      onRecord(record as SnapshotRecord);
    };
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      const text = rest + chunk.toString('utf8', 0, n);
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) line(l);
    }
    line(rest);
    if (lineNo === 0) throw invalidArgument(`Snapshot ${path} is empty.`);
  } finally {
    closeSync(fd);
  }
}
