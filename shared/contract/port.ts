// A Port is one end of a transport as both sides see it: JSON text frames in and out, and a close signal.
// Electron IPC, WebSocket and the in-memory pair below are all adapted to it.

export interface Port {
  send(frame: string): void;
  onFrame(listener: (frame: string) => void): () => void;
  /** Fires once when the other side goes away or `close` is called. */
  onClose(listener: (reason: string) => void): () => void;
  close(): void;
}

/** Two connected ports. Delivery is asynchronous, like every real transport. */
export function createMemoryPortPair(): [Port, Port] {
  const a = new MemoryPort();
  const b = new MemoryPort();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

class MemoryPort implements Port {
  peer: MemoryPort | null = null;
  private readonly frameListeners = new Set<(frame: string) => void>();
  private readonly closeListeners = new Set<(reason: string) => void>();
  private closed = false;

  send(frame: string): void {
    const peer = this.peer;
    if (this.closed || !peer) return;
    void Promise.resolve().then(() => peer.deliver(frame));
  }

  onFrame(listener: (frame: string) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  onClose(listener: (reason: string) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): void {
    if (this.closed) return;
    this.shut('closed locally');
    const peer = this.peer;
    if (peer) void Promise.resolve().then(() => peer.shut('closed by peer'));
  }

  private deliver(frame: string): void {
    if (this.closed) return;
    for (const listener of [...this.frameListeners]) listener(frame);
  }

  private shut(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const listener of [...this.closeListeners]) listener(reason);
    this.frameListeners.clear();
    this.closeListeners.clear();
  }
}

/** The one IPC channel between the desktop shell's main process and its window. */
export const IPC_CHANNEL = 'shardscope:rpc';

/** The name under which the preload exposes the bridge on `window`. */
export const BRIDGE_GLOBAL = 'shardscopeBridge';

/** All the preload exposes to the renderer: frames out, frames in. */
export interface Bridge {
  send(frame: string): void;
  onFrame(listener: (frame: string) => void): () => void;
}
