// From a Kinesis record to the compact rows pushed to the client: decode, filter, preview, picked columns.
import type { TailRow } from '../../../shared/contract/tail';
import { cellText, JsonPathError, parseJsonPath, valueAt, type PathSegment } from '../../../shared/domain/jsonPath';
import { ErrorCode, RpcError } from '../../../shared/contract/errors';
import { decodeRecord, type DecodedRow } from './decoders';
import type { CompiledFilter } from './filters';
import { previewOf } from './rowView';
import { rowId, type KeptRow } from './rowStore';
import type { ShardRecord } from './shardRecords';

export function compileColumns(columns: readonly string[]): PathSegment[][] {
  return columns.map((column, i) => {
    try {
      return parseJsonPath(column);
    } catch (error) {
      if (error instanceof JsonPathError) throw new RpcError(ErrorCode.ValidationException, `columns[${i}] "${column}": ${error.message} at character ${error.position}`);
      throw error;
    }
  });
}

export interface RowMatch {
  row: TailRow;
  kept: KeptRow;
}

export interface RowCounters {
  scanned: number;
  matched: number;
}

/** Decodes a record and returns the rows that pass the filter; counts every row scanned and matched. */
export async function matchRows(record: ShardRecord, filter: CompiledFilter, columns: readonly PathSegment[][], counters: RowCounters): Promise<RowMatch[]> {
  const decoded = decodeRecord({ partitionKey: record.partitionKey, data: record.data });
  const out: RowMatch[] = [];
  for (const row of decoded) {
    counters.scanned++;
    if (!(await filter.matches(row, { shardId: record.shardId, sequenceNumber: record.sequenceNumber, arrivalMs: record.arrivalMs }))) continue;
    counters.matched++;
    out.push(toRow(record, row, columns));
  }
  return out;
}

export function toRow(record: ShardRecord, row: DecodedRow, columns: readonly PathSegment[][]): RowMatch {
  const id = rowId(record.shardId, record.sequenceNumber, row.subIndex);
  const json = row.view.kind === 'json' ? row.view.value : undefined;
  return {
    row: {
      type: 'record',
      id,
      arrivalMs: record.arrivalMs,
      shardId: record.shardId,
      sequenceNumber: record.sequenceNumber,
      subIndex: row.subIndex,
      subCount: row.subCount,
      partitionKey: row.partitionKey,
      explicitHashKey: row.explicitHashKey,
      size: row.data.length,
      recordSize: record.data.length,
      preview: previewOf(row),
      chain: row.chain,
      viewKind: row.view.kind,
      decodeError: row.error,
      columns: columns.map((path) => (json === undefined ? null : cellText(valueAt(json, path)))),
      eventTimeMs: row.logEvent?.timestamp ?? null,
    },
    kept: {
      id,
      shardId: record.shardId,
      sequenceNumber: record.sequenceNumber,
      subIndex: row.subIndex,
      arrivalMs: record.arrivalMs,
      partitionKey: row.partitionKey,
      explicitHashKey: row.explicitHashKey,
      subCount: row.subCount,
      chain: row.chain,
      decodeError: row.error,
      data: row.data,
    },
  };
}
