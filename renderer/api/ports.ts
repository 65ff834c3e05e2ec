// Ports for the renderer: the Electron bridge, a WebSocket to the web host, or (tests) an in-memory pair.
import { BRIDGE_GLOBAL, RPC_PATH, type Bridge, type Port } from '../../shared/contract/index';

export { createMemoryPortPair } from '../../shared/contract/index';

/** The parts of a WebSocket the port needs; the browser's WebSocket and Node's `ws` both have them. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'message' | 'close' | 'error', listener: (event: SocketEvent) => void): void;
}

/** The fields of open/message/close events the port reads. */
export interface SocketEvent {
  type: string;
  data?: unknown;
  code?: number;
  reason?: string;
}

const OPEN = 1;

/** Wraps a WebSocket; frames sent before it opens are held and sent on open. */
export function webSocketPort(socket: WebSocketLike): Port {
  const frameListeners = new Set<(frame: string) => void>();
  const closeListeners = new Set<(reason: string) => void>();
  const outbox: string[] = [];
  let closed = false;
  const shut = (reason: string) => {
    if (closed) return;
    closed = true;
    outbox.length = 0;
    for (const listener of [...closeListeners]) listener(reason);
  };
  socket.addEventListener('open', () => {
    for (const frame of outbox.splice(0)) socket.send(frame);
  });
  socket.addEventListener('message', (event) => {
    const data = event.data;
    if (typeof data !== 'string') return;
    for (const listener of [...frameListeners]) listener(data);
  });
  socket.addEventListener('close', (event) => shut(event.reason ? `${event.reason} (${event.code ?? 0})` : `code ${event.code ?? 0}`));
  return {
    send(frame) {
      if (closed) return;
      if (socket.readyState === OPEN) socket.send(frame);
      else outbox.push(frame);
    },
    onFrame(listener) {
      frameListeners.add(listener);
      return () => frameListeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close() {
      socket.close(1000, 'client closed');
      shut('closed by the client');
    },
  };
}

/** The desktop shell's preload bridge as a Port. The window's life is the connection's life, so it never closes. */
export function bridgePort(bridge: Bridge): Port {
  return {
    send: (frame) => bridge.send(frame),
    onFrame: (listener) => bridge.onFrame(listener),
    onClose: () => () => {},
    close: () => {},
  };
}

export function findBridge(scope: object): Bridge | null {
  const candidate: unknown = Reflect.get(scope, BRIDGE_GLOBAL);
  if (typeof candidate !== 'object' || candidate === null) return null;
  const send: unknown = Reflect.get(candidate, 'send');
  const onFrame: unknown = Reflect.get(candidate, 'onFrame');
  return typeof send === 'function' && typeof onFrame === 'function' ? (candidate as Bridge) : null;
}

/** The token from `#token=…`, remembered for this tab so a reload keeps working once the hash is cleaned. */
export function readToken(location: Location, storage: Storage | null): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    try {
      storage?.setItem('shardscope.token', fromHash);
    } catch {
      // storage can be disabled; the hash still works for this load
    }
    return fromHash;
  }
  try {
    return storage?.getItem('shardscope.token') ?? null;
  } catch {
    return null;
  }
}

export function webSocketUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${RPC_PATH}`;
}
