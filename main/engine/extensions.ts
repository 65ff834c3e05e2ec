// Parts installed on every Engine as it is constructed, before it completes the status transitions left pending
// by a restart: the transition hooks they register must exist by then.
import { scheduleShardExpiry } from './kinesis/resharding/closedShards';
import type { Engine } from './core/engine';
import { installResharding } from './kinesis/resharding/resharding';

export const engineExtensions: readonly ((engine: Engine) => void)[] = [installResharding, scheduleShardExpiry];
