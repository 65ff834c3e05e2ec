// The active connection's delivery streams, for the Metrics screen's picker; read when the picker is shown and
// again after a connection switch.
import { useEffect, useState } from 'react';
import { useClient } from '../../api/ClientContext';
import { toUiError, type UiError } from '../../api/errors';
import { connectionsStore } from '../../state/connections';
import { useStore } from '../../state/store';

export function useDeliveryStreamNames(wanted: boolean): { names: string[]; error: UiError | null; loading: boolean } {
  const client = useClient();
  const epoch = useStore(connectionsStore).epoch;
  const [state, setState] = useState<{ epoch: number; names: string[]; error: UiError | null }>({ epoch: -1, names: [], error: null });
  useEffect(() => {
    if (!client || !wanted) return;
    let live = true;
    client.call('firehose.list', {}).then(
      (r) => live && setState({ epoch, names: r.streams.map((s) => s.name), error: null }),
      (e: unknown) => live && setState({ epoch, names: [], error: toUiError(e) }),
    );
    return () => {
      live = false;
    };
  }, [client, epoch, wanted]);
  return state.epoch === epoch ? { names: state.names, error: state.error, loading: false } : { names: [], error: null, loading: true };
}
