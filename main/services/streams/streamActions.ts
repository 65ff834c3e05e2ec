// The stream actions: create, delete (guarded by the name typed again), retention, tags and capacity mode.
// AWS's own errors pass through with their codes (the dispatcher keeps an SDK error's name as the code).
import {
  AddTagsToStreamCommand,
  CreateStreamCommand,
  DecreaseStreamRetentionPeriodCommand,
  DeleteStreamCommand,
  IncreaseStreamRetentionPeriodCommand,
  RemoveTagsFromStreamCommand,
  UpdateStreamModeCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import type { z } from 'zod';
import { RpcError } from '../../../shared/contract/errors';
import type {
  CapacityMode,
  StreamCreateParams,
  StreamModeResult,
  StreamRetentionResult,
  StreamTagsResult,
} from '../../../shared/contract/streams';
import { chunks, diffTags } from '../../../shared/domain/tagDiff';
import { readSummary, readTags } from './streamReaders';

/** Tags per AddTagsToStream / RemoveTagsFromStream call: AWS takes 50, some emulators 10. */
const TAGS_PER_CALL = 10;

async function statusOr(kinesis: KinesisClient, name: string, fallback: string): Promise<string> {
  try {
    return (await readSummary(kinesis, name)).status;
  } catch {
    return fallback; // just created or deleted: the summary may not be readable yet, or any more
  }
}

export async function createStream(kinesis: KinesisClient, params: z.output<typeof StreamCreateParams>): Promise<{ name: string; status: string }> {
  const { name, capacity, tags } = params;
  await kinesis.send(
    new CreateStreamCommand({
      StreamName: name,
      // Provisioned is the default mode; leaving StreamModeDetails out keeps older backends happy.
      ...(capacity.mode === 'PROVISIONED' ? { ShardCount: capacity.shardCount } : { StreamModeDetails: { StreamMode: 'ON_DEMAND' } }),
      ...(tags && Object.keys(tags).length > 0 ? { Tags: tags } : {}),
    }),
  );
  return { name, status: await statusOr(kinesis, name, 'CREATING') };
}

export async function deleteStream(
  kinesis: KinesisClient,
  params: { name: string; confirmName: string; enforceConsumerDeletion: boolean },
): Promise<{ name: string; status: string }> {
  if (params.confirmName !== params.name) {
    throw new RpcError('ConfirmationMismatch', `To delete the stream ${params.name}, confirmName must repeat its name exactly.`);
  }
  await kinesis.send(new DeleteStreamCommand({ StreamName: params.name, ...(params.enforceConsumerDeletion ? { EnforceConsumerDeletion: true } : {}) }));
  return { name: params.name, status: await statusOr(kinesis, params.name, 'DELETING') };
}

export async function setRetention(kinesis: KinesisClient, name: string, hours: number): Promise<StreamRetentionResult> {
  const previousHours = (await readSummary(kinesis, name)).retentionHours;
  if (hours === previousHours) return { name, previousHours, hours, change: 'unchanged' };
  const input = { StreamName: name, RetentionPeriodHours: hours };
  if (hours > previousHours) await kinesis.send(new IncreaseStreamRetentionPeriodCommand(input));
  else await kinesis.send(new DecreaseStreamRetentionPeriodCommand(input));
  return { name, previousHours, hours, change: hours > previousHours ? 'increased' : 'decreased' };
}

export async function setTags(kinesis: KinesisClient, name: string, wanted: Record<string, string>): Promise<StreamTagsResult> {
  const diff = diffTags(await readTags(kinesis, name), wanted);
  for (const keys of chunks(diff.removed, TAGS_PER_CALL)) {
    await kinesis.send(new RemoveTagsFromStreamCommand({ StreamName: name, TagKeys: keys }));
  }
  for (const keys of chunks(Object.keys(diff.toSet), TAGS_PER_CALL)) {
    await kinesis.send(new AddTagsToStreamCommand({ StreamName: name, Tags: Object.fromEntries(keys.map((k) => [k, diff.toSet[k] ?? ''])) }));
  }
  return { name, added: diff.added, updated: diff.updated, removed: diff.removed, tags: await readTags(kinesis, name) };
}

export async function setCapacityMode(kinesis: KinesisClient, name: string, mode: CapacityMode): Promise<StreamModeResult> {
  const summary = await readSummary(kinesis, name);
  if (summary.mode === mode) return { name, previousMode: summary.mode, mode, change: 'unchanged' };
  await kinesis.send(new UpdateStreamModeCommand({ StreamARN: summary.arn, StreamModeDetails: { StreamMode: mode } }));
  return { name, previousMode: summary.mode, mode, change: 'switched' };
}
