// The engine's headless CLI (through bin/shardscope-engine.js) and its worker-thread host.
import { CreateStreamCommand, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startEngineWorker, type EngineWorkerStatus } from '../../main/server/engine/worker/engineHost';
import { client, HANDLERS } from '../support/engine-kit';
import { sleep } from '../support/sleep';
import { tempDir } from '../support/tempDir';

const LISTENING = /^Kinesis engine listening on (http:\/\/127\.0\.0\.1:(\d+))$/m;
const children: ChildProcessWithoutNullStreams[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function runCli(args: string[]): { child: ChildProcessWithoutNullStreams; output: () => string; listening: Promise<{ endpoint: string; port: number }> } {
  const child = spawn(process.execPath, ['bin/shardscope-engine.js', ...args], { cwd: process.cwd() });
  children.push(child);
  let output = '';
  const listening = new Promise<{ endpoint: string; port: number }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = LISTENING.exec(output);
      if (match?.[1] && match[2]) resolve({ endpoint: match[1], port: Number(match[2]) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`engine exited with ${code}: ${output}`)));
  });
  return { child, output: () => output, listening };
}

/** True when something accepts a TCP connection on the port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

describe('the engine CLI', () => {
  it('prints its endpoint, serves the streams it was given, and exits cleanly on SIGTERM', async () => {
    const dir = tempDir('engine');
    try {
      const cli = runCli(['--port', '0', '--data-dir', dir.path, '--create-streams', 'orders:2,clicks:1', '--status-delay-ms', '0']);
      const { endpoint } = await cli.listening;
      const kinesis = client({ endpoint }, HANDLERS[1]);
      expect((await kinesis.send(new ListStreamsCommand({}))).StreamNames).toEqual(['clicks', 'orders']);
      await kinesis.send(new CreateStreamCommand({ StreamName: 'more', ShardCount: 1 }));
      kinesis.destroy();
      cli.child.kill('SIGTERM');
      expect(await exitCode(cli.child)).toBe(0);
      expect(cli.output()).toContain(`Data: ${dir.path}`);

      // Same data dir again: the stream made over the wire is still there.
      const again = runCli(['--port', '0', '--data-dir', dir.path]);
      const second = await again.listening;
      const k2 = client(second, HANDLERS[0]);
      expect((await k2.send(new ListStreamsCommand({}))).StreamNames).toEqual(['clicks', 'more', 'orders']);
      k2.destroy();
      again.child.kill('SIGINT');
      expect(await exitCode(again.child)).toBe(0);
    } finally {
      dir.remove();
    }
  });

  it('uses a free port when the requested one is taken, and says so', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      const cli = runCli(['--port', String(taken), '--in-memory']);
      const { port } = await cli.listening;
      expect(port).not.toBe(taken);
      expect(cli.output()).toContain(`Port ${taken} is in use; using port ${port} instead.`);
      cli.child.kill('SIGTERM');
      expect(await exitCode(cli.child)).toBe(0);
    } finally {
      blocker.close();
    }
  });

  it('stops when the wrapper that started it is killed with SIGKILL', async () => {
    const cli = runCli(['--port', '0', '--in-memory']);
    const { port } = await cli.listening;
    expect(await accepts(port)).toBe(true);
    cli.child.kill('SIGKILL');
    await exitCode(cli.child);
    // The wrapper could forward nothing: the engine child notices the closed channel and stops by itself.
    let open = true;
    for (let tries = 0; tries < 150 && open; tries++) {
      await sleep(100);
      open = await accepts(port);
    }
    expect(open).toBe(false);
  });

  it('rejects bad flags', async () => {
    const cli = runCli(['--port', 'abc', '--in-memory']);
    await expect(cli.listening).rejects.toThrow(/--port needs a whole number/);
    expect(cli.child.exitCode).toBe(1);
  });

  it('rejects a Firehose endpoint flag that is not an http(s) URL', async () => {
    const cli = runCli(['--lambda-endpoint', 'localhost:4566', '--in-memory']);
    await expect(cli.listening).rejects.toThrow(/--lambda-endpoint needs an http:\/\/ or https:\/\/ URL/);
    expect(cli.child.exitCode).toBe(1);
  });
});

describe('the engine worker host', () => {
  it('starts the engine in a worker thread, reports its states, and stops', async () => {
    const states: EngineWorkerStatus['state'][] = [];
    const worker = await startEngineWorker({ port: 0, inMemory: true, statusDelayMs: 0, createStreams: ['w:1'], onState: (s) => states.push(s.state) });
    expect(worker.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(worker.status().state).toBe('running');
    const kinesis = client(worker, HANDLERS[0]);
    expect((await kinesis.send(new ListStreamsCommand({}))).StreamNames).toEqual(['w']);
    kinesis.destroy();
    await worker.stop();
    expect(states).toEqual(['starting', 'running', 'stopped']);
  });

  it('terminates a worker that does not exit after stop, so nothing outlives the app', async () => {
    const states: EngineWorkerStatus['state'][] = [];
    const worker = await startEngineWorker({ workerEntry: new URL('../fixtures/engine/stubbornWorker.mjs', import.meta.url), stopGraceMs: 500, onState: (s) => states.push(s.state) });
    await worker.stop();
    expect(states).toEqual(['starting', 'running', 'failed']);
  });

  it('reports a failed start', async () => {
    const states: EngineWorkerStatus['state'][] = [];
    await expect(startEngineWorker({ port: 0, createStreams: ['bad spec!'], inMemory: true, onState: (s) => states.push(s.state) })).rejects.toThrow(/bad stream spec/);
    expect(states).toEqual(['starting', 'failed']);
  });
});
