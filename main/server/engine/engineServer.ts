// The engine's listening socket: HTTP/1.1 and cleartext HTTP/2 (prior knowledge, as the JS SDK v3 speaks
// it) on one port, told apart by the HTTP/2 connection preface; optionally TLS with ALPN h2/http1.1 and a
// generated self-signed certificate. Limits keep bad clients from holding memory or sockets.
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import type { Engine } from '../../engine/core/engine';
import { createRequestHandler } from './requestHandler';

const H2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
const FIRST_BYTES_TIMEOUT_MS = 10_000;
const IDLE_TIMEOUT_MS = 120_000;
const H2_IDLE_TIMEOUT_MS = 5_000;

export interface TlsMaterial {
  key: string;
  cert: string;
}

export interface EngineServer {
  readonly server: net.Server;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

export function createEngineServer(engine: Engine, options: { tls?: TlsMaterial } = {}): EngineServer {
  const handler = createRequestHandler(engine);
  const sockets = new Set<Duplex>();

  const h1 = http.createServer({ maxHeaderSize: 16 * 1024, requestTimeout: 60_000, headersTimeout: 10_000, keepAliveTimeout: 5_000 }, handler);
  h1.maxHeadersCount = 100;
  h1.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const h2 = http2.createServer(
    {
      maxSessionMemory: 64,
      maxHeaderListPairs: 128,
      peerMaxConcurrentStreams: 128,
      settings: { maxConcurrentStreams: 128, maxHeaderListSize: 16 * 1024 },
    },
    handler,
  );
  // Node's HTTP/2 sends GOAWAY after a connection error but keeps the socket open and emits nothing, so a
  // session is also closed once it has sat idle with no open stream (like HTTP/1.1's keep-alive timeout).
  h2.on('sessionError', (_error, session) => session.destroy());
  h2.on('session', (session) => {
    let openStreams = 0;
    session.on('stream', (stream) => {
      openStreams++;
      stream.once('close', () => openStreams--);
    });
    session.setTimeout(H2_IDLE_TIMEOUT_MS, () => {
      if (openStreams === 0) session.close();
    });
    session.on('error', () => session.destroy());
  });

  /** Reads the first bytes and hands the socket to the HTTP/1.1 or the HTTP/2 server. */
  function route(socket: Duplex): void {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let seen = Buffer.alloc(0);
    const timer = setTimeout(() => socket.destroy(), FIRST_BYTES_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      seen = Buffer.concat([seen, chunk]);
      const compared = Math.min(seen.length, H2_PREFACE.length);
      const isH2 = seen.subarray(0, compared).equals(H2_PREFACE.subarray(0, compared));
      if (isH2 && seen.length < H2_PREFACE.length) return;
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.pause();
      socket.unshift(seen);
      if (isH2) {
        // The HTTP/2 session takes the unshifted bytes from the socket's buffer itself.
        h2.emit('connection', socket);
      } else {
        h1.emit('connection', socket);
        socket.resume();
      }
    };
    socket.on('data', onData);
  }

  let server: net.Server;
  if (options.tls) {
    const secure = tls.createServer({ key: options.tls.key, cert: options.tls.cert, ALPNProtocols: ['h2', 'http/1.1'] });
    secure.on('secureConnection', (socket) => {
      if (socket.alpnProtocol === 'h2') {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        h2.emit('connection', socket);
      } else {
        route(socket);
      }
    });
    secure.on('tlsClientError', () => undefined);
    server = secure;
  } else {
    server = net.createServer((socket) => {
      socket.setNoDelay(true);
      route(socket);
    });
  }
  server.on('connection', (socket: net.Socket) => socket.setTimeout(IDLE_TIMEOUT_MS, () => socket.destroy()));
  server.maxConnections = 1024;

  return {
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        server.once('error', onError);
        server.listen(port, host, () => {
          server.removeListener('error', onError);
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        h1.closeAllConnections();
      });
    },
  };
}
