// `npm run web` as a user runs it: the web console's CLI in a child process, with the local engine's port taken.
// The engine must fall back to a free port, say so, and print its listening line on a line of its own.
import { ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { client, HANDLERS } from '../support/engine-kit';
import { tempDir } from '../support/tempDir';

const LISTENING = /^Kinesis engine listening on (http:\/\/127\.0\.0\.1:(\d+))$/m;
const CONSOLE = /^Shardscope web console: http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+$/m;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function occupy(): Promise<{ port: number; close(): void }> {
  const server = net.createServer();
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as net.AddressInfo).port, close: () => server.close() })));
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

describe('npm run web -- --engine-port N', () => {
  it('uses a free port when N is taken, says so, and prints the listening line on its own', async () => {
    const taken = await occupy();
    cleanups.push(() => taken.close());
    const dataDir = tempDir('app-cli').path;
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // The child reads AWS files that do not exist, never the user's.
    const env = { ...process.env, AWS_CONFIG_FILE: path.join(dataDir, 'no-aws-config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dataDir, 'no-aws-credentials') };
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/web.ts', '--port', '0', '--data-dir', dataDir, '--engine-port', String(taken.port), '--no-open'], {
      cwd: process.cwd(),
      env,
    });
    cleanups.push(() => void (child.exitCode === null && child.kill('SIGKILL')));
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (LISTENING.test(output) && CONSOLE.test(output)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`web exited with ${code}: ${output}`)));
    });
    const match = LISTENING.exec(output);
    const endpoint = match?.[1] ?? '';
    const port = Number(match?.[2]);
    expect(port).not.toBe(taken.port);
    expect(output).toContain(`Port ${taken.port} is in use; using port ${port} instead.`);
    // It is the engine, in the data folder, and answers the real SDK.
    const kinesis = client({ endpoint }, HANDLERS[0]);
    await expect(kinesis.send(new ListStreamsCommand({}))).resolves.toMatchObject({ StreamNames: [] });
    kinesis.destroy();

    child.kill('SIGINT');
    expect(await exitCode(child)).toBe(0);
  }, 60_000);
});
