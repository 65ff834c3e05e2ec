// Copies a value to the clipboard and says so.
import { useState } from 'react';
import { Icon } from './Icon';

export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () => {
    const done = (next: 'copied' | 'failed') => {
      setState(next);
      setTimeout(() => setState('idle'), 1500);
    };
    if (!navigator.clipboard) return done('failed');
    navigator.clipboard.writeText(value).then(
      () => done('copied'),
      () => done('failed'),
    );
  };
  return (
    <button type="button" className="icon-button" onClick={copy} aria-label={label} title={state === 'failed' ? 'The clipboard is not available here' : label}>
      <Icon name={state === 'copied' ? 'check' : 'copy'} size={16} />
    </button>
  );
}
