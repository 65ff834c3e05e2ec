// How a browser client reaches the web host's RPC socket. The per-launch token travels as a second
// subprotocol, `token.<hex>`, never in a URL (URLs end up in logs, history and screenshots).

/** The path the web host serves the RPC WebSocket on. */
export const RPC_PATH = '/rpc';

/** The subprotocol the client asks for and the web host answers with. */
export const RPC_SUBPROTOCOL = 'shardscope.v1';

export const RPC_TOKEN_PREFIX = 'token.';

/** The subprotocol that carries the token. */
export function tokenProtocol(token: string): string {
  return RPC_TOKEN_PREFIX + token;
}
