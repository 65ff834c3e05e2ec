// Two real clients behind one small interface, so the client scenarios are written once and run against both:
// the AWS CLI (one /usr/bin/aws process per call) and boto3 (one /usr/bin/python3 process per suite).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { awsClientEnv } from '../support/kinesis';
import { repoRoot } from '../support/peers';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type CallResult =
  | { ok: true; output: JsonObject }
  | { ok: false; code: string; message: string };

export interface ClientDriver {
  name: string;
  /** Calls an API action by its name; blob members are given base64-encoded. */
  call(action: string, params: JsonObject): Promise<CallResult>;
  /** Runs the client's own waiter ('stream-exists' or 'stream-not-exists'). */
  wait(waiter: 'stream-exists' | 'stream-not-exists', streamName: string): Promise<CallResult>;
  close(): Promise<void>;
}

const kebab = (action: string) => action.replace(/(?<!^)(?=[A-Z])/g, '-').toLowerCase();

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...awsClientEnv(), AWS_MAX_ATTEMPTS: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The CLI prints `An error occurred (Code) when calling the X operation: message` on failure. */
function cliError(stderr: string, code: number | null): CallResult {
  const match = /An error occurred \(([^)]+)\) when calling the \w+ operation(?: \([^)]*\))?: (.*)/s.exec(stderr);
  if (match) return { ok: false, code: match[1] ?? '', message: (match[2] ?? '').trim() };
  return { ok: false, code: `exit ${code}`, message: stderr.trim() };
}

/** `service` is the CLI's / boto3's service name: kinesis (default) or firehose. */
export function awsCliDriver(endpoint: string, service = 'kinesis'): ClientDriver {
  // Against a TLS endpoint the server's certificate is self-signed, as users of `--tls` meet it.
  const base = ['--endpoint-url', endpoint, '--output', 'json', '--no-cli-pager', ...(endpoint.startsWith('https:') ? ['--no-verify-ssl'] : [])];
  const invoke = async (args: string[]): Promise<CallResult> => {
    const { code, stdout, stderr } = await run('/usr/bin/aws', [...base, ...args]);
    if (code !== 0) return cliError(stderr, code);
    // Actions without output (CreateStream, tags, ...) print nothing at all.
    if (stdout.trim() === '') return { ok: true, output: {} };
    return { ok: true, output: JSON.parse(stdout) as JsonObject };
  };
  return {
    name: 'aws-cli',
    call: (action, params) => invoke([service, kebab(action), '--cli-input-json', JSON.stringify(params)]),
    wait: (waiter, streamName) => invoke(['kinesis', 'wait', waiter, '--stream-name', streamName]),
    close: async () => undefined,
  };
}

export function boto3Driver(endpoint: string, service = 'kinesis'): ClientDriver {
  const child: ChildProcessWithoutNullStreams = spawn('/usr/bin/python3', [join(repoRoot, 'test/clients/boto3_driver.py'), endpoint, service], {
    env: awsClientEnv(),
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const lines = createInterface({ input: child.stdout });
  const waiting: Array<(line: string) => void> = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  child.once('close', () => {
    for (const resolve of waiting.splice(0)) resolve(JSON.stringify({ ok: false, code: 'DriverExited', message: stderr }));
  });
  // Requests are answered in order, one line each.
  const ask = (request: JsonObject): Promise<CallResult> =>
    new Promise((resolve) => {
      waiting.push((line) => resolve(JSON.parse(line) as CallResult));
      child.stdin.write(JSON.stringify(request) + '\n');
    });
  return {
    name: 'boto3',
    call: (action, params) => ask({ op: action, params }),
    wait: (waiter, streamName) => ask({ waiter: waiter.replace(/-/g, '_'), params: { StreamName: streamName } }),
    close: async () => {
      if (child.exitCode !== null) return;
      const closed = new Promise((resolve) => child.once('close', resolve));
      child.stdin.end();
      await closed;
    },
  };
}
