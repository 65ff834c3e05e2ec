import { useEffect, type ReactElement } from 'react';
import { NavRail } from './components/NavRail';
import { StatusBar } from './components/StatusBar';
import { AnalyticsScreen } from './features/analytics/AnalyticsScreen';
import { FirehoseScreen } from './features/firehose/FirehoseScreen';
import { MetricsScreen } from './features/metrics/MetricsScreen';
import { ReshardScreen } from './features/reshard/ReshardScreen';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { StreamsScreen } from './features/streams/StreamsScreen';
import { TailScreen } from './features/tail/TailScreen';
import { navigation, screenForShortcut, type ScreenId } from './state/navigation';
import type { Session } from './state/session';
import { useStore } from './state/store';

function focusScreenTitle() {
  requestAnimationFrame(() => document.getElementById('screen-title')?.focus({ preventScroll: true }));
}

export function App({ session }: { session: Session }) {
  const screen = useStore(navigation);
  const state = useStore(session.store);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = screenForShortcut(event);
      if (!target) return;
      event.preventDefault();
      navigation.set(target);
      focusScreenTitle();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const screens: Record<ScreenId, () => ReactElement> = {
    streams: () => <StreamsScreen />,
    tail: () => <TailScreen />,
    reshard: () => <ReshardScreen />,
    firehose: () => <FirehoseScreen />,
    analytics: () => <AnalyticsScreen />,
    metrics: () => <MetricsScreen />,
    settings: () => <SettingsScreen session={session} />,
  };

  return (
    <div className="app">
      <NavRail onNavigate={(id) => navigation.set(id)} />
      <main className="main" id="main">
        {state.problem && state.link === 'closed' ? (
          <div className="banner" role="alert">
            {state.problem}
          </div>
        ) : null}
        {screens[screen]()}
      </main>
      <StatusBar session={state} />
    </div>
  );
}
