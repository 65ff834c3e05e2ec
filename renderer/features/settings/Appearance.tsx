import { useSyncExternalStore } from 'react';
import { Card } from '../../components/Card';

const query = '(prefers-color-scheme: dark)';

function subscribe(listener: () => void): () => void {
  const media = window.matchMedia(query);
  media.addEventListener('change', listener);
  return () => media.removeEventListener('change', listener);
}

const isDark = () => window.matchMedia(query).matches;

export function Appearance() {
  const dark = useSyncExternalStore(subscribe, isDark, isDark);
  return (
    <Card id="appearance" title="Appearance">
      <p>
        The theme follows your operating system. It is <strong data-testid="theme-name">{dark ? 'dark' : 'light'}</strong> now and changes
        when the system setting does.
      </p>
    </Card>
  );
}
