// What the frame shows about the link to main: connection state, app.info, and the engine's state.
import type { AppInfo, EngineStatus } from '../../shared/contract/index';
import type { AppClient } from '../api/connect';
import { createStore, type Store } from './store';

export type Link = 'connecting' | 'open' | 'closed';

export interface SessionState {
  link: Link;
  /** Why the renderer cannot reach main, in words for the user. */
  problem: string | null;
  appInfo: AppInfo | null;
  engine: EngineStatus | null;
}

export interface Session {
  client: AppClient | null;
  store: Store<SessionState>;
}

/** `whyRefused` turns a socket that never opened into words about the token (see api/refusal.ts). */
export function createSession(client: AppClient | null, problem: string | null = null, whyRefused?: () => Promise<string | null>): Session {
  const store = createStore<SessionState>({ link: client ? 'connecting' : 'closed', problem, appInfo: null, engine: null });
  if (!client) return { client, store };

  const patch = (change: Partial<SessionState>) => store.set((state) => ({ ...state, ...change }));
  client.onState((link) => {
    patch(
      link === 'closed'
        ? { link, problem: 'The connection to Shardscope was lost. If it was stopped, start it again and reload this window.' }
        : { link },
    );
  });
  client.on('engine.status', (engine) => patch({ engine }));
  client.ready
    .then(async () => {
      const [appInfo, engine] = await Promise.all([client.call('app.info'), client.call('engine.status')]);
      patch({ appInfo, engine });
    })
    .catch(async (error: unknown) => {
      const refused = await whyRefused?.().catch(() => null);
      patch({ problem: refused ?? (error instanceof Error ? error.message : String(error)) });
    });
  return { client, store };
}
