// Records/s and bytes/s in (PutRecord/PutRecords) over the last minute, per stream of the local engine, from its
// per-second stats (engine.stats, the last 59 seconds back-filled, then one item a second). Only the streams on
// screen are watched; the last figures of the others stay for sorting. AWS has these figures only in
// CloudWatch, which the list does not ask.
import type { EngineStatsItem } from '../../../shared/contract/engine';
import type { AppClient } from '../../api/connect';
import { createStore, type Store } from '../../state/store';

export interface Throughput {
  recordsPerSecond: number;
  bytesPerSecond: number;
}

const WINDOW_SECONDS = 60;

interface Watched {
  handle: { unsubscribe(): void };
  /** Incoming records and bytes by second (epoch ms of the second). */
  seconds: Map<number, { records: number; bytes: number }>;
}

export interface ThroughputWatch {
  readonly store: Store<ReadonlyMap<string, Throughput>>;
  /** Watches exactly these streams (those on screen), stopping the others. */
  watch(names: readonly string[]): void;
  dispose(): void;
}

export function createThroughputWatch(client: AppClient): ThroughputWatch {
  const store = createStore<ReadonlyMap<string, Throughput>>(new Map());
  const watched = new Map<string, Watched>();

  const note = (name: string, items: readonly EngineStatsItem[]) => {
    const w = watched.get(name);
    if (!w) return;
    for (const item of items) w.seconds.set(item.second, { records: item.stream.incomingRecords, bytes: item.stream.incomingBytes });
    const newest = Math.max(...w.seconds.keys());
    let records = 0;
    let bytes = 0;
    for (const [second, figures] of w.seconds) {
      if (second <= newest - WINDOW_SECONDS * 1000) w.seconds.delete(second);
      else {
        records += figures.records;
        bytes += figures.bytes;
      }
    }
    store.set((m) => new Map(m).set(name, { recordsPerSecond: records / WINDOW_SECONDS, bytesPerSecond: bytes / WINDOW_SECONDS }));
  };

  const stop = (name: string) => {
    watched.get(name)?.handle.unsubscribe();
    watched.delete(name);
  };

  return {
    store,
    watch(names) {
      const wanted = new Set(names);
      for (const name of [...watched.keys()]) if (!wanted.has(name)) stop(name);
      for (const name of wanted) {
        if (watched.has(name)) continue;
        const w: Watched = { seconds: new Map(), handle: { unsubscribe: () => undefined } };
        watched.set(name, w);
        w.handle = client.subscribe('engine.stats', { stream: name, windowSeconds: WINDOW_SECONDS - 1, topKeys: 0 }, {
          onBatch: (items) => note(name, items),
          // A stream being deleted, or not there yet: no figures, and no retry until it comes on screen again.
          onEnd: () => {
            if (watched.get(name) === w) watched.delete(name);
          },
        });
      }
    },
    dispose() {
      for (const name of [...watched.keys()]) stop(name);
    },
  };
}
