// Raw TCP exchanges for input no HTTP client will send: half requests that stall, HTTP/2 garbage, non-HTTP bytes.
import { connect, type Socket } from 'node:net';

export interface SocketOutcome {
  /** The server closed (or reset) the connection. */
  closed: boolean;
  /** Bytes the server sent before closing or before we gave up. */
  received: Buffer;
}

/** Writes the chunks, then waits up to waitMs for the server to close; resolves with what happened. */
export function exchange(port: number, chunks: Buffer[], waitMs: number): Promise<SocketOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const received: Buffer[] = [];
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ closed, received: Buffer.concat(received) });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk);
    });
  });
}

/** Opens a connection, sends a partial request and leaves it hanging; the caller destroys it. */
export function stalledSocket(port: number, partial: Buffer): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.write(partial);
      resolve(socket);
    });
    socket.on('error', () => undefined);
    socket.once('error', reject);
  });
}
