// The RPC half of the app, in memory: handlers behind a real dispatcher, joined to a typed client by a memory
// port pair, so every call is schema-checked both ways exactly as over Electron IPC or the web host.
import { createMemoryPortPair, type ContractDef, type Port, type Transport } from '../../shared/contract/index';
import { createDispatcher, type Dispatcher } from '../../main/rpc/dispatcher';
import type { Handlers } from '../../main/rpc/handlers';
import { servePort } from '../../main/rpc/portSession';
import { RpcClient } from '../../renderer/api/client';

/** A dispatcher for `handlers`, announcing itself as `name` at version 0.0.0. */
export function testDispatcher<C extends ContractDef>(contract: C, handlers: Handlers<C>, name: string): Dispatcher<C> {
  return createDispatcher(contract, handlers, { server: { name, version: '0.0.0' } });
}

/** The client end of a memory port pair whose other end the dispatcher serves, labelled as `transport`. */
export function memoryPort<C extends ContractDef>(dispatcher: Dispatcher<C>, transport: Transport = 'memory'): Port {
  const [clientPort, serverPort] = createMemoryPortPair();
  servePort(dispatcher, serverPort, transport);
  return clientPort;
}

/** A typed client over a fresh memory port, resolved once its handshake is done. */
export async function memoryClient<C extends ContractDef>(dispatcher: Dispatcher<C>, contract: C, name: string, transport: Transport = 'memory'): Promise<RpcClient<C>> {
  const client = new RpcClient(memoryPort(dispatcher, transport), contract, name);
  await client.ready;
  return client;
}
