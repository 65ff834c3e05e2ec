// SDK clients and small waiting helpers shared by the harness suites and the benchmarks.
import { Agent } from 'node:http';
import { DescribeStreamSummaryCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export const dummyCredentials = { accessKeyId: 'AKIDSHARDSCOPETEST', secretAccessKey: 'shardscope-test-secret' };
export const region = 'us-east-1';

/** HTTP/1.1 with a keep-alive pool, so every peer (kinesalite has no h2c) gets the same client. */
export function kinesisClient(endpoint: string, maxSockets = 16): KinesisClient {
  return new KinesisClient({
    endpoint,
    region,
    credentials: dummyCredentials,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      httpAgent: new Agent({ keepAlive: true, maxSockets }),
      connectionTimeout: 5000,
      requestTimeout: 60_000,
    }),
  });
}

/** Environment for the AWS CLI and boto3: dummy keys, a region, and no ~/.aws lookups. */
export function awsClientEnv(): NodeJS.ProcessEnv {
  return {
    PATH: '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    AWS_ACCESS_KEY_ID: dummyCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: dummyCredentials.secretAccessKey,
    AWS_DEFAULT_REGION: region,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls DescribeStreamSummary until the stream has the wanted status (the engine's delays are short). */
export async function waitForStatus(client: KinesisClient, streamName: string, status = 'ACTIVE', timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const out = await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
      last = out.StreamDescriptionSummary?.StreamStatus ?? '';
      if (last === status) return;
    } catch (error) {
      last = error instanceof Error ? error.name : String(error);
    }
    await sleep(50);
  }
  throw new Error(`stream ${streamName} did not become ${status} within ${timeoutMs} ms (last: ${last})`);
}
