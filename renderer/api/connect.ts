// Picks the transport this renderer runs over: the preload bridge in the desktop shell, else the web host.
import { contract, RPC_SUBPROTOCOL, type AppContract } from '../../shared/contract/index';
import { RpcClient } from './client';
import { bridgePort, findBridge, readToken, webSocketPort, webSocketUrl } from './ports';

export type AppClient = RpcClient<AppContract>;

export type ConnectResult = { client: AppClient } | { problem: string };

export function connectToMain(): ConnectResult {
  const bridge = findBridge(window);
  if (bridge) return { client: new RpcClient(bridgePort(bridge), contract) };
  const token = readToken(window.location, sessionStorage);
  if (!token) {
    return { problem: 'This address has no access token. Open the full address printed by `npm run web` (it ends in #token=…).' };
  }
  // Keep the token out of the visible address (and out of screenshots and bookmarks).
  if (window.location.hash) history.replaceState(null, '', window.location.pathname + window.location.search);
  const socket = new WebSocket(webSocketUrl(window.location), [RPC_SUBPROTOCOL, `token.${token}`]);
  return { client: new RpcClient(webSocketPort(socket), contract) };
}
