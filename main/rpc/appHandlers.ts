// The app's contract implementation: one entry per command and subscription in shared/contract/contract.ts.
import { contract, type AppContract } from '../../shared/contract/index';
import { appInfo, type AppIdentity } from '../services/appInfo';
import type { EngineStateStore } from '../services/appInfoEngineState';
import { createDispatcher, type Dispatcher } from './dispatcher';
import type { Handlers } from './handlers';
import type { DispatcherLimits } from './limits';

export interface AppServices {
  identity: AppIdentity;
  engine: EngineStateStore;
}

export function appHandlers(services: AppServices): Handlers<AppContract> {
  return {
    commands: {
      'app.info': (_params, ctx) => appInfo(services.identity, ctx.transport),
      'engine.status': () => services.engine.get(),
    },
    subscriptions: {
      'diag.count': async (params, sink) => {
        const end = params.limit === undefined ? Number.MAX_SAFE_INTEGER : params.from + params.limit;
        let n = params.from;
        while (n < end) {
          const room = await sink.ready();
          if (room === 0) return;
          const stop = Math.min(end, n + room, n + 1_000);
          for (; n < stop; n++) sink.push({ n });
        }
        sink.end();
      },
    },
  };
}

/** The dispatcher every transport of the app serves, with engine state changes forwarded as events. */
export function createAppDispatcher(services: AppServices, limits?: Partial<DispatcherLimits>): { dispatcher: Dispatcher<AppContract>; dispose(): void } {
  const dispatcher = createDispatcher(contract, appHandlers(services), {
    server: { name: 'Shardscope', version: services.identity.version },
    ...(limits ? { limits } : {}),
  });
  const off = services.engine.onChange((status) => dispatcher.emit('engine.status', status));
  return {
    dispatcher,
    dispose() {
      off();
      dispatcher.close();
    },
  };
}
