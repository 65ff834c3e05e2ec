// reshard.observe for the chosen stream: its open shards with their recent load as they arrive, the AWS sample's
// progress, and the observation id the planner needs. Cancelling unsubscribes, which stops the sample's reads.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ObserveItem, ObservedShard } from '../../../shared/contract/reshard';
import type { AppClient } from '../../api/connect';
import { errorFromShape, type UiError } from '../../api/errors';
import type { SubscriptionHandle } from '../../api/client';

export type ObservationDone = Extract<ObserveItem, { type: 'done' }>;
export type ObservationProgress = Extract<ObserveItem, { type: 'progress' }>;

export interface Observation {
  phase: 'observing' | 'done' | 'cancelled' | 'failed';
  shards: ObservedShard[];
  progress: ObservationProgress | null;
  done: ObservationDone | null;
  error: UiError | null;
}

const sortByStart = (shards: ObservedShard[]) => [...shards].sort((a, b) => (BigInt(a.startingHashKey) < BigInt(b.startingHashKey) ? -1 : 1));

export function useObservation(client: AppClient | null, stream: string, options: { sampleMinutes: number }) {
  const [state, setState] = useState<{ key: string; observation: Observation } | null>(null);
  const [ticket, setTicket] = useState(0);
  const handle = useRef<SubscriptionHandle | null>(null);
  const key = `${stream}:${ticket}`;

  useEffect(() => {
    if (!client || !stream) return;
    const shards: ObservedShard[] = [];
    let progress: ObservationProgress | null = null;
    let finished = false;
    const set = (observation: Observation) => setState({ key, observation });
    set({ phase: 'observing', shards: [], progress: null, done: null, error: null });
    const sub = client.subscribe(
      'reshard.observe',
      { stream, sampleMinutes: options.sampleMinutes },
      {
        onBatch: (items) => {
          let done: ObservationDone | null = null;
          for (const item of items) {
            if (item.type === 'shard') shards.push(item.shard);
            else if (item.type === 'progress') progress = item;
            else done = item;
          }
          if (done) finished = true;
          set({ phase: done ? 'done' : 'observing', shards: sortByStart(shards), progress, done, error: null });
        },
        onEnd: (error) => {
          handle.current = null;
          if (finished) return;
          if (error) set({ phase: 'failed', shards: sortByStart(shards), progress, done: null, error: errorFromShape(error) });
          else set({ phase: 'cancelled', shards: sortByStart(shards), progress, done: null, error: null });
        },
      },
    );
    handle.current = sub;
    return () => {
      finished = true;
      sub.unsubscribe();
    };
  }, [client, stream, key, options.sampleMinutes]);

  const cancel = useCallback(() => handle.current?.unsubscribe(), []);
  const again = useCallback(() => setTicket((t) => t + 1), []);
  return { observation: state?.key === key ? state.observation : null, cancel, again };
}
