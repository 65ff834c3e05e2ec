// Replay: a range of one stream (any connection) written to another (any connection), records as they are
// (a KPL aggregate stays one record), partition keys kept, paced per target shard under the write limits.
// The source is read with the tailer's merged reader, so it follows resharding and keeps per-key order.
import type { TailReplayParams, WriteItem } from '../../../shared/contract/tail';
import type { z } from 'zod';
import { MergedReader } from './mergedReader';
import type { SessionConnection } from './tailSession';
import { openTargetWriter, WRITE_PROGRESS_MS } from './targetWriter';

export async function replay(
  jobId: string,
  params: z.output<typeof TailReplayParams>,
  source: SessionConnection,
  target: SessionConnection,
  signal: AbortSignal,
  send: (item: WriteItem) => Promise<void>,
): Promise<void> {
  const startedAt = Date.now();
  const writer = await openTargetWriter(target, params.target.stream, params.target.confirmAccountId, `replay records into ${params.target.stream}`, signal);
  const end = params.source.end ?? { type: 'AT_TIMESTAMP' as const, timestamp: startedAt };
  const merged = new MergedReader(
    {
      stream: params.source.stream,
      shards: params.source.shards,
      start: params.source.start,
      end,
      mode: { type: 'polling', options: { maxCallsPerSecond: 4, pollIntervalMs: 250, limit: 1000 } },
      mergeWindowMs: 1000,
      kinesis: () => source.kinesis(),
    },
    signal,
  );
  let error: unknown = null;
  let nextProgress = 0;
  try {
    await merged.prepare();
    await merged.run(
      (record) => writer.add({ line: null, shardId: record.shardId, sequenceNumber: record.sequenceNumber, partitionKey: record.partitionKey, explicitHashKey: null, data: record.data }),
      async () => {
        if (Date.now() < nextProgress) return;
        nextProgress = Date.now() + WRITE_PROGRESS_MS;
        await send(writer.progress(jobId));
      },
    );
    await writer.flush();
  } catch (e) {
    error = e;
    await writer.flush().catch(() => undefined);
  }
  const state = error !== null ? 'failed' : signal.aborted ? 'cancelled' : 'completed';
  await send(writer.report(jobId, state, error, startedAt));
}
