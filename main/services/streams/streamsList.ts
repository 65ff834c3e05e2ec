// The stream list in two steps, so thousands of streams never block: `listStreams` pages through ListStreams
// (names, status, mode, creation time: one call per 100 rows), and `streamDetailsRows` fetches the heavier
// per-row columns only for the rows the UI shows, a few streams at a time.
import { ListStreamsCommand, type KinesisClient, type ListStreamsInput } from '@aws-sdk/client-kinesis';
import { ErrorCode, RpcError, toRpcError } from '../../../shared/contract/errors';
import type { StreamDetailsEntry, StreamListRow, StreamProblem, StreamsListResult } from '../../../shared/contract/streams';
import { mapLimit } from './mapLimit';
import { readShards, readSummary, readTags, tolerate } from './streamReaders';

/** AWS returns at most 100 streams per ListStreams call, whatever Limit says. */
const PAGE = 100;
/** Streams whose details are fetched at once (each is three requests). */
const DETAIL_CONCURRENCY = 4;

/**
 * Cursors wrap whichever way the backend pages: AWS's NextToken, or (backends without one, like kinesalite)
 * the last name seen, for ExclusiveStartStreamName.
 */
function readCursor(cursor: string | undefined): ListStreamsInput {
  if (cursor === undefined) return {};
  if (cursor.startsWith('t:')) return { NextToken: cursor.slice(2) };
  if (cursor.startsWith('a:')) return { ExclusiveStartStreamName: cursor.slice(2) };
  throw new RpcError(ErrorCode.ValidationException, 'The list cursor is not one this service issued.');
}

export async function listStreams(kinesis: KinesisClient, params: { cursor?: string | undefined; limit: number }): Promise<StreamsListResult> {
  const streams: StreamListRow[] = [];
  let position = readCursor(params.cursor);
  while (streams.length < params.limit) {
    const out = await kinesis.send(new ListStreamsCommand({ ...position, Limit: Math.min(PAGE, params.limit - streams.length) }));
    const summaries = new Map((out.StreamSummaries ?? []).map((s) => [s.StreamName, s]));
    for (const name of out.StreamNames ?? []) {
      const s = summaries.get(name);
      streams.push({
        name,
        arn: s?.StreamARN ?? null,
        status: s?.StreamStatus ?? null,
        mode: s?.StreamModeDetails?.StreamMode ?? null,
        createdAt: s?.StreamCreationTimestamp?.getTime() ?? null,
      });
    }
    const last = out.StreamNames?.at(-1);
    if (!out.HasMoreStreams || last === undefined) return { streams, nextCursor: null };
    position = out.NextToken ? { NextToken: out.NextToken } : { ExclusiveStartStreamName: last };
  }
  return { streams, nextCursor: position.NextToken ? `t:${position.NextToken}` : `a:${position.ExclusiveStartStreamName ?? ''}` };
}

async function detailsRow(kinesis: KinesisClient, name: string): Promise<StreamDetailsEntry> {
  const problems: StreamProblem[] = [];
  try {
    const [summary, shards, tags] = await Promise.all([
      readSummary(kinesis, name),
      tolerate('shards', problems, () => readShards(kinesis, name)),
      tolerate('tags', problems, () => readTags(kinesis, name)),
    ]);
    const open = shards?.filter((s) => s.SequenceNumberRange?.EndingSequenceNumber === undefined).length;
    const { maxRecordSizeKiB: _unused, ...columns } = summary;
    return {
      name,
      ok: true,
      details: {
        ...columns,
        openShardCount: open ?? summary.openShardCount,
        closedShardCount: shards && open !== undefined ? shards.length - open : null,
        tags,
        problems,
      },
    };
  } catch (error) {
    return { name, ok: false, error: toRpcError(error) };
  }
}

export async function streamDetailsRows(kinesis: KinesisClient, names: readonly string[]): Promise<StreamDetailsEntry[]> {
  return mapLimit(names, DETAIL_CONCURRENCY, (name) => detailsRow(kinesis, name));
}
