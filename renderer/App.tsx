import { useEffect } from 'react';
import { ClientContext } from './api/ClientContext';
import { CommandPalette } from './components/CommandPalette';
import { NavRail } from './components/NavRail';
import { StatusBar } from './components/StatusBar';
import { MfaDialog } from './features/connections/MfaDialog';
import { CreateStreamDialog } from './features/streams/CreateStreamDialog';
import { patchStreamsUi } from './features/streams/streamsUi';
import { TailControllersProvider } from './features/tail/tailControllers';
import { screenFor, shellPaletteSources } from './screens';
import { attachConnections, connectionsStore } from './state/connections';
import { bumpStreams, dialogs, openDialog } from './state/dialogs';
import { goToScreen, navigation, screenForShortcut } from './state/navigation';
import { usePaletteSources } from './state/palette';
import type { Session } from './state/session';
import { useStore } from './state/store';

export function App({ session }: { session: Session }) {
  const screen = useStore(navigation);
  const state = useStore(session.store);
  const open = useStore(dialogs);
  const prompts = useStore(connectionsStore).prompts;

  usePaletteSources(shellPaletteSources);
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
      goToScreen(target);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const prompt = prompts[0];
  return (
    <ClientContext.Provider value={session.client}>
      <TailControllersProvider>
        <div className="app">
          <NavRail onNavigate={(id) => navigation.set(id)} />
          <main className="main" id="main">
            {state.problem && state.link === 'closed' ? (
              <div className="banner" role="alert">
                {state.problem}
              </div>
            ) : null}
            {/* Never linked to main (a refused or missing token): the banner says why; a screen would only add
                its own "Disconnected" errors to it. */}
            {state.link === 'closed' && state.problem && !state.appInfo ? null : screenFor(screen, session, state)}
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
      </TailControllersProvider>
    </ClientContext.Provider>
  );
}
