// Analytics as the app serves it: a ConnectionManager on a local engine, the analytics handlers in a real
// dispatcher, a typed RPC client over the memory port (every frame schema-checked both ways), and SDK clients
// (Kinesis, Firehose) straight to the engine to put the records the queries read.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FirehoseClient, CreateDeliveryStreamCommand } from '@aws-sdk/client-firehose';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { analyticsCommands, analyticsSubscriptions, type RunItem, type RunParamsIn } from '../../shared/contract/analytics';
import { defineContract } from '../../shared/contract/index';
import { ConnectionManager } from '../../main/connections/connectionManager';
import { startEngine, type RunningEngine } from '../../main/server/engine/startEngine';
import { analyticsHandlers } from '../../main/app/analyticsHandlers';
import { openSettingsStore, type SettingsStore } from '../../main/storage/settingsStore';
import type { RpcClient, SubscriptionHandle } from '../../renderer/api/client';
import { dummyCredentials, region, sdkClient } from './kinesis';
import { memoryClient, testDispatcher } from './rpc-kit';
import { tempDir } from './tempDir';

export const analyticsContract = defineContract({ commands: analyticsCommands, subscriptions: analyticsSubscriptions, events: {} });
export type AnalyticsClient = RpcClient<typeof analyticsContract>;

export interface AnalyticsKit {
  engine: RunningEngine;
  manager: ConnectionManager;
  settings: SettingsStore;
  client: AnalyticsClient;
  kinesis: KinesisClient;
  firehose: FirehoseClient;
  close(): Promise<void>;
}

/** `awsFiles`: the AWS config and credentials files the connections read (profiles), none by default. */
export async function startAnalyticsKit(awsFiles: { config?: string; credentials?: string } = {}): Promise<AnalyticsKit> {
  const engine = await startEngine({ port: 0, inMemory: true, statusDelayMs: 0 });
  const scratch = tempDir('analytics');
  const settings = openSettingsStore(join(scratch.path, 'settings.db'));
  const aws = { config: join(scratch.path, 'aws-config'), credentials: join(scratch.path, 'aws-credentials') };
  writeFileSync(aws.config, awsFiles.config ?? '');
  writeFileSync(aws.credentials, awsFiles.credentials ?? '');
  const manager = await ConnectionManager.open({ settings, checkOnSwitch: false, localEndpoint: engine.endpoint, awsPaths: () => aws });
  const analytics = analyticsHandlers(manager, settings);
  const dispatcher = testDispatcher(analyticsContract, { commands: analytics.commands, subscriptions: analytics.subscriptions }, 'analytics-test');
  const client = await memoryClient(dispatcher, analyticsContract, 'analytics-test');
  const kinesis = sdkClient(engine.endpoint, { maxAttempts: 3 });
  const firehose = new FirehoseClient({ endpoint: engine.endpoint, region, credentials: dummyCredentials, maxAttempts: 3 });
  return {
    engine,
    manager,
    settings,
    client,
    kinesis,
    firehose,
    async close() {
      analytics.close();
      dispatcher.close();
      manager.close();
      settings.close();
      kinesis.destroy();
      firehose.destroy();
      scratch.remove();
      await engine.close();
    },
  };
}

/** A Direct PUT delivery stream (to the engine's local S3), ACTIVE at once (statusDelayMs 0). */
export async function createDeliveryStream(firehose: FirehoseClient, name: string): Promise<void> {
  const role = 'arn:aws:iam::000000000000:role/firehose';
  await firehose.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: name, ExtendedS3DestinationConfiguration: { RoleARN: role, BucketARN: 'arn:aws:s3:::lake' } }));
}

export interface QueryRunHandle {
  items: RunItem[];
  of<T extends RunItem['type']>(type: T): Extract<RunItem, { type: T }>[];
  /** Resolves once `test` holds for the items so far (rejects after timeoutMs, or when the run ends first). */
  until(test: (items: RunItem[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves when the subscription ends (rejects with its error). */
  ended: Promise<RunItem[]>;
  /** When each item arrived at the client (Date.now), by index in items. */
  arrivedAt: number[];
  handle: SubscriptionHandle;
}

export function runQuery(client: AnalyticsClient, params: RunParamsIn): QueryRunHandle {
  const items: RunItem[] = [];
  const arrivedAt: number[] = [];
  const waiters: { test: (items: RunItem[]) => boolean; resolve(): void; reject(e: Error): void }[] = [];
  let endResolve!: (items: RunItem[]) => void;
  let endReject!: (e: Error) => void;
  let over = false;
  const ended = new Promise<RunItem[]>((resolve, reject) => {
    endResolve = resolve;
    endReject = reject;
  });
  ended.catch(() => undefined);
  const check = () => {
    for (const w of [...waiters]) {
      if (w.test(items)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      } else if (over) {
        waiters.splice(waiters.indexOf(w), 1);
        w.reject(new Error(`the run ended before the condition held; items: ${JSON.stringify(items.filter((i) => i.type !== 'rows').slice(-5))}`));
      }
    }
  };
  const handle = client.subscribe('analytics.run', params, {
    onBatch: (batch) => {
      const now = Date.now();
      for (const item of batch) {
        items.push(item);
        arrivedAt.push(now);
      }
      check();
    },
    onEnd: (error) => {
      over = true;
      check();
      if (error) endReject(Object.assign(new Error(`${error.code}: ${error.message}`), { code: error.code }));
      else endResolve(items);
    },
  });
  return {
    items,
    arrivedAt,
    of: <T extends RunItem['type']>(type: T) => items.filter((i): i is Extract<RunItem, { type: T }> => i.type === type),
    until: (test, timeoutMs = 15_000) =>
      new Promise<void>((resolve, reject) => {
        if (test(items)) return resolve();
        const timer = setTimeout(() => reject(new Error(`timed out; last items: ${JSON.stringify(items.filter((i) => i.type !== 'rows').slice(-3))}`)), timeoutMs);
        waiters.push({ test, resolve: () => (clearTimeout(timer), resolve()), reject: (e) => (clearTimeout(timer), reject(e)) });
        check();
      }),
    ended,
    handle,
  };
}
