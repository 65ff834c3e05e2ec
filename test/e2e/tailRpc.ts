// A typed RPC client to the web host the page uses (same token, same WebSocket endpoint), for tail tests and the
// UI tail benchmark to create streams and drive the generator in main without clicking through other screens.
import WebSocket from 'ws';
import { contract, RPC_PATH, RPC_SUBPROTOCOL, tokenProtocol, type AppContract } from '../../shared/contract/index';
import { RpcClient } from '../../renderer/api/client';
import { webSocketPort } from '../../renderer/api/ports';
import { sleep } from '../support/sleep';

export type TestRpc = RpcClient<AppContract>;

export async function connectRpc(origin: string, token: string): Promise<TestRpc> {
  const url = new URL(origin);
  const socket = new WebSocket(`ws://${url.host}${RPC_PATH}`, [RPC_SUBPROTOCOL, tokenProtocol(token)], { origin: url.origin });
  const port = webSocketPort(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const client = new RpcClient(port, contract, 'tail-test');
  await client.ready;
  return client;
}

/** Creates a provisioned stream and waits until it is ACTIVE. */
export async function createActiveStream(rpc: TestRpc, name: string, shardCount: number): Promise<void> {
  await rpc.call('streams.create', { name, capacity: { mode: 'PROVISIONED', shardCount } });
  for (let i = 0; i < 300; i++) {
    // While CREATING, parts of DescribeStream (ListShards) answer ResourceInUseException: wait and ask again.
    const detail = await rpc.call('streams.describe', { name }).catch(() => null);
    if (detail?.summary.status === 'ACTIVE') return;
    await sleep(100);
  }
  throw new Error(`${name} did not become ACTIVE`);
}

/** Puts JSON records `{"n": i, "kind": kinds[i % kinds.length]}` for i in [from, to), in one PutRecords call. */
export async function putNumbered(rpc: TestRpc, stream: string, from: number, to: number, kinds: readonly string[]): Promise<void> {
  const records = Array.from({ length: to - from }, (_, i) => ({ partitionKey: `k${from + i}`, data: { format: 'json' as const, value: JSON.stringify({ n: from + i, kind: kinds[(from + i) % kinds.length] }) } }));
  const result = await rpc.call('producers.putBatch', { stream, records });
  if (result.failedCount > 0) throw new Error(`${result.failedCount} records failed`);
}
