// The engine CLI's fan-out settings (bin/shardscope-engine.js): --subscription-lifetime-ms ends SubscribeToShard
// subscriptions after the given time instead of AWS's 5 minutes, and bad values stop the CLI with a message.
import { CreateStreamCommand, DescribeStreamConsumerCommand, RegisterStreamConsumerCommand, SubscribeToShardCommand } from '@aws-sdk/client-kinesis';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { sleep } from '../support/sleep';
import { client, HANDLERS } from '../support/engine-kit';

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function runCli(args: string[]) {
  const child = spawn(process.execPath, ['bin/shardscope-engine.js', '--port', '0', '--in-memory', '--status-delay-ms', '0', ...args], { cwd: process.cwd() });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /Kinesis engine listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`engine exited with ${code}: ${output}`)));
  });
  // Callers that expect an exit never await `listening`; its rejection is theirs to ignore.
  listening.catch(() => undefined);
  return { listening, exited, output: () => output };
}

describe('engine CLI fan-out settings', () => {
  it('--subscription-lifetime-ms ends a subscription after that time, as the service does after 5 minutes', async () => {
    const endpoint = await runCli(['--subscription-lifetime-ms', '1500', '--subscription-heartbeat-ms', '200']).listening;
    const kinesis = client({ endpoint }, HANDLERS[0]);
    try {
      const created = await kinesis.send(new CreateStreamCommand({ StreamName: 'fanned', ShardCount: 1 }));
      expect(created.$metadata.httpStatusCode).toBe(200);
      await sleep(50);
      const { Consumer } = await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/fanned', ConsumerName: 'cli' }));
      const consumerArn = Consumer?.ConsumerARN ?? '';
      for (let i = 0; i < 50; i++) {
        const { ConsumerDescription } = await kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: consumerArn }));
        if (ConsumerDescription?.ConsumerStatus === 'ACTIVE') break;
        await sleep(50);
      }
      const { EventStream } = await kinesis.send(new SubscribeToShardCommand({ ConsumerARN: consumerArn, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'LATEST' } }));
      let events = 0;
      // With the default lifetime this loop would run for 5 minutes and the test would time out.
      for await (const event of EventStream ?? []) if (event.SubscribeToShardEvent) events++;
      expect(events).toBeGreaterThan(0);
    } finally {
      kinesis.destroy();
    }
  }, 30_000);

  it('refuses a lifetime of 0 or a value that is not a whole number', async () => {
    for (const value of ['0', '1.5', 'soon']) {
      const cli = runCli(['--subscription-lifetime-ms', value]);
      expect(await cli.exited).toBe(1);
      expect(cli.output()).toContain('--subscription-lifetime-ms needs a whole number');
    }
  });
});
