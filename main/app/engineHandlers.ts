// The local engine's console controls, typed against their contract fragment; the app handlers spread them in:
//   const engine = engineHandlers(connectionManager)
//   commands: { ...engine.commands }, subscriptions: { ...engine.subscriptions }
import type { Transport } from '../../shared/contract/app';
import type { EventSpec } from '../../shared/contract/define';
import { engineCommands, engineSubscriptions } from '../../shared/contract/engine';
import { ErrorCode, RpcError } from '../../shared/contract/errors';
import { LocalEngineControls, type LocalEngineSource } from '../services/localEngineControls';
import { runEngineStats } from '../services/localEngineStats';
import type { Handlers } from '../rpc/handlers';

export interface EngineContract {
  commands: typeof engineCommands;
  subscriptions: typeof engineSubscriptions;
  events: Record<never, EventSpec>;
}

/** Snapshot and restore name files on the user's disk: the desktop shell (and tests) only, never a browser tab. */
function checkFileAccess(transport: Transport): void {
  if (transport === 'websocket') throw new RpcError(ErrorCode.ValidationException, 'Snapshots are files on this machine: take and restore them from the desktop app (or the engine admin API), not from the web console.');
}

export function engineHandlers(source: LocalEngineSource, fetchImpl?: typeof fetch): Handlers<EngineContract> {
  const controls = new LocalEngineControls(source, fetchImpl);
  return {
    commands: {
      'engine.limits.get': ({ stream }) => controls.limits(stream),
      'engine.limits.set': (params) => controls.setLimits(params),
      'engine.faults.get': ({ stream }) => controls.faults(stream),
      'engine.faults.set': (params) => controls.setFaults(params),
      'engine.resetStream': ({ stream, confirmName }) => controls.resetStream(stream, confirmName),
      'engine.snapshot': ({ stream, path }, ctx) => {
        checkFileAccess(ctx.transport);
        return controls.snapshot(stream, path);
      },
      'engine.restore': ({ stream, path, confirmName }, ctx) => {
        checkFileAccess(ctx.transport);
        return controls.restore(stream, path, confirmName);
      },
    },
    subscriptions: {
      'engine.stats': (params, sink) => runEngineStats(source, params, (item) => sink.push(item), sink.signal, fetchImpl),
    },
  };
}
