// The engine's own admin API: JSON actions under the X-Amz-Target prefix Shardscope_20261128, on the engine's
// port, beside (not inside) the Kinesis namespace. Actions are defineAction modules, validated by the same rules
// DSL and answering errors in AWS's shape; they skip the Kinesis interceptors (no limits, no injected faults).
import type { ActionModule, RequestContext } from '../../core/action';
import type { Engine } from '../../core/engine';
import { KinesisError } from '../../core/errors';
import { adminActions } from './adminActions';

export const ADMIN_SERVICE = 'Shardscope_20261128';

const modules = new Map<string, ActionModule>(adminActions.map((m) => [m.name, m]));

export function isAdminAction(name: string): boolean {
  return modules.has(name);
}

export async function dispatchAdmin(engine: Engine, action: string, body: unknown, request: RequestContext & { origin?: string }): Promise<unknown> {
  // Admin actions read and write local files and reset data: never from a web page (browsers send Origin).
  if (request.origin !== undefined) throw new KinesisError('AccessDeniedException', 'The Shardscope admin API does not accept browser requests.', 403);
  const module = modules.get(action);
  if (!module) throw new KinesisError('UnknownOperationException');
  return module.run(engine.context(request), body);
}
