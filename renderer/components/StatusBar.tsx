import type { EngineState } from '../../shared/contract/index';
import type { Link, SessionState } from '../state/session';

const engineWords: Record<EngineState, string> = {
  starting: 'starting',
  running: 'running',
  stopped: 'stopped',
  failed: 'failed',
};

const linkWords: Record<Link, string> = { connecting: 'connecting…', open: 'connected', closed: 'disconnected' };

const transportWords = { electron: 'Desktop', websocket: 'Web', memory: 'In-memory' } as const;

export function StatusBar({ session }: { session: SessionState }) {
  const engine = session.engine;
  return (
    <footer className="statusbar" aria-label="Status">
      <div className="status-group">
        <span className="status-item" title="The backend every screen talks to">
          <span className="status-label">Connection</span>
          <strong>Local engine</strong>
        </span>
        <span
          className="status-item"
          data-testid="engine-state"
          title={engine ? `${engine.message}${engine.endpoint ? ` (${engine.endpoint})` : ''}` : 'Waiting for the engine state'}
        >
          <span className={`dot dot-${engine?.state ?? 'unknown'}`} aria-hidden="true" />
          <span className="status-label">Engine</span>
          <strong>{engine ? engineWords[engine.state] : '…'}</strong>
          {engine?.endpoint ? <code className="status-code">{engine.endpoint}</code> : null}
        </span>
      </div>
      <div className="status-group">
        <span className="status-item" data-testid="link-state">
          <span className={`dot dot-link-${session.link}`} aria-hidden="true" />
          {session.appInfo ? transportWords[session.appInfo.transport] : 'Link'} {linkWords[session.link]}
        </span>
        {session.appInfo ? <span className="status-item status-muted">v{session.appInfo.version}</span> : null}
      </div>
    </footer>
  );
}
