// The AWS CLI (`aws firehose`) and boto3 against the engine's Firehose API: a smoke test of every action and of
// AWS's errors, as each client parses and prints them.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../main/server/engine/startEngine';
import { start } from '../support/engine-kit';
import { awsCliDriver, boto3Driver, type CallResult, type ClientDriver, type JsonObject } from './drivers';
import { ok } from './scenarios';

const ROLE = 'arn:aws:iam::000000000000:role/firehose';
const b64 = (text: string) => Buffer.from(text).toString('base64');

function failed(result: CallResult): { code: string; message: string } {
  expect(result.ok, `expected an error, got ${JSON.stringify(result)}`).toBe(false);
  return result.ok ? { code: '', message: '' } : result;
}

describe.each([
  { label: 'aws-cli', make: (endpoint: string) => awsCliDriver(endpoint, 'firehose') },
  { label: 'boto3', make: (endpoint: string) => boto3Driver(endpoint, 'firehose') },
])('$label against the engine’s Firehose API', ({ label, make }) => {
  let engine: RunningEngine;
  let client: ClientDriver;

  beforeAll(async () => {
    engine = await start();
    client = make(engine.endpoint);
  });
  afterAll(async () => {
    await client?.close();
    await engine?.close();
  });

  it('runs every action and gets AWS’s errors', { timeout: 120_000 }, async () => {
    const name = `${label}-${randomBytes(3).toString('hex')}`;
    const call = (action: string, params: JsonObject) => client.call(action, params);
    const created = ok(await call('CreateDeliveryStream', { DeliveryStreamName: name, ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::lake' } }));
    expect(created.DeliveryStreamARN).toBe(`arn:aws:firehose:us-east-1:000000000000:deliverystream/${name}`);

    const described = ok(await call('DescribeDeliveryStream', { DeliveryStreamName: name })).DeliveryStreamDescription as JsonObject;
    expect(described).toMatchObject({ DeliveryStreamStatus: 'ACTIVE', VersionId: '1', DeliveryStreamEncryptionConfiguration: { Status: 'DISABLED' } });
    expect((described.Destinations as JsonObject[])[0]?.DestinationId).toBe('destinationId-000000000001');
    expect(ok(await call('ListDeliveryStreams', {}))).toEqual({ DeliveryStreamNames: [name], HasMoreDeliveryStreams: false });

    const put = ok(await call('PutRecord', { DeliveryStreamName: name, Record: { Data: b64('abc') } }));
    expect(typeof put.RecordId).toBe('string');
    const batch = ok(await call('PutRecordBatch', { DeliveryStreamName: name, Records: [{ Data: b64('a') }, { Data: b64('b') }] }));
    expect(batch.FailedPutCount).toBe(0);

    ok(await call('UpdateDestination', { DeliveryStreamName: name, CurrentDeliveryStreamVersionId: '1', DestinationId: 'destinationId-000000000001', ExtendedS3DestinationUpdate: { Prefix: 'p/' } }));
    expect(failed(await call('UpdateDestination', { DeliveryStreamName: name, CurrentDeliveryStreamVersionId: '1', DestinationId: 'destinationId-000000000001', ExtendedS3DestinationUpdate: { Prefix: 'q/' } }))).toMatchObject({
      code: 'ConcurrentModificationException',
      message: 'Another modification has already happened. Fetch VersionId again and use it to update the destination.',
    });

    ok(await call('StartDeliveryStreamEncryption', { DeliveryStreamName: name, DeliveryStreamEncryptionConfigurationInput: { KeyType: 'AWS_OWNED_CMK' } }));
    ok(await call('StopDeliveryStreamEncryption', { DeliveryStreamName: name }));
    ok(await call('TagDeliveryStream', { DeliveryStreamName: name, Tags: [{ Key: 'team', Value: 'data' }] }));
    expect(ok(await call('ListTagsForDeliveryStream', { DeliveryStreamName: name }))).toEqual({ Tags: [{ Key: 'team', Value: 'data' }], HasMoreTags: false });
    ok(await call('UntagDeliveryStream', { DeliveryStreamName: name, TagKeys: ['team'] }));

    expect(failed(await call('DescribeDeliveryStream', { DeliveryStreamName: 'ghost' }))).toMatchObject({ code: 'ResourceNotFoundException', message: 'Firehose ghost under account 000000000000 not found.' });
    const badName = failed(await call('DescribeDeliveryStream', { DeliveryStreamName: 'bad name' }));
    expect(badName.code).toBe('ValidationException');
    expect(badName.message).toContain("at 'deliveryStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern");

    ok(await call('DeleteDeliveryStream', { DeliveryStreamName: name }));
    expect(ok(await call('ListDeliveryStreams', {}))).toEqual({ DeliveryStreamNames: [], HasMoreDeliveryStreams: false });
  });
});
