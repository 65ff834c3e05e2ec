// Tag actions end to end: AddTagsToStream/RemoveTagsFromStream/ListTagsForStream and TagResource/UntagResource/
// ListTagsForResource on stream and consumer ARNs, with AWS's limits and messages, over HTTP/2 and HTTP/1.1.
import {
  AddTagsToStreamCommand,
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  DeleteStreamCommand,
  ListTagsForResourceCommand,
  ListTagsForStreamCommand,
  RemoveTagsFromStreamCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../main/server/engine/startEngine';
import { client, failure, HANDLERS, registerConsumer, start } from '../support/engine-kit';
import { tempDir } from '../support/tempDir';

const ACCOUNT = '000000000000';
const ARN = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/tagged`;

function tags(count: number, prefix = 'k'): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${String(i).padStart(2, '0')}`, `v${i}`]));
}

describe.each(HANDLERS)('tags over $name', (handler) => {
  let engine: RunningEngine;
  let kinesis: KinesisClient;
  let CONSUMER = '';

  beforeAll(async () => {
    engine = await start();
    kinesis = client(engine, handler);
    await kinesis.send(new CreateStreamCommand({ StreamName: 'tagged', ShardCount: 1, Tags: { team: 'core' } }));
    CONSUMER = await registerConsumer(kinesis, ARN, 'reader');
  });
  afterAll(async () => {
    kinesis.destroy();
    await engine.close();
  });

  it('adds, overwrites and lists stream tags in key order', async () => {
    await kinesis.send(new AddTagsToStreamCommand({ StreamName: 'tagged', Tags: { env: 'dev', 'a b:c/d=e+f-g@h_i.j': 'ünïcode 値' } }));
    await kinesis.send(new AddTagsToStreamCommand({ StreamARN: ARN, Tags: { env: 'prod' } }));
    const listed = await kinesis.send(new ListTagsForStreamCommand({ StreamName: 'tagged' }));
    expect(listed.Tags).toEqual([
      { Key: 'a b:c/d=e+f-g@h_i.j', Value: 'ünïcode 値' },
      { Key: 'env', Value: 'prod' },
      { Key: 'team', Value: 'core' },
    ]);
    expect(listed.HasMoreTags).toBe(false);
  });

  it('pages ListTagsForStream with Limit and ExclusiveStartTagKey', async () => {
    const first = await kinesis.send(new ListTagsForStreamCommand({ StreamName: 'tagged', Limit: 2 }));
    expect(first.Tags?.map((t) => t.Key)).toEqual(['a b:c/d=e+f-g@h_i.j', 'env']);
    expect(first.HasMoreTags).toBe(true);
    const next = await kinesis.send(new ListTagsForStreamCommand({ StreamName: 'tagged', Limit: 2, ExclusiveStartTagKey: 'env' }));
    expect(next.Tags).toEqual([{ Key: 'team', Value: 'core' }]);
    expect(next.HasMoreTags).toBe(false);
    const between = await kinesis.send(new ListTagsForStreamCommand({ StreamName: 'tagged', ExclusiveStartTagKey: 'f' }));
    expect(between.Tags?.map((t) => t.Key)).toEqual(['team']);
  });

  it('removes tags, ignoring keys the stream does not have', async () => {
    await kinesis.send(new RemoveTagsFromStreamCommand({ StreamName: 'tagged', TagKeys: ['a b:c/d=e+f-g@h_i.j', 'missing'] }));
    const listed = await kinesis.send(new ListTagsForStreamCommand({ StreamName: 'tagged' }));
    expect(listed.Tags?.map((t) => t.Key)).toEqual(['env', 'team']);
  });

  it('tags a stream through TagResource, the same tags AddTagsToStream sees', async () => {
    await kinesis.send(new TagResourceCommand({ ResourceARN: ARN, Tags: { owner: 'ana' } }));
    expect((await kinesis.send(new ListTagsForResourceCommand({ ResourceARN: ARN }))).Tags).toEqual([
      { Key: 'env', Value: 'prod' },
      { Key: 'owner', Value: 'ana' },
      { Key: 'team', Value: 'core' },
    ]);
    await kinesis.send(new UntagResourceCommand({ ResourceARN: ARN, TagKeys: ['owner'] }));
    expect((await kinesis.send(new ListTagsForStreamCommand({ StreamName: 'tagged' }))).Tags?.map((t) => t.Key)).toEqual(['env', 'team']);
  });

  it('tags a consumer ARN separately from its stream', async () => {
    await kinesis.send(new TagResourceCommand({ ResourceARN: CONSUMER, Tags: { role: 'reader' } }));
    expect((await kinesis.send(new ListTagsForResourceCommand({ ResourceARN: CONSUMER }))).Tags).toEqual([{ Key: 'role', Value: 'reader' }]);
    await kinesis.send(new UntagResourceCommand({ ResourceARN: CONSUMER, TagKeys: ['role'] }));
    expect((await kinesis.send(new ListTagsForResourceCommand({ ResourceARN: CONSUMER }))).Tags).toEqual([]);
  });

  it('refuses more than 50 tags on a resource', async () => {
    await kinesis.send(new AddTagsToStreamCommand({ StreamName: 'tagged', Tags: tags(48) }));
    expect(await failure(kinesis.send(new AddTagsToStreamCommand({ StreamName: 'tagged', Tags: { one: '1' } })))).toEqual({
      name: 'InvalidArgumentException',
      message: `Failed to add tags to stream tagged under account ${ACCOUNT} because a given stream cannot have more than 50 tags associated with it.`,
      status: 400,
    });
    // Overwriting existing keys does not count twice.
    await kinesis.send(new AddTagsToStreamCommand({ StreamName: 'tagged', Tags: { k00: 'again', env: 'qa' } }));
    expect((await failure(kinesis.send(new TagResourceCommand({ ResourceARN: CONSUMER, Tags: tags(51) })))).message).toBe(
      `Failed to add tags to consumer ${CONSUMER} under account ${ACCOUNT} because a given consumer cannot have more than 50 tags associated with it.`,
    );
    await kinesis.send(new RemoveTagsFromStreamCommand({ StreamName: 'tagged', TagKeys: Object.keys(tags(48)) }));
  });

  it('refuses characters AWS does not allow', async () => {
    expect(await failure(kinesis.send(new AddTagsToStreamCommand({ StreamName: 'tagged', Tags: { 'bad#key': 'v' } })))).toEqual({
      name: 'InvalidArgumentException',
      message: 'Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.',
      status: 400,
    });
    expect((await failure(kinesis.send(new AddTagsToStreamCommand({ StreamName: 'tagged', Tags: { key: '100%' } })))).message).toBe(
      `Failed to add tags to stream tagged under account ${ACCOUNT} because some tags contained illegal characters. The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.`,
    );
    expect((await failure(kinesis.send(new RemoveTagsFromStreamCommand({ StreamName: 'tagged', TagKeys: ['50%'] })))).message).toBe(
      `Failed to remove tags from stream tagged under account ${ACCOUNT} because some tags contained illegal characters. The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.`,
    );
    expect((await failure(kinesis.send(new UntagResourceCommand({ ResourceARN: ARN, TagKeys: ['no!'] })))).name).toBe('InvalidArgumentException');
    // CreateStream's tags follow the same rules, and a refused stream is not created.
    expect((await failure(kinesis.send(new CreateStreamCommand({ StreamName: 'badly-tagged', ShardCount: 1, Tags: { 'bad#key': 'v' } })))).message).toBe(
      'Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.',
    );
    expect((await failure(kinesis.send(new CreateStreamCommand({ StreamName: 'badly-tagged', ShardCount: 1, Tags: { key: '5%' } })))).message).toBe(
      `Failed to create stream badly-tagged under account ${ACCOUNT} because some tags contained illegal characters. The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.`,
    );
    expect((await failure(kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'badly-tagged' })))).name).toBe('ResourceNotFoundException');
  });

  it('validates input in AWS format', async () => {
    expect(await failure(kinesis.send(new AddTagsToStreamCommand({ StreamName: 'tagged', Tags: {} })))).toEqual({
      name: 'ValidationException',
      message: "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1",
      status: 400,
    });
    expect((await failure(kinesis.send(new AddTagsToStreamCommand({ StreamName: 'tagged', Tags: { ['x'.repeat(129)]: 'v' } })))).message).toBe(
      `1 validation error detected: Value '{${'x'.repeat(129)}=v}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]`,
    );
    expect((await failure(kinesis.send(new AddTagsToStreamCommand({ StreamName: 'tagged', Tags: { k: 'v'.repeat(257) } })))).message).toBe(
      `1 validation error detected: Value '{k=${'v'.repeat(257)}}' at 'tags' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0]`,
    );
    expect((await failure(kinesis.send(new RemoveTagsFromStreamCommand({ StreamName: 'tagged', TagKeys: [] })))).message).toBe(
      "1 validation error detected: Value '[]' at 'tagKeys' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect((await failure(kinesis.send(new RemoveTagsFromStreamCommand({ StreamName: 'tagged', TagKeys: [''] })))).message).toBe(
      "1 validation error detected: Value '' at 'tagKeys.1.member' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect((await failure(kinesis.send(new ListTagsForStreamCommand({ StreamName: 'tagged', Limit: 51 })))).message).toBe(
      "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
    expect((await failure(kinesis.send(new ListTagsForResourceCommand({ ResourceARN: 'arn:aws:sqs:us-east-1:123:queue' })))).message).toBe(
      "1 validation error detected: Value 'arn:aws:sqs:us-east-1:123:queue' at 'resourceARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+",
    );
    expect((await failure(kinesis.send(new TagResourceCommand({ ResourceARN: undefined, Tags: undefined })))).message).toBe(
      "2 validation errors detected: Value null at 'resourceARN' failed to satisfy constraint: Member must not be null; Value null at 'tags' failed to satisfy constraint: Member must not be null",
    );
  });

  it('answers unknown streams, consumers and ARNs with AWS errors', async () => {
    expect(await failure(kinesis.send(new ListTagsForStreamCommand({ StreamName: 'nope' })))).toEqual({
      name: 'ResourceNotFoundException',
      message: `Stream nope under account ${ACCOUNT} not found.`,
      status: 400,
    });
    expect((await failure(kinesis.send(new AddTagsToStreamCommand({ Tags: { a: 'b' } })))).message).toBe('Either StreamName or StreamARN must be provided.');
    expect((await failure(kinesis.send(new TagResourceCommand({ ResourceARN: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/nope`, Tags: { a: 'b' } })))).message).toBe(
      `Stream nope under account ${ACCOUNT} not found.`,
    );
    const ghost = `${ARN}/consumer/ghost:1700000000`;
    expect(await failure(kinesis.send(new ListTagsForResourceCommand({ ResourceARN: ghost })))).toEqual({
      name: 'ResourceNotFoundException',
      message: `Consumer ${ghost} under account ${ACCOUNT} not found.`,
      status: 400,
    });
    const odd = `arn:aws:kinesis:us-east-1:${ACCOUNT}:deliverystream/x`;
    expect(await failure(kinesis.send(new ListTagsForResourceCommand({ ResourceARN: odd })))).toEqual({
      name: 'InvalidArgumentException',
      message: `Invalid ResourceARN: ${odd}. The ARN must name a Kinesis data stream or a registered consumer.`,
      status: 400,
    });
  });
});

describe('tags across a restart', () => {
  it('keeps stream and consumer tags, and drops them with the stream', async () => {
    const dir = tempDir('engine');
    const first = await start({ dataDir: dir.path });
    try {
      let kinesis = client(first, HANDLERS[1]);
      await kinesis.send(new CreateStreamCommand({ StreamName: 'tagged', ShardCount: 1 }));
      const CONSUMER = await registerConsumer(kinesis, ARN, 'reader');
      await kinesis.send(new AddTagsToStreamCommand({ StreamName: 'tagged', Tags: { kept: 'yes' } }));
      await kinesis.send(new TagResourceCommand({ ResourceARN: CONSUMER, Tags: { c: '1' } }));
      kinesis.destroy();
      await first.close();

      const second = await start({ dataDir: dir.path });
      kinesis = client(second, HANDLERS[1]);
      expect((await kinesis.send(new ListTagsForStreamCommand({ StreamName: 'tagged' }))).Tags).toEqual([{ Key: 'kept', Value: 'yes' }]);
      expect((await kinesis.send(new ListTagsForResourceCommand({ ResourceARN: CONSUMER }))).Tags).toEqual([{ Key: 'c', Value: '1' }]);
      await kinesis.send(new DeleteStreamCommand({ StreamName: 'tagged', EnforceConsumerDeletion: true }));
      await kinesis.send(new CreateStreamCommand({ StreamName: 'tagged', ShardCount: 1 }));
      expect((await kinesis.send(new ListTagsForStreamCommand({ StreamName: 'tagged' }))).Tags).toEqual([]);
      // The consumer went with its stream; a consumer of the same name on the new stream starts untagged.
      expect((await failure(kinesis.send(new ListTagsForResourceCommand({ ResourceARN: CONSUMER })))).name).toBe('ResourceNotFoundException');
      const again = await registerConsumer(kinesis, ARN, 'reader');
      expect((await kinesis.send(new ListTagsForResourceCommand({ ResourceARN: again }))).Tags).toEqual([]);
      kinesis.destroy();
      await second.close();
    } finally {
      dir.remove();
    }
  });
});
