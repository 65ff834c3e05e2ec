// The Firehose screens' handlers, typed against their contract fragment; the app handlers spread them in. Each call
// follows the active connection: client-firehose against the local engine or AWS, the local engine's own actions
// for what AWS does not have (flush now, live state, Lambda modules), delivered objects from the engine's files or
// from S3 (read-only).
import { CreateDeliveryStreamCommand, DeleteDeliveryStreamCommand, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import type { EventSpec } from '../../shared/contract/define';
import { RpcError } from '../../shared/contract/errors';
import { firehoseCommands, type FirehoseListResult } from '../../shared/contract/firehose';
import type { ConnectionManager } from '../connections/connectionManager';
import { LOCAL_ID } from '../connections/connectionModel';
import { fileObjectSource, listPrefixes, objectChunk, s3ObjectSource, viewObject, type ObjectSource } from '../services/firehose/deliveredObjects';
import { runPreview } from '../services/firehose/deliveryPreview';
import { describeStream, listStreams, toDetail } from '../services/firehose/deliveryStreams';
import { cloudWatchMetrics, liveState, localMetrics } from '../services/firehose/liveState';
import { LOCAL_ACTIONS, localFirehoseCall, type LocalEngineTarget } from '../services/firehose/localFirehose';
import { newestRecords } from '../services/firehose/sourceSamples';
import { confirmAccount } from '../services/tail/accountGuard';
import type { Handlers } from '../rpc/handlers';
import { unavailableHandlers } from './unavailableHandlers';

export interface FirehoseContract {
  commands: typeof firehoseCommands;
  subscriptions: Record<never, never>;
  events: Record<never, EventSpec>;
}

const TAIL_TIMEOUT_MS = 30_000;

export function firehoseHandlers(connections: ConnectionManager | undefined, engineDataDir: string): Handlers<FirehoseContract> {
  if (!connections) return unavailableHandlers(firehoseCommands, {});
  const scope = (): FirehoseListResult['connection'] => {
    const summary = connections.summary(connections.activeId());
    return { kind: summary.kind, name: summary.name, local: summary.kind === 'local' };
  };
  const localTarget = (what: string): LocalEngineTarget => {
    if (!scope().local) throw new RpcError('LocalOnly', `${what} is a local engine control; AWS has no such action. Switch to the local engine to use it.`);
    const local = connections.summary(LOCAL_ID);
    if (!local.endpoint) throw new RpcError('EngineNotRunning', 'The local engine is not running. Settings → Local engine says why.');
    return { endpoint: local.endpoint, region: local.region };
  };
  const firehose = () => connections.clients().firehose;
  const objectSource = (): ObjectSource => (scope().local ? fileObjectSource(engineDataDir) : s3ObjectSource(connections.clients().s3));
  const destinationOf = async (name: string) => {
    const detail = toDetail(await describeStream(firehose(), name));
    if (!detail.bucket) throw new RpcError('InvalidArgumentException', `${name} has no S3 bucket to read objects from.`);
    return { detail, bucket: detail.bucket };
  };

  return {
    commands: {
      'firehose.list': () => listStreams(firehose(), scope()),
      'firehose.describe': async ({ name }) => toDetail(await describeStream(firehose(), name)),
      'firehose.create': async ({ request, lambdaModules }) => {
        const target = localTarget('Creating a delivery stream from the console');
        const out = await firehose().send(new CreateDeliveryStreamCommand(request));
        for (const module of lambdaModules) {
          try {
            await localFirehoseCall(target, LOCAL_ACTIONS.setLambdaModule, { FunctionArn: module.functionArn, ModulePath: module.modulePath });
          } catch (error) {
            const why = error instanceof Error ? error.message : String(error);
            throw new RpcError('LambdaModuleNotSet', `${request.DeliveryStreamName} was created, but the local module for ${module.functionArn} was not set: ${why}`);
          }
        }
        return { arn: out.DeliveryStreamARN ?? '' };
      },
      'firehose.delete': async ({ name }) => {
        await firehose().send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: name }));
        return {};
      },
      'firehose.put': async ({ name, records, confirmAccountId }) => {
        const summary = connections.summary(connections.activeId());
        await confirmAccount(summary, connections.clients().sts, confirmAccountId, `put test records into ${name}`);
        const out = await firehose().send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: records.map((r) => ({ Data: Buffer.from(r, 'base64') })) }));
        const responses = out.RequestResponses ?? [];
        return {
          recordIds: responses.map((r) => r.RecordId ?? null),
          failed: out.FailedPutCount ?? 0,
          errors: responses.filter((r) => r.ErrorCode).map((r) => `${r.ErrorCode}: ${r.ErrorMessage ?? ''}`),
        };
      },
      'firehose.flush': async ({ name }) => {
        await localFirehoseCall(localTarget('Flush now'), LOCAL_ACTIONS.flush, { DeliveryStreamName: name });
        return {};
      },
      'firehose.state': ({ name }) => liveState(localTarget('The live buffer state'), name),
      'firehose.metrics': async ({ name }) => {
        if (scope().local) return localMetrics(localTarget('Local metrics'), name);
        const detail = toDetail(await describeStream(firehose(), name));
        return cloudWatchMetrics(connections.clients().cloudWatch, name, detail.destination);
      },
      'firehose.preview': async ({ name, samples, startMs, spacingMs }) => {
        const description = await describeStream(firehose(), name);
        const region = connections.clients().region;
        if (samples.kind === 'records') {
          const start = startMs ?? Date.now();
          const records = samples.records.map((r, i) => ({ data: new Uint8Array(Buffer.from(r, 'base64')), atOffsetMs: i * spacingMs }));
          return runPreview({ description, region, records, startMs: start, notes: [] });
        }
        const source = samples.stream ?? toDetail(description).sourceStream;
        if (!source) throw new RpcError('InvalidArgumentException', `${name} reads no Kinesis stream: name the stream to take the newest records from.`);
        const newest = await newestRecords(connections.clients().kinesis, source, samples.count, AbortSignal.timeout(TAIL_TIMEOUT_MS));
        const first = newest[0]?.arrivalMs ?? startMs ?? Date.now();
        const viaSource = description.DeliveryStreamType === 'KinesisStreamAsSource';
        const records = newest.map((r) => ({
          data: r.data,
          atOffsetMs: r.arrivalMs - first,
          ...(viaSource ? { kinesis: { shardId: r.shardId, partitionKey: r.partitionKey, approximateArrivalTimestamp: r.arrivalMs, sequenceNumber: r.sequenceNumber } } : {}),
        }));
        const notes = [`The newest ${newest.length} records of ${source}, at their arrival times.`];
        if (newest.length < samples.count) notes.push(`${source} had only ${newest.length} records in the last 24 hours.`);
        return runPreview({ description, region, records, startMs: first, notes });
      },
      'firehose.objects': async ({ name, limit }) => {
        const { detail, bucket } = await destinationOf(name);
        return objectSource().list(bucket, listPrefixes(detail.prefix, detail.errorPrefix), limit);
      },
      'firehose.object': async ({ name, key }) => {
        const { bucket } = await destinationOf(name);
        return viewObject(objectSource(), bucket, key);
      },
      'firehose.objectChunk': async ({ name, key, offset }) => {
        const { bucket } = await destinationOf(name);
        return objectChunk(objectSource(), bucket, key, offset);
      },
    },
    subscriptions: {},
  };
}
