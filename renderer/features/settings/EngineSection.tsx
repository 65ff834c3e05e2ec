import type { EngineStatus } from '../../../shared/contract/index';
import { Card, Facts } from './Card';

const stateNames: Record<EngineStatus['state'], string> = {
  starting: 'Starting',
  running: 'Running',
  stopped: 'Stopped',
  failed: 'Failed',
};

export function EngineSection({ engine }: { engine: EngineStatus | null }) {
  return (
    <Card
      id="engine"
      title="Local engine"
      aside={engine ? <span className={`pill pill-${engine.state}`}>{stateNames[engine.state]}</span> : null}
    >
      {engine ? (
        <Facts
          rows={[
            ['State', engine.message, 'engine-message'],
            ['Endpoint', engine.endpoint ? <code>{engine.endpoint}</code> : <span className="muted">None while it is not running</span>],
            ['Since', new Date(engine.since).toLocaleString()],
          ]}
        />
      ) : (
        <p className="muted">Asking Shardscope…</p>
      )}
    </Card>
  );
}
