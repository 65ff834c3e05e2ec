// The app's contract implementation: one entry per command and subscription in shared/contract/contract.ts.
// Feature handlers (connections, streams, producers, tail, engine) are built from the services and spread in.
import { analyticsCommands, analyticsSubscriptions } from '../../shared/contract/analytics';
import { connectionsCommands, contract, type AppContract } from '../../shared/contract/index';
import { engineCommands, engineSubscriptions } from '../../shared/contract/engine';
import { producersCommands, producersSubscriptions } from '../../shared/contract/producers';
import { reshardCommands, reshardSubscriptions } from '../../shared/contract/reshard';
import { streamsCommands, streamsSubscriptions } from '../../shared/contract/streams';
import { tailCommands, tailSubscriptions } from '../../shared/contract/tail';
import type { ConnectionManager } from '../connections/connectionManager';
import { appInfo, type AppIdentity } from './appInfo';
import { engineDataDir, type EngineStateStore } from './localEngineSupervisor';
import type { Generators } from '../services/producers/generators';
import type { KeyValueStore } from '../services/tail/savedFilters';
import { analyticsHandlers } from './analyticsHandlers';
import { toAppError } from './appErrors';
import { connectionsHandlers, forwardConnectionEvents } from './connectionsHandlers';
import { createDispatcher, type Dispatcher } from '../rpc/dispatcher';
import { engineHandlers } from './engineHandlers';
import { firehoseHandlers } from './firehoseHandlers';
import { metricsHandlers } from './metricsHandlers';
import type { Handlers } from '../rpc/handlers';
import { unavailableHandlers } from './unavailableHandlers';
import type { DispatcherLimits } from '../rpc/limits';
import { producersHandlers } from './producersHandlers';
import { reshardHandlers } from './reshardHandlers';
import { streamsHandlers } from './streamsHandlers';
import { tailHandlers } from './tailHandlers';

export interface AppServices {
  identity: AppIdentity;
  engine: EngineStateStore;
  /** The connection services; the app runtime always has them. Transport tests that only exercise the frame
   *  layer leave them out, and the connection, stream and producer commands then answer ConnectionUnavailable. */
  features?: FeatureServices;
}

export interface FeatureServices {
  connections: ConnectionManager;
  generators: Generators;
  /** settings.db's key/value table (the tailer's saved filters). */
  settings: KeyValueStore;
}

function featureHandlers(features: FeatureServices | undefined) {
  if (!features) {
    return {
      connections: unavailableHandlers(connectionsCommands, {}),
      streams: unavailableHandlers(streamsCommands, streamsSubscriptions),
      producers: unavailableHandlers(producersCommands, producersSubscriptions),
      tail: { ...unavailableHandlers(tailCommands, tailSubscriptions), close: () => undefined },
      engine: unavailableHandlers(engineCommands, engineSubscriptions),
      reshard: unavailableHandlers(reshardCommands, reshardSubscriptions),
      analytics: { ...unavailableHandlers(analyticsCommands, analyticsSubscriptions), close: () => undefined },
    };
  }
  return {
    connections: connectionsHandlers(features.connections),
    streams: streamsHandlers(features.connections),
    producers: producersHandlers(features.connections, features.generators),
    tail: tailHandlers(features.connections, features.settings),
    engine: engineHandlers(features.connections),
    reshard: reshardHandlers(features.connections, features.settings),
    analytics: analyticsHandlers(features.connections, features.settings),
  };
}

/** The handlers, and close(): cancels the tailer's import and replay jobs (on shutdown). */
export function appHandlers(services: AppServices): Handlers<AppContract> & { close(): void } {
  const { connections, streams, producers, tail, engine, reshard, analytics } = featureHandlers(services.features);
  return {
    close: () => {
      tail.close();
      analytics.close();
    },
    commands: {
      'app.info': (_params, ctx) => appInfo(services.identity, ctx.transport),
      'engine.status': () => services.engine.get(),
      ...connections.commands,
      ...streams.commands,
      ...producers.commands,
      ...tail.commands,
      ...analytics.commands,
      ...engine.commands,
      ...reshard.commands,
      ...metricsHandlers(services.features?.connections).commands,
      ...firehoseHandlers(services.features?.connections, engineDataDir(services.identity.dataDir)).commands,
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
      },
      ...streams.subscriptions,
      ...producers.subscriptions,
      ...tail.subscriptions,
      ...engine.subscriptions,
      ...reshard.subscriptions,
      ...analytics.subscriptions,
    },
  };
}

/** The credential values the active connection last resolved, to mask in error messages; none when it has none. */
function activeSecrets(features: FeatureServices | undefined): string[] {
  if (!features) return [];
  try {
    const identity = features.connections.clients().credentials.current();
    return identity ? [identity.accessKeyId, identity.secretAccessKey, identity.sessionToken ?? ''] : [];
  } catch {
    return [];
  }
}

/** The dispatcher every transport of the app serves, with engine and connection changes forwarded as events. */
export function createAppDispatcher(services: AppServices, limits?: Partial<DispatcherLimits>): { dispatcher: Dispatcher<AppContract>; dispose(): void } {
  const handlers = appHandlers(services);
  const dispatcher = createDispatcher(contract, handlers, {
    server: { name: 'Shardscope', version: services.identity.version },
    toError: (error) => toAppError(error, activeSecrets(services.features)),
    ...(limits ? { limits } : {}),
  });
  const offEngine = services.engine.onChange((status) => dispatcher.emit('engine.status', status));
  const offConnections = services.features
    ? forwardConnectionEvents(services.features.connections, (event) => dispatcher.emit('connections.event', event))
    : () => undefined;
  return {
    dispatcher,
    dispose() {
      offEngine();
      offConnections();
      handlers.close();
      dispatcher.close();
    },
  };
}
