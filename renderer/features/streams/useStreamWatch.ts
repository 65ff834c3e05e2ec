// Follows a stream through CREATING/UPDATING/DELETING with `streams.watch` until it is ACTIVE or GONE.
import { useEffect, useRef, useState } from 'react';
import type { StreamWatchItem } from '../../../shared/contract/streams';
import type { AppClient } from '../../api/connect';
import { errorFromShape, type UiError } from '../../api/errors';

export interface WatchState {
  ticket: number;
  item: StreamWatchItem | null;
  /** The subscription has ended (ACTIVE or GONE reached, or it failed). */
  done: boolean;
  error: UiError | null;
}

/**
 * `ticket` restarts the watch: bump it after an action that starts a transition. null means not watching.
 * `onFinish` gets the last status once the watch ends on its own (ACTIVE or GONE).
 */
export function useStreamWatch(client: AppClient | null, name: string, ticket: number | null, untilActive: boolean, onFinish: (item: StreamWatchItem, ticket: number) => void): WatchState | null {
  const [state, setState] = useState<WatchState | null>(null);
  const finish = useRef(onFinish);
  useEffect(() => {
    finish.current = onFinish;
  });
  useEffect(() => {
    if (!client || ticket === null) return;
    let last: StreamWatchItem | null = null;
    const handle = client.subscribe(
      'streams.watch',
      { name, untilActive, intervalMs: 500 },
      {
        onBatch(items) {
          last = items.at(-1) ?? last;
          setState({ ticket, item: last, done: false, error: null });
        },
        onEnd(error) {
          setState({ ticket, item: last, done: true, error: error ? errorFromShape(error) : null });
          if (!error && last) finish.current(last, ticket);
        },
      },
    );
    return () => handle.unsubscribe();
  }, [client, name, ticket, untilActive]);
  return ticket === null || state?.ticket !== ticket ? null : state;
}
