// The web host: the built renderer over HTTP and the RPC dispatcher over WebSocket, on 127.0.0.1 only.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { RPC_PATH, RPC_SUBPROTOCOL, type ContractDef } from '../../shared/contract/index';
import type { Dispatcher } from '../rpc/dispatcher';
import { allowedHosts, answerTokenCheck, newToken, originAllowed, presentsToken, securityHeaders, TOKEN_CHECK_PATH } from './webHostSecurity';
import { plain, serveStatic } from './webHostStatic';

export interface WebHostOptions<C extends ContractDef> {
  dispatcher: Dispatcher<C>;
  /** The built renderer, usually dist/renderer. */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** When `port` is taken, listen on any free port instead of failing (a remembered port, not a chosen one). */
  fallbackToAnyPort?: boolean;
  /** Defaults to a fresh random token. */
  token?: string;
  /** The WebSocket layer refuses messages above this; the dispatcher answers smaller oversized ones itself. */
  maxMessageBytes?: number;
}

export interface WebHost {
  readonly port: number;
  readonly token: string;
  /** The address to open, token included: http://127.0.0.1:N/#token=… */
  readonly url: string;
  close(): Promise<void>;
}

export const HOST = '127.0.0.1';
const PING_INTERVAL_MS = 30_000;

export async function startWebHost<C extends ContractDef>(options: WebHostOptions<C>): Promise<WebHost> {
  const token = options.token ?? newToken();
  const server = http.createServer();
  // Larger than the dispatcher's frame limit, so a slightly oversized frame gets a FrameTooLarge answer
  // rather than a closed socket; anything beyond this closes the connection (code 1009).
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes ?? 4 * 1024 * 1024,
    handleProtocols: (protocols) => (protocols.has(RPC_SUBPROTOCOL) ? RPC_SUBPROTOCOL : false),
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    await listen(options.port);
  } catch (error) {
    if (!options.fallbackToAnyPort || options.port === 0 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    await listen(0);
  }
  const port = (server.address() as AddressInfo).port;
  const hosts = allowedHosts(port);
  const headers = securityHeaders(port);

  server.on('request', (req, res) => {
    if (!hosts.has(req.headers.host ?? '')) return plain(res, 421, 'Misdirected request: unknown Host.', headers);
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname === TOKEN_CHECK_PATH) return answerTokenCheck(req, res, token, headers);
    serveStatic(options.rendererDir, req, res, headers).catch(() => {
      if (!res.headersSent) plain(res, 500, 'Internal error', headers);
      else res.destroy();
    });
  });

  server.on('upgrade', (req, socket: Socket, head) => {
    const refuse = (status: number, reason: string) => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
    };
    socket.on('error', () => socket.destroy());
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== RPC_PATH) return refuse(404, 'Not Found');
    if (!hosts.has(req.headers.host ?? '')) return refuse(421, 'Misdirected Request');
    if (!originAllowed(req.headers.origin, port)) return refuse(403, 'Forbidden');
    const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (!presentsToken(protocols, token)) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const alive = new WeakSet<WebSocket>();
  wss.on('connection', (ws: WebSocket) => {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    // ws reports protocol violations (an oversized message, bad UTF-8) as an error and then closes the socket;
    // without a listener that error would take the whole process down.
    ws.on('error', () => ws.terminate());
    const session = options.dispatcher.connect({
      transport: 'websocket',
      send: (frame) => {
        if (ws.readyState === ws.OPEN) ws.send(frame);
      },
      close: () => ws.close(1008, 'protocol error'),
    });
    // Binary messages are not part of the protocol; they reach the dispatcher as non-text and are answered as such.
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary) => session.receive(isBinary ? data : data.toString()));
    ws.once('close', () => session.disconnect());
  });
  // A client that vanished without closing (sleep, network) is found by ping and its subscriptions torn down.
  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, PING_INTERVAL_MS);
  pinger.unref();

  return {
    port,
    token,
    url: `http://${HOST}:${port}/#token=${token}`,
    async close() {
      clearInterval(pinger);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
