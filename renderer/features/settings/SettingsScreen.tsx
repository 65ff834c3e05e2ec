import type { ReactNode } from 'react';
import { ScreenHeader } from '../../components/ScreenHeader';
import type { Session } from '../../state/session';
import { useStore } from '../../state/store';
import { About } from './About';
import { Appearance } from './Appearance';
import { Shortcuts } from './Shortcuts';
import { TransportCheck } from './TransportCheck';
import './settings.css';

/** The connections and local-engine cards are features of their own; the app shell passes them in. */
export function SettingsScreen({ session, connections, engine }: { session: Session; connections: ReactNode; engine: ReactNode }) {
  const state = useStore(session.store);
  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader title="Settings" subtitle="Connections, this installation, the local engine, appearance and shortcuts" />
      <div className="cards">
        {connections}
        <About info={state.appInfo} problem={state.problem} />
        {engine}
        <TransportCheck client={state.link === 'open' ? session.client : null} />
        <Appearance />
        <Shortcuts />
      </div>
    </section>
  );
}
