// The web host as an attacker sees it: a real `npm run web` process for the WebSocket door, and an in-process host
// for the static files.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ErrorCode, PROTOCOL_VERSION } from '../../shared/contract/index';
import { createAppDispatcher } from '../../main/app/appHandlers';
import { startWebHost, type WebHost } from '../../main/server/webHost';
import { RPC_PATH, RPC_SUBPROTOCOL, tokenProtocol } from '../../shared/contract/index';
import { createEngineStateStore } from '../../main/app/localEngineSupervisor';
import { sleep } from '../support/sleep';
import { tempDir } from '../support/tempDir';

const root = path.resolve(import.meta.dirname, '..', '..');

interface Launched {
  child: ChildProcess;
  port: number;
  token: string;
  output: string[];
}

async function launchWebCli(): Promise<Launched> {
  const dataDir = tempDir('webhost').path;
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/web.ts', '--port', '0', '--data-dir', dataDir, '--no-open'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      output.push(chunk.toString());
      const match = /^Shardscope web console: http:\/\/127\.0\.0\.1:(\d+)\/#token=([0-9a-f]+)$/m.exec(buffer);
      if (match) resolve({ child, port: Number(match[1]), token: match[2] ?? '', output });
    });
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${output.join('')}`)));
  });
}

/** Opens a WebSocket and reports how the handshake ended: 'open' or the HTTP status of the refusal. */
function attempt(url: string, protocols: string[], headers: Record<string, string> = {}): Promise<number | 'open'> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols, { headers });
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}

function openSession(port: number, token: string): Promise<{ socket: WebSocket; frames: Record<string, unknown>[] }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${RPC_PATH}`, [RPC_SUBPROTOCOL, tokenProtocol(token)], { origin: `http://127.0.0.1:${port}` });
    const frames: Record<string, unknown>[] = [];
    socket.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString()) as Record<string, unknown>));
    socket.once('error', reject);
    socket.once('open', () => {
      socket.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, client: 'security-test' }));
      resolve({ socket, frames });
    });
  });
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2_000 && !check(); i++) await sleep(10);
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('web host process', () => {
  let web: Launched;
  beforeAll(async () => {
    web = await launchWebCli();
  });
  afterAll(() => {
    web.child.kill('SIGTERM');
  });

  it('prints the console address on a line of its own and listens on 127.0.0.1 only', () => {
    expect(web.output.join('')).toMatch(/^Shardscope web console: http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{48}$/m);
  });

  it('refuses a WebSocket with no token or a wrong token', async () => {
    const url = `ws://127.0.0.1:${web.port}${RPC_PATH}`;
    expect(await attempt(url, [RPC_SUBPROTOCOL])).toBe(401);
    expect(await attempt(url, [RPC_SUBPROTOCOL, tokenProtocol('0'.repeat(48))])).toBe(401);
    expect(await attempt(url, [RPC_SUBPROTOCOL, tokenProtocol(web.token.slice(0, -1))])).toBe(401);
    expect(await attempt(url, [RPC_SUBPROTOCOL, tokenProtocol(web.token)])).toBe('open');
  });

  it('refuses a foreign Origin and a foreign Host even with the right token', async () => {
    const url = `ws://127.0.0.1:${web.port}${RPC_PATH}`;
    const protocols = [RPC_SUBPROTOCOL, tokenProtocol(web.token)];
    expect(await attempt(url, protocols, { Origin: 'https://evil.example' })).toBe(403);
    expect(await attempt(url, protocols, { Origin: `http://127.0.0.1:${web.port + 1}` })).toBe(403);
    expect(await attempt(url, protocols, { Origin: 'null' })).toBe(403);
    expect(await attempt(url, protocols, { Host: `rebound.example:${web.port}` })).toBe(421);
    expect(await attempt(url, protocols, { Origin: `http://localhost:${web.port}` })).toBe('open');
  });

  it('answers 1,000 malformed frames with 1,000 errors and keeps serving', async () => {
    const { socket, frames } = await openSession(web.port, web.token);
    await until(() => frames.length === 1, 'welcome');
    frames.length = 0;
    const huge = JSON.stringify({ type: 'call', id: 'huge', command: 'app.info', params: { pad: 'x'.repeat(1_100_000) } });
    const malformed: (string | Buffer)[] = [];
    for (let i = 0; i < 1_000; i++) {
      const kind = i % 20;
      malformed.push(
        [
          () => `garbage ${i} \u0000\uffff`,
          () => '{"type":"call","id":',
          () => huge,
          () => JSON.stringify({ type: 'call', id: i, command: 'app.info', params: {} }),
          () => JSON.stringify({ type: 'call', id: `m${i}`, command: 42, params: {} }),
          () => JSON.stringify({ type: 'call', id: `m${i}`, command: 'app.info', params: { extra: i } }),
          () => JSON.stringify({ type: 'call', id: `m${i}`, command: 'no.such.command', params: {} }),
          () => JSON.stringify({ type: 'call', id: `m${i}`, command: '__proto__', params: {} }),
          () => JSON.stringify({ type: 'subscribe', id: `m${i}`, topic: 'diag.count', params: { from: 'zero' } }),
          () => JSON.stringify({ type: 'subscribe', id: `m${i}`, topic: 'constructor', params: {} }),
          () => JSON.stringify({ type: 'unsubscribe', id: `never-started-${i}` }),
          () => JSON.stringify({ type: 'ack', id: `m${i}`, seq: -1 }),
          () => JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, client: 'again' }),
          () => JSON.stringify({ type: 'teleport', id: `m${i}` }),
          () => JSON.stringify([1, 2, 3]),
          () => 'null',
          () => '"just a string"',
          () => JSON.stringify({ __proto__: { polluted: true }, type: 'call', id: `m${i}`, command: 'app.info', params: { constructor: { prototype: { polluted: true } } } }),
          () => Buffer.from([0xde, 0xad, 0xbe, 0xef, i & 0xff]),
          () => JSON.stringify({ type: 'call', id: 'x'.repeat(65), command: 'app.info', params: {} }),
        ][kind]!(),
      );
    }
    for (const frame of malformed) socket.send(frame);
    await until(() => frames.length >= 1_000, '1,000 answers');
    expect(frames).toHaveLength(1_000);
    expect(frames.every((frame) => frame.type === 'error')).toBe(true);
    const codes = new Set(frames.map((frame) => (frame.error as { code: string }).code));
    expect([...codes].sort()).toEqual(
      [ErrorCode.BadFrame, ErrorCode.FrameTooLarge, ErrorCode.UnknownCommand, ErrorCode.UnknownSubscription, ErrorCode.ValidationException].sort(),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    // Still alive, still answering, on this connection and on a new one.
    socket.send(JSON.stringify({ type: 'call', id: 'after', command: 'app.info', params: {} }));
    await until(() => frames.length === 1_001, 'the answer after the storm');
    expect(frames[1_000]).toMatchObject({ type: 'result', id: 'after', result: { name: 'Shardscope', transport: 'websocket' } });
    socket.close();
    expect(web.child.exitCode).toBeNull();
  });

  it('closes a connection that sends a message beyond the socket limit, and stays up', async () => {
    const { socket, frames } = await openSession(web.port, web.token);
    await until(() => frames.length === 1, 'welcome');
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    // The server may reset the socket while the client is still writing: that is one of the expected outcomes.
    socket.on('error', () => {});
    socket.send('x'.repeat(5 * 1024 * 1024));
    // 1009 "message too big" when the close frame arrives, 1006 when the reset beats it.
    expect([1006, 1009]).toContain(await closed);
    const again = await openSession(web.port, web.token);
    await until(() => again.frames.length === 1, 'welcome on a new connection');
    again.socket.close();
    expect(web.child.exitCode).toBeNull();
  });
});

describe('web host static files', () => {
  let host: WebHost;
  let rendererDir: string;
  beforeAll(async () => {
    rendererDir = tempDir('renderer').path;
    mkdirSync(path.join(rendererDir, 'assets'));
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Shardscope</title>');
    writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(path.dirname(rendererDir), 'secret.txt'), 'outside the root');
    const { dispatcher } = createAppDispatcher({ identity: { version: 't', dataDir: rendererDir }, engine: createEngineStateStore() });
    host = await startWebHost({ dispatcher, rendererDir, port: 0 });
  });
  afterAll(() => host.close());

  const get = (pathname: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: host.port, path: pathname, headers }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('serves the renderer with a strict CSP', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Shardscope</title>');
    expect(index.headers['content-security-policy']).toBe(
      `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self' ws://127.0.0.1:${host.port} ws://localhost:${host.port}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const script = await get('/assets/app.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const attack of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%00index.html']) {
      const response = await get(attack);
      expect(response.status, attack).toBe(404);
      expect(response.body).not.toContain('outside the root');
    }
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect((await get('/', { Host: `attacker.example:${host.port}` })).status).toBe(421);
  });

  it('only binds the loopback address', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
  });
});
