// Settings → Local engine: its state and endpoint (copyable), and the switches AWS does not have: realistic
// limits, injected faults, resetting a stream, and live per-shard stats. The engine keeps these settings in
// memory, so they show as they are after a reload and go back to the start options after an engine restart.
import type { EngineStatus } from '../../../shared/contract/index';
import { useClient } from '../../api/ClientContext';
import { CopyButton } from '../../components/CopyButton';
import { ErrorNote } from '../../components/ErrorNote';
import { Spinner } from '../../components/Spinner';
import { activeConnection, connectionsStore } from '../../state/connections';
import { useStore } from '../../state/store';
import { Card, Facts } from '../../components/Card';
import { FaultRules } from './FaultRules';
import { LimitsControls } from './LimitsControls';
import { LiveStats } from './LiveStats';
import { ResetStream } from './ResetStream';
import { useEngineControls, useLocalStreamNames } from './engineState';
import './engine.css';

const stateNames: Record<EngineStatus['state'], string> = {
  starting: 'Starting',
  running: 'Running',
  stopped: 'Stopped',
  failed: 'Failed',
};

const STREAM_LIST = 'engine-local-streams';

/** The shared status-pill tones (components.css), so the engine's state looks like every other state badge. */
const stateTones: Record<EngineStatus['state'], string> = {
  running: 'status-ok',
  starting: 'status-busy',
  failed: 'status-bad',
  stopped: 'status-idle',
};

export function LocalEngineSection({ engine }: { engine: EngineStatus | null }) {
  const client = useClient();
  const localActive = activeConnection(useStore(connectionsStore))?.kind === 'local';
  const endpoint = engine?.state === 'running' ? engine.endpoint : null;
  const controls = useEngineControls(client, endpoint);
  const names = useLocalStreamNames(client, localActive && endpoint !== null);
  const { limits, faults, error } = controls.view;

  return (
    <Card id="engine" title="Local engine" wide aside={engine ? <span className={`status-pill ${stateTones[engine.state]}`}>{stateNames[engine.state]}</span> : null}>
      {engine ? (
        <Facts
          rows={[
            ['State', engine.message, 'engine-message'],
            [
              'Endpoint',
              engine.endpoint ? (
                <span className="engine-endpoint">
                  <code data-testid="engine-endpoint">{engine.endpoint}</code>
                  <CopyButton value={engine.endpoint} label="Copy the engine endpoint" />
                </span>
              ) : (
                <span className="muted">None while it is not running</span>
              ),
            ],
            ['Since', new Date(engine.since).toLocaleString()],
          ]}
        />
      ) : (
        <p className="muted">Asking Shardscope…</p>
      )}
      <datalist id={STREAM_LIST}>
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      {!endpoint ? (
        <p className="muted small">The switches for limits, faults and streams appear while the engine runs.</p>
      ) : error ? (
        <ErrorNote error={error} title="The engine's settings could not be read" />
      ) : !limits || !faults ? (
        <Spinner label="Reading the engine's settings…" />
      ) : (
        <div className="engine-grid">
          <LimitsControls limits={limits} streamList={STREAM_LIST} onChange={controls.setLimits} />
          <FaultRules faults={faults} streamList={STREAM_LIST} onChange={controls.setFaults} />
          <ResetStream streamList={STREAM_LIST} />
          <LiveStats streamList={STREAM_LIST} localActive={localActive} />
        </div>
      )}
    </Card>
  );
}
