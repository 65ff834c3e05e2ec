import { useEffect, type ReactElement } from 'react';
import { ClientContext } from './api/ClientContext';
import { CommandPalette } from './components/CommandPalette';
import { NavRail } from './components/NavRail';
import { StatusBar } from './components/StatusBar';
import { AnalyticsScreen } from './features/analytics/AnalyticsScreen';
import { MfaDialog } from './features/connections/MfaDialog';
import { FirehoseScreen } from './features/firehose/FirehoseScreen';
import { MetricsScreen } from './features/metrics/MetricsScreen';
import { ReshardScreen } from './features/reshard/ReshardScreen';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { CreateStreamDialog } from './features/streams/CreateStreamDialog';
import { StreamsScreen } from './features/streams/StreamsScreen';
import { patchStreamsUi } from './features/streams/streamsUi';
import { TailScreen } from './features/tail/TailScreen';
import { attachConnections, connectionsStore } from './state/connections';
import { bumpStreams, dialogs, openDialog } from './state/dialogs';
import { navigation, screenForShortcut, type ScreenId } from './state/navigation';
import type { Session } from './state/session';
import { useStore } from './state/store';

function focusScreenTitle() {
  requestAnimationFrame(() => document.getElementById('screen-title')?.focus({ preventScroll: true }));
}

export function App({ session }: { session: Session }) {
  const screen = useStore(navigation);
  const state = useStore(session.store);
  const open = useStore(dialogs);
  const prompts = useStore(connectionsStore).prompts;

  useEffect(() => (session.client ? attachConnections(session.client) : undefined), [session.client]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (mod && !event.altKey && event.code === 'KeyK') {
        event.preventDefault();
        openDialog({ palette: event.shiftKey ? 'connections' : 'all' });
        return;
      }
      if (event.altKey && !mod && !event.shiftKey && event.code === 'KeyN') {
        event.preventDefault();
        navigation.set('streams');
        openDialog({ createStream: true });
        return;
      }
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
    streams: () => <StreamsScreen session={state} />,
    tail: () => <TailScreen session={state} />,
    reshard: () => <ReshardScreen />,
    firehose: () => <FirehoseScreen />,
    analytics: () => <AnalyticsScreen />,
    metrics: () => <MetricsScreen />,
    settings: () => <SettingsScreen session={session} />,
  };

  const prompt = prompts[0];
  return (
    <ClientContext.Provider value={session.client}>
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
      {open.palette ? <CommandPalette key={open.palette} mode={open.palette} onClose={() => openDialog({ palette: null })} /> : null}
      {open.createStream && session.client ? (
        <CreateStreamDialog
          onClose={() => openDialog({ createStream: false })}
          onCreated={(name) => {
            openDialog({ createStream: false });
            bumpStreams();
            navigation.set('streams');
            patchStreamsUi({ selected: name, open: name });
          }}
        />
      ) : null}
      {prompt ? <MfaDialog key={prompt.promptId} prompt={prompt} /> : null}
    </ClientContext.Provider>
  );
}
