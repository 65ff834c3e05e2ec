// tail.record: one row's full view. A session's kept row answers from memory; a row whose data was evicted, or a
// permalink (stream, shard, sequence number) without a session, is read again from Kinesis.
import { RpcError } from '../../../shared/contract/errors';
import type { TailRecordParams, TailRecordResult } from '../../../shared/contract/tail';
import type { z } from 'zod';
import { decodeRecord, type DecodedRow } from './decoders';
import { fetchRecord } from './recordFetch';
import { rowId } from './rowStore';
import { fullView, sliceView, VIEW_CAP } from './rowView';
import type { SessionConnection } from './tailSession';
import type { TailSessions } from './tailSessions';

type Params = z.output<typeof TailRecordParams>;

export async function recordDetail(params: Params, sessions: TailSessions, active: () => SessionConnection): Promise<TailRecordResult> {
  const session = params.sessionId ? sessions.get(params.sessionId) : undefined;
  const kept = session?.rows.get(rowId(params.shardId, params.sequenceNumber, params.subIndex));
  if (kept?.data) {
    // The kept bytes are the row's own (a sub-record, a log message): decoding them again gives its view; the
    // chain that led there (KPL, gzip, CloudWatch Logs) was kept with the row.
    const [view] = decodeRecord({ partitionKey: kept.partitionKey, data: kept.data });
    if (!view) throw new RpcError('InternalFailure', 'The row decoded to nothing.');
    const row = { ...view, partitionKey: kept.partitionKey, explicitHashKey: kept.explicitHashKey, subIndex: kept.subIndex, subCount: kept.subCount, chain: kept.chain, error: kept.decodeError };
    return result(params, row, kept.arrivalMs, kept.data);
  }
  const stream = session?.stream ?? params.stream;
  if (!stream) throw new RpcError('ValidationException', 'Give sessionId or stream to read a record.');
  const connection = session?.connection ?? active();
  const record = await fetchRecord(connection.kinesis(), stream, params.shardId, params.sequenceNumber);
  const rows = decodeRecord({ partitionKey: record.partitionKey, data: record.data });
  const row = rows[params.subIndex];
  if (!row) throw new RpcError('ResourceNotFoundException', `Record ${params.sequenceNumber} has ${rows.length} row(s); there is no row ${params.subIndex}.`);
  return result(params, row, record.arrivalMs, row.data);
}

function result(params: Params, row: DecodedRow, arrivalMs: number, data: Uint8Array): TailRecordResult {
  const slice = sliceView(fullView(row), params.all, params.offset, data.length);
  return {
    shardId: params.shardId,
    sequenceNumber: params.sequenceNumber,
    subIndex: row.subIndex,
    subCount: row.subCount,
    arrivalMs,
    partitionKey: row.partitionKey,
    explicitHashKey: row.explicitHashKey,
    chain: row.chain,
    viewKind: row.view.kind,
    decodeError: row.error,
    ...slice,
    dataBase64: Buffer.from(data.subarray(0, VIEW_CAP)).toString('base64'),
    dataTruncated: data.length > VIEW_CAP,
    size: data.length,
  };
}
