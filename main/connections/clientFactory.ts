// Builds the SDK clients for one connection. Every console feature goes through these, local or AWS.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { memoizeCredentials, type MemoizedCredentials } from './credentials';
import { unreachableError, type FailureContext } from './failureKinds';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

export interface ClientTarget {
  region: string;
  /** Absent for AWS profiles: the SDK picks the regional endpoint (or AWS_ENDPOINT_URL_* / endpoint_url). */
  endpoint?: string;
  /**
   * Custom endpoints get HTTP/1.1: emulators and proxies (kinesalite among them) rarely speak cleartext
   * HTTP/2, which is the Kinesis client's default. AWS and the local engine keep the default.
   */
  http1: boolean;
  /** STS only makes sense against AWS. */
  withSts: boolean;
  credentials: AwsCredentialIdentityProvider;
}

export interface ConnectionClients {
  readonly kinesis: KinesisClient;
  readonly sts: STSClient | undefined;
  /**
   * CloudWatch with the same region and credentials, built on first use (only the Metrics screen on an AWS or
   * custom connection needs it). A custom connection's is pointed at its endpoint (LocalStack serves CloudWatch
   * on the same port; an emulator without it answers with an error the metrics service reports).
   */
  readonly cloudWatch: CloudWatchClient;
  /** Firehose with the same region, credentials and endpoint, built on first use (the Firehose screens). */
  readonly firehose: FirehoseClient;
  /**
   * S3, built on first use: the Firehose screens read delivered objects with it (read-only). A custom endpoint's
   * uses path-style addressing, as S3-compatible servers expect.
   */
  readonly s3: S3Client;
  readonly credentials: MemoizedCredentials;
  readonly region: string;
  /** Frees sockets. The SDK would still send afterwards, so callers fetch clients afresh after a switch. */
  dispose(): void;
  readonly disposed: boolean;
}

const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Network failures leave the client already classified (see unreachableError), so no screen has to know about
 * errnos and none reports an unreachable endpoint as an internal failure. Added at the initialize step: it sees
 * the error after the SDK's own retries.
 */
function classifyNetworkFailures(client: KinesisClient, context: FailureContext): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        throw unreachableError(error, context) ?? error;
      }
    },
    { step: 'initialize', name: 'classifyNetworkFailures' },
  );
}

export function createClients(target: ClientTarget, context: FailureContext): ConnectionClients {
  const credentials = memoizeCredentials(target.credentials);
  const common = {
    region: target.region,
    credentials,
    ...(target.http1 ? { requestHandler: new NodeHttpHandler({ connectionTimeout: CONNECT_TIMEOUT_MS }) } : {}),
  };
  const kinesis = new KinesisClient({ ...common, ...(target.endpoint ? { endpoint: target.endpoint } : {}) });
  classifyNetworkFailures(kinesis, context);
  const sts = target.withSts ? new STSClient(common) : undefined;
  let cloudWatch: CloudWatchClient | undefined;
  let firehose: FirehoseClient | undefined;
  let s3: S3Client | undefined;
  const endpoint = target.endpoint ? { endpoint: target.endpoint } : {};
  let disposed = false;
  return {
    kinesis,
    sts,
    get cloudWatch() {
      cloudWatch ??= new CloudWatchClient({ ...common, ...(target.endpoint ? { endpoint: target.endpoint } : {}) });
      return cloudWatch;
    },
    get firehose() {
      firehose ??= new FirehoseClient({ ...common, ...endpoint });
      return firehose;
    },
    get s3() {
      s3 ??= new S3Client({ ...common, ...endpoint, ...(target.endpoint ? { forcePathStyle: true } : {}) });
      return s3;
    },
    credentials,
    region: target.region,
    get disposed() {
      return disposed;
    },
    dispose: () => {
      if (disposed) return;
      disposed = true;
      kinesis.destroy();
      sts?.destroy();
      cloudWatch?.destroy();
      firehose?.destroy();
      s3?.destroy();
    },
  };
}
