// The reshard wizard's handlers, typed against its contract fragment; the app handlers spread them in. Thin:
// the work is in main/services/reshard/.
import type { EventSpec } from '../../shared/contract/define';
import { reshardCommands, reshardSubscriptions } from '../../shared/contract/reshard';
import type { Handlers, Sink } from '../rpc/handlers';
import { ReshardService, type ReshardSource } from '../services/reshard/reshardService';
import type { KeyValueStore } from '../services/tail/savedFilters';

export interface ReshardContract {
  commands: typeof reshardCommands;
  subscriptions: typeof reshardSubscriptions;
  events: Record<never, EventSpec>;
}

/** Sends through a sink that can wait: each item waits for room in the client's queue. */
function sender<Item>(sink: Sink<Item>): (item: Item) => Promise<void> {
  return async (item) => {
    if ((await sink.ready()) > 0) sink.push(item);
  };
}

export function reshardHandlers(connections: ReshardSource, settings: KeyValueStore, service = new ReshardService(connections, settings)): Handlers<ReshardContract> {
  return {
    commands: {
      'reshard.plan': (params) => service.plan(params),
      'reshard.pause': ({ runId }) => ({ accepted: service.stop(runId, 'paused') }),
      'reshard.cancel': ({ runId }) => ({ accepted: service.stop(runId, 'cancelled') }),
      'reshard.run': ({ stream }) => ({ run: service.latestRun(stream) }),
    },
    subscriptions: {
      'reshard.observe': (params, sink) => service.observe(params, { send: sender(sink), progress: (item) => sink.push(item) }, sink.signal),
      'reshard.execute': (params, sink) => service.execute(params, { push: (item) => sink.push(item), signal: sink.signal }),
      'reshard.rehearse': (params, sink) => service.rehearse(params, { push: (item) => sink.push(item), signal: sink.signal }),
      'reshard.resume': (params, sink) => service.resume(params, { push: (item) => sink.push(item), signal: sink.signal }),
    },
  };
}
