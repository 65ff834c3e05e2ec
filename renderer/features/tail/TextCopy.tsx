// A copy button with words on it ("Copy permalink" → "Copied"), for the detail pane's row of copy actions.
import { useEffect, useState } from 'react';

export function TextCopy({ label, value, shortcut, testId }: { label: string; value: string; shortcut?: string; testId?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = () => {
    if (!navigator.clipboard) return setState('failed');
    navigator.clipboard.writeText(value).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <button type="button" className="button button-small" onClick={copy} aria-keyshortcuts={shortcut} title={shortcut ? `${label} (${shortcut})` : label} data-testid={testId} aria-live="polite">
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Clipboard unavailable' : label}
    </button>
  );
}
