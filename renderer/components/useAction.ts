// One request the user started: busy while it runs, its error kept to show, success handed on.
import { useState } from 'react';
import { toUiError, type UiError } from '../api/errors';

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const run = async <T,>(work: () => Promise<T>, onDone: (value: T) => void) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const value = await work();
      setBusy(false);
      onDone(value);
    } catch (e) {
      setBusy(false);
      setError(toUiError(e));
    }
  };
  return { busy, error, run, clearError: () => setError(null) };
}
