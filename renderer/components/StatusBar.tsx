import type { EngineState } from '../../shared/contract/index';
import { activeConnection, connectionsStore } from '../state/connections';
import { openDialog } from '../state/dialogs';
import { isMac } from '../state/navigation';
import type { Link, SessionState } from '../state/session';
import { useStore } from '../state/store';
import { HealthDot } from './HealthDot';

const engineWords: Record<EngineState, string> = {
  starting: 'starting',
  running: 'running',
  stopped: 'stopped',
  failed: 'failed',
};

const linkWords: Record<Link, string> = { connecting: 'connecting…', open: 'connected', closed: 'disconnected' };

const transportWords = { electron: 'Desktop', websocket: 'Web', memory: 'In-memory' } as const;

function ConnectionButton() {
  const view = useStore(connectionsStore);
  const active = activeConnection(view);
  const shortcut = isMac() ? '⌘⇧K' : 'Ctrl+Shift+K';
  if (!active) {
    return (
      <span className="status-item" data-testid="active-connection">
        <span className="status-label">Connection</span>
        <strong>{view.loadError ? 'unavailable' : '…'}</strong>
      </span>
    );
  }
  return (
    <button
      type="button"
      className="status-item status-button"
      data-testid="active-connection"
      onClick={() => openDialog({ palette: 'connections' })}
      aria-keyshortcuts="Control+Shift+K Meta+Shift+K"
      title={`Switch connection (${shortcut})`}
      aria-label={`Connection ${active.name}, ${active.region}${active.accountId ? `, account ${active.accountId}` : ''}. Switch connection`}
    >
      <HealthDot health={active.health} />
      <span className="status-label">Connection</span>
      <strong className="status-name">{view.switchingTo ? 'switching…' : active.name}</strong>
      <span className="status-muted">{active.region}</span>
      {active.accountId ? <code className="status-code">{active.accountId}</code> : null}
      <span className="status-caret" aria-hidden="true">
        ▾
      </span>
    </button>
  );
}

export function StatusBar({ session }: { session: SessionState }) {
  // Without the link to main, the last engine state heard is not news: say it is unknown rather than "running".
  const engine = session.link === 'open' ? session.engine : null;
  const engineWordsNow = engine ? engineWords[engine.state] : session.link === 'closed' ? 'unknown' : '…';
  return (
    <footer className="statusbar" aria-label="Status">
      <div className="status-group">
        <ConnectionButton />
        <span
          className="status-item"
          data-testid="engine-state"
          title={engine ? `${engine.message}${engine.endpoint ? ` (${engine.endpoint})` : ''}` : session.link === 'closed' ? 'No link to Shardscope: the engine state is unknown' : 'Waiting for the engine state'}
        >
          <span className={`dot dot-${engine?.state ?? 'unknown'}`} aria-hidden="true" />
          <span className="status-label">Engine</span>
          <strong>{engineWordsNow}</strong>
          {engine?.endpoint ? <code className="status-code">{engine.endpoint}</code> : null}
        </span>
      </div>
      <div className="status-group">
        <button type="button" className="status-item status-button" onClick={() => openDialog({ palette: 'all' })} aria-keyshortcuts="Control+K Meta+K">
          <kbd>{isMac() ? '⌘K' : 'Ctrl+K'}</kbd> Commands
        </button>
        <span className="status-item" data-testid="link-state">
          <span className={`dot dot-link-${session.link}`} aria-hidden="true" />
          {session.appInfo ? transportWords[session.appInfo.transport] : 'Link'} {linkWords[session.link]}
        </span>
        {session.appInfo ? <span className="status-item status-muted status-version">v{session.appInfo.version}</span> : null}
      </div>
    </footer>
  );
}
