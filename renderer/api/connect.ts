// Picks the transport this renderer runs over: the preload bridge in the desktop shell, else the web host.
import { contract, RPC_SUBPROTOCOL, tokenProtocol, type AppContract } from '../../shared/contract/index';
import { RpcClient } from './client';
import { NO_TOKEN_WORDS, whyRefused } from './refusal';
import { bridgePort, findBridge, readToken, webSocketPort, webSocketUrl } from './ports';

export type AppClient = RpcClient<AppContract>;

/** `whyRefused`: when the socket closed without ever opening, what the host says about the token (web only). */
export type ConnectResult = { client: AppClient; whyRefused?: () => Promise<string | null> } | { problem: string };

export function connectToMain(): ConnectResult {
  const bridge = findBridge(window);
  if (bridge) return { client: new RpcClient(bridgePort(bridge), contract) };
  const token = readToken(window.location, sessionStorage);
  if (!token) {
    return { problem: NO_TOKEN_WORDS };
  }
  // Keep the token out of the visible address (and out of screenshots and bookmarks).
  if (window.location.hash) history.replaceState(null, '', window.location.pathname + window.location.search);
  const socket = new WebSocket(webSocketUrl(window.location), [RPC_SUBPROTOCOL, tokenProtocol(token)]);
  let opened = false;
  socket.addEventListener('open', () => (opened = true));
  return { client: new RpcClient(webSocketPort(socket), contract), whyRefused: () => (opened ? Promise.resolve(null) : whyRefused(token)) };
}
