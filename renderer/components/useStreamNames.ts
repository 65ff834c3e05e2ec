// The current connection's stream names (up to 1,000), for pickers that offer them while still taking any name.
import { useEffect, useState } from 'react';
import type { AppClient } from '../api/connect';
import { toUiError } from '../api/errors';

export interface StreamNames {
  names: string[];
  loading: boolean;
  error: string | null;
}

export function useStreamNames(client: AppClient): StreamNames {
  const [names, setNames] = useState<StreamNames>({ names: [], loading: true, error: null });
  useEffect(() => {
    let live = true;
    client
      .call('streams.list', { limit: 1000 })
      .then((r) => live && setNames({ names: r.streams.map((s) => s.name), loading: false, error: null }))
      .catch((e: unknown) => live && setNames({ names: [], loading: false, error: `Could not list the streams: ${toUiError(e).message}` }));
    return () => {
      live = false;
    };
  }, [client]);
  return names;
}
