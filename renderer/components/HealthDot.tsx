// A connection's health as a dot with words for screen readers.
import type { ConnectionHealth } from '../../shared/contract/connections';

export function healthWords(health: ConnectionHealth): string {
  switch (health.status) {
    case 'unchecked':
      return 'not checked yet';
    case 'checking':
      return 'checking…';
    case 'ok':
      return 'healthy';
    case 'error':
      return `failing: ${health.failure.code}`;
  }
}

export function HealthDot({ health }: { health: ConnectionHealth }) {
  return <span className={`dot dot-health-${health.status}`} role="img" aria-label={`Health: ${healthWords(health)}`} title={health.status === 'error' ? health.failure.message : healthWords(health)} />;
}
