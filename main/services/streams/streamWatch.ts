// A stream's status over time, for the screens that wait on a transition (create, delete, retention, mode).
// It polls DescribeStreamSummary and reports only changes; a stream that disappears is GONE.
import type { StreamWatchItem } from '../../../shared/contract/streams';
import { abortableSleep } from './abortableSleep';
import { kinesisOf, type KinesisSource } from './kinesisSource';
import { readSummary } from './streamReaders';

export interface WatchOptions {
  name: string;
  intervalMs: number;
  untilActive: boolean;
}

async function statusOf(source: KinesisSource, name: string): Promise<string> {
  try {
    return (await readSummary(kinesisOf(source), name)).status;
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') return 'GONE';
    throw error;
  }
}

/** Resolves when the watch is over (ACTIVE when asked, GONE, or aborted); rejects on any other error. */
export async function watchStream(source: KinesisSource, options: WatchOptions, emit: (item: StreamWatchItem) => void, signal: AbortSignal): Promise<void> {
  let last: string | undefined;
  while (!signal.aborted) {
    const status = await statusOf(source, options.name);
    if (status !== last) emit({ name: options.name, status, at: Date.now() });
    last = status;
    if (status === 'GONE' || (options.untilActive && status === 'ACTIVE')) return;
    await abortableSleep(options.intervalMs, signal);
  }
}
