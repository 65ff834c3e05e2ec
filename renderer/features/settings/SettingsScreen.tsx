import { ScreenHeader } from '../../components/ScreenHeader';
import type { Session } from '../../state/session';
import { useStore } from '../../state/store';
import { ConnectionsSection } from '../connections/ConnectionsSection';
import { LocalEngineSection } from '../engine/LocalEngineSection';
import { About } from './About';
import { Appearance } from './Appearance';
import { Shortcuts } from './Shortcuts';
import { TransportCheck } from './TransportCheck';

export function SettingsScreen({ session }: { session: Session }) {
  const state = useStore(session.store);
  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader title="Settings" subtitle="Connections, this installation, the local engine, appearance and shortcuts" />
      <div className="cards">
        <ConnectionsSection />
        <About info={state.appInfo} problem={state.problem} />
        <LocalEngineSection engine={state.engine} />
        <TransportCheck client={state.link === 'open' ? session.client : null} />
        <Appearance />
        <Shortcuts />
      </div>
    </section>
  );
}
