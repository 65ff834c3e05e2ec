// What the Local engine section reads from main: the limits and fault rules (kept by the engine itself, so a
// reload shows them as they are), and the local streams' names for the stream fields.
import { useCallback, useEffect, useState } from 'react';
import type { FaultsState, LimitsState } from '../../../shared/contract/engine';
import type { AppClient } from '../../api/connect';
import { toUiError, type UiError } from '../../api/errors';

export interface EngineControlsView {
  limits: LimitsState | null;
  faults: FaultsState | null;
  error: UiError | null;
}

/** Loads limits and faults whenever the engine's endpoint changes; `apply` takes a command's answer. */
export function useEngineControls(client: AppClient | null, endpoint: string | null) {
  const [view, setView] = useState<EngineControlsView>({ limits: null, faults: null, error: null });
  const load = useCallback(async () => {
    if (!client || !endpoint) return;
    try {
      const [limits, faults] = await Promise.all([client.call('engine.limits.get', {}), client.call('engine.faults.get', {})]);
      setView({ limits, faults, error: null });
    } catch (error) {
      setView((v) => ({ ...v, error: toUiError(error) }));
    }
  }, [client, endpoint]);
  useEffect(() => {
    void load();
  }, [load]);
  return {
    view,
    reload: load,
    setLimits: (limits: LimitsState) => setView((v) => ({ ...v, limits: { ...limits, stream: null } })),
    setFaults: (faults: FaultsState) => setView((v) => ({ ...v, faults })),
  };
}

/** The local engine's stream names (for suggestions); empty unless the local engine is the active connection. */
export function useLocalStreamNames(client: AppClient | null, enabled: boolean): string[] {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    if (!client || !enabled) return;
    let live = true;
    client.call('streams.list', { limit: 1000 }).then(
      (page) => live && setNames(page.streams.map((s) => s.name)),
      () => live && setNames([]),
    );
    return () => {
      live = false;
    };
  }, [client, enabled]);
  return enabled ? names : [];
}
