// The engine's own admin API: JSON actions under the X-Amz-Target prefix Shardscope_20261128, on the engine's
// port, beside (not inside) the Kinesis namespace. Actions are defineAction modules, validated by the same rules
// DSL and answering errors in AWS's shape; they skip the Kinesis interceptors (no limits, no injected faults).
import { actionService } from '../../core/actionService';
import { KinesisError } from '../../core/errors';
import type { Service } from '../../core/service';
import type { Kinesis } from '../kinesis';
import { adminActions } from './adminActions';

export const ADMIN_SERVICE = 'Shardscope_20261128';

export function adminService(kinesis: Kinesis): Service {
  return actionService({
    targetPrefix: ADMIN_SERVICE,
    signed: false,
    actions: adminActions,
    context: (request) => kinesis.context(request),
    clock: kinesis.clock,
    admit(request) {
      // Admin actions read and write local files and reset data: never from a web page (browsers send Origin).
      if (request.origin !== undefined) throw new KinesisError('AccessDeniedException', 'The Shardscope admin API does not accept browser requests.', 403);
    },
  });
}
