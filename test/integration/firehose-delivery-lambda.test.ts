// The Lambda processor through the real @aws-sdk/client-lambda, against a Lambda-compatible Invoke endpoint on
// 127.0.0.1: the invocation carries Firehose's event, the answer's records are applied, and a function error is
// retried NumberOfRetries times before the records are written as processing-failed.
import { LambdaClient } from '@aws-sdk/client-lambda';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { combineSink, createDeliveryPipeline, fileObjectStore, nodeHttpTransport, sdkLambdaInvoker, VirtualTimeline } from '../../main/engine/firehose/delivery';
import { listFiles, readFile, scriptedRandom, sendJson, useDeliveryFixture } from '../support/firehose';

const T0 = Date.UTC(2026, 6, 13, 14, 5, 9);
const stream = { DeliveryStreamName: 'xform', DeliveryStreamARN: 'arn:aws:firehose:eu-west-1:123456789012:deliverystream/xform', version: 1, region: 'eu-west-1', sourceKinesisStreamArn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/src' };
const s3 = { RoleARN: 'arn:aws:iam::123456789012:role/firehose', BucketARN: 'arn:aws:s3:::lake', Prefix: 'x/' };
const lambdaArn = 'arn:aws:lambda:eu-west-1:123456789012:function:enrich';

const fx = useDeliveryFixture('firehose-lambda');

function pipeline(url: string, retries: string) {
  const client = new LambdaClient({ endpoint: url, region: 'eu-west-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 1 });
  const p = createDeliveryPipeline({ stream, destination: { kind: 'ExtendedS3', config: { ...s3, ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: lambdaArn }, { ParameterName: 'NumberOfRetries', ParameterValue: retries }] }] } } } }, {
    sink: combineSink(fileObjectStore(fx.path), nodeHttpTransport()), timeline: new VirtualTimeline(T0), random: scriptedRandom(), lambda: sdkLambdaInvoker(client),
  });
  return { p, client };
}

describe('Lambda through the SDK', () => {
  it('invokes the function with Firehose’s event and delivers what it returns', async () => {
    const receiver = await fx.receiver((req, res) => {
      const event = JSON.parse(req.body.toString()) as { records: { recordId: string; data: string }[] };
      sendJson(res, 200, { records: event.records.map((r) => ({ recordId: r.recordId, result: 'Ok', data: Buffer.from(`<${Buffer.from(r.data, 'base64').toString()}>`).toString('base64') })) });
    });
    const { p, client } = pipeline(receiver.url, '0');
    const kinesis = { shardId: 'shardId-000000000002', partitionKey: 'pk', approximateArrivalTimestamp: T0 - 5, sequenceNumber: '49600000000000000000000000000000000000000000000000000002' };
    const { recordIds } = p.put([{ data: new TextEncoder().encode('a'), arrivalMs: T0 - 5, kinesis }]);
    await p.flushNow();
    const invoke = receiver.requests[0]!;
    expect([invoke.method, decodeURIComponent(invoke.url)]).toEqual(['POST', `/2015-03-31/functions/${lambdaArn}/invocations`]);
    expect(JSON.parse(invoke.body.toString())).toEqual({
      invocationId: '00000000-0000-4000-8000-000000000000', deliveryStreamArn: stream.DeliveryStreamARN, sourceKinesisStreamArn: stream.sourceKinesisStreamArn, region: 'eu-west-1',
      records: [{ recordId: recordIds[0], approximateArrivalTimestamp: T0 - 5, data: 'YQ==', kinesisRecordMetadata: kinesis }],
    });
    const files = await listFiles(join(fx.path, 's3', 'lake'));
    expect(files).toHaveLength(1);
    expect((await readFile(join(fx.path, 's3', 'lake', files[0]!))).toString()).toBe('<a>');
    client.destroy();
  });

  it('retries a function error, then writes processing-failed records with the function’s message', async () => {
    const receiver = await fx.receiver((_req, res) => {
      const body = JSON.stringify({ errorType: 'Error', errorMessage: 'bad input' });
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Amz-Function-Error': 'Unhandled', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    });
    const { p, client } = pipeline(receiver.url, '2');
    p.put([{ data: new TextEncoder().encode('z') }]);
    await p.flushNow();
    expect(receiver.requests).toHaveLength(3);
    const files = await listFiles(join(fx.path, 's3', 'lake'));
    expect(files[0]).toMatch(/^x\/processing-failed\/2026\/07\/13\/14\/xform-1-2026-07-13-14-05-09-/);
    const line = JSON.parse((await readFile(join(fx.path, 's3', 'lake', files[0]!))).toString().trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ attemptsMade: 3, errorCode: 'Lambda.FunctionError', rawData: 'eg==', lambdaArn });
    expect(String(line.errorMessage)).toContain('bad input');
    client.destroy();
  });
});
