// The connections handlers, typed against their contract fragment, and the bridge from ConnectionManager's
// events to contract events. Every answer goes through the contract's result schemas, which list only names,
// regions, endpoints, account ids and health: nothing the service holds as a credential can ride along.
import type { ConnectionEvent } from '../../shared/contract/connections';
import { connectionsCommands, connectionsEvents } from '../../shared/contract/contract';
import type { SubscriptionSpec } from '../../shared/contract/define';
import type { ConnectionManager } from '../connections/connectionManager';
import type { Handlers } from '../rpc/handlers';

export interface ConnectionsContract {
  commands: typeof connectionsCommands;
  subscriptions: Record<never, SubscriptionSpec>;
  events: typeof connectionsEvents;
}

export function connectionsHandlers(manager: ConnectionManager): Handlers<ConnectionsContract> {
  return {
    commands: {
      'connections.state': () => ({ ...manager.state(), mfaPrompts: manager.pendingMfaPrompts() }),
      'connections.switch': async (params) => {
        await manager.switchTo(params.id);
        return manager.state();
      },
      'connections.checkHealth': async (params) => ({ id: params.id, health: await manager.checkHealth(params.id) }),
      'connections.checkAllHealth': async () => ({ results: await manager.checkAllHealth() }),
      'connections.addCustom': (params) => manager.addCustom(params),
      'connections.updateCustom': (params) => manager.updateCustom(params),
      'connections.removeCustom': async (params) => {
        await manager.removeCustom(params);
        return manager.state();
      },
      'connections.setRegion': (params) => manager.setRegion(params),
      'connections.refreshProfiles': () => manager.refreshProfiles(),
      'connections.answerMfa': (params) => ({ accepted: manager.answerMfa(params) }),
    },
    subscriptions: {},
  };
}

/** Forwards every ConnectionEvent as the contract's connections.event; returns the unsubscribe function. */
export function forwardConnectionEvents(manager: ConnectionManager, emit: (event: ConnectionEvent) => void): () => void {
  return manager.on(emit);
}
