// The start of every write job (import, replay): the account check, then a StreamWriter routed by the target
// stream's shards and paced under the write limits.
import { readShards } from '../streams/streamReaders';
import { confirmAccount } from './accountGuard';
import { ShardRouter } from './shardRouter';
import { StreamWriter } from './streamWriter';
import type { SessionConnection } from './tailSession';
import { WriteLimiter } from './writeLimiter';

/** How often a running write job reports progress. */
export const WRITE_PROGRESS_MS = 500;

/** `what` completes the confirmation message: "to <what> there, confirm by giving its account id". */
export async function openTargetWriter(
  target: SessionConnection,
  stream: string,
  confirmAccountId: string | undefined,
  what: string,
  signal: AbortSignal,
): Promise<StreamWriter> {
  await confirmAccount(target, target.sts(), confirmAccountId, what);
  const router = new ShardRouter(await readShards(target.kinesis(), stream));
  return new StreamWriter(() => target.kinesis(), stream, { router, limiter: new WriteLimiter() }, signal);
}
