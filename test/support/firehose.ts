// Helpers for the Firehose delivery tests: a random source with scripted UUIDs, a throwaway data folder, a
// loopback HTTP receiver that records what it gets and answers with a handler, and a file walker for local S3.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Random } from '../../shared/domain/random';

/** uuid() answers the given values in turn (then `uuid-<n>` shaped ones); next() is always 0.5 (jitter-free backoff). */
export function scriptedRandom(uuids: readonly string[] = []): Random & { uuidsUsed: number } {
  let i = 0;
  const random = {
    uuidsUsed: 0,
    next: () => 0.5,
    int: (min: number, max: number) => Math.floor((min + max) / 2),
    pick: <T>(items: readonly T[]): T => items[0] as T,
    uuid: () => {
      random.uuidsUsed++;
      const n = i++;
      return uuids[n] ?? `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    },
  };
  return random;
}

export async function tempDir(name: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `shardscope-${name}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Every file under `root`, as paths relative to it with '/' separators, sorted. */
export async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) await walk(path);
      else out.push(relative(root, path).split('\\').join('/'));
    }
  }
  await walk(root);
  return out.sort();
}

export { readFile };

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 that records each request and lets `handle` answer it. */
export async function startReceiver(handle: (request: ReceivedRequest, response: ServerResponse, index: number) => void): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received: ReceivedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(received);
      handle(received, res, requests.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    // Safe to call twice: closing a closed server only reports an error to the callback.
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export interface DeliveryFixture {
  /** This test's data folder. */
  readonly path: string;
  /** A receiver closed after the test. */
  receiver(handle: Parameters<typeof startReceiver>[0]): Promise<Receiver>;
}

/** Per test: a fresh data folder and the receivers started through it, all gone after the test. */
export function useDeliveryFixture(name: string): DeliveryFixture {
  let dir: { path: string; remove: () => Promise<void> } | undefined;
  const receivers: Receiver[] = [];
  beforeEach(async () => {
    dir = await tempDir(name);
  });
  afterEach(async () => {
    for (const r of receivers.splice(0)) await r.close();
    await dir?.remove();
  });
  return {
    get path() {
      if (!dir) throw new Error('The delivery fixture is used outside a test');
      return dir.path;
    },
    async receiver(handle) {
      const r = await startReceiver(handle);
      receivers.push(r);
      return r;
    },
  };
}

/**
 * Sets AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY for the enclosing describe and restores them after: the engine's
 * S3 and Lambda clients take credentials from the SDK's standard chain, whose first source is the environment.
 */
export function useEnvCredentials(accessKeyId: string, secretAccessKey: string): void {
  const names = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;
  const saved = names.map((name) => process.env[name]);
  beforeAll(() => {
    process.env.AWS_ACCESS_KEY_ID = accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = secretAccessKey;
  });
  afterAll(() => {
    names.forEach((name, i) => {
      const value = saved[i];
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    });
  });
}
