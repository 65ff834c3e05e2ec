// Settlement: every put record is reported settled exactly once, and only when all that was made of it (sub-records,
// its backup copy) has been delivered, written to the error output, or dropped.
import { describe, expect, it } from 'vitest';
import { createDeliveryPipeline, RecordingSink, VirtualTimeline, type DeliveryEvent, type LambdaInvoker } from '../../main/engine/firehose/delivery';
import { scriptedRandom } from '../support/firehose';

const T0 = Date.UTC(2026, 0, 1);
const stream = { DeliveryStreamName: 'st', DeliveryStreamARN: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/st', version: 1, region: 'us-east-1' };
const s3 = { RoleARN: 'arn:aws:iam::123456789012:role/firehose', BucketARN: 'arn:aws:s3:::lake' };
const enc = (s: string) => new TextEncoder().encode(s);

describe('settlement', () => {
  it('settles a split record once all its sub-records and its backup copy are out', async () => {
    const timeline = new VirtualTimeline(T0);
    const settled: string[][] = [];
    const p = createDeliveryPipeline({ stream, destination: { kind: 'ExtendedS3', config: {
      ...s3, Prefix: 'k=!{partitionKeyFromQuery:k}/', ErrorOutputPrefix: 'e/!{firehose:error-output-type}/', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
      DynamicPartitioningConfiguration: { Enabled: true },
      S3BackupMode: 'Enabled', S3BackupConfiguration: { ...s3, BucketARN: 'arn:aws:s3:::raw', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 120 } },
      ProcessingConfiguration: { Enabled: true, Processors: [
        { Type: 'RecordDeAggregation', Parameters: [{ ParameterName: 'SubRecordType', ParameterValue: 'JSON' }] },
        { Type: 'MetadataExtraction', Parameters: [{ ParameterName: 'MetadataExtractionQuery', ParameterValue: '{k: .k}' }] },
      ] },
    } } }, { sink: new RecordingSink(), timeline, random: scriptedRandom(), onEvent: (e: DeliveryEvent) => (e.type === 'settled' ? settled.push(e.recordIds) : undefined) });
    const { recordIds } = p.put([{ data: enc('{"k":"a"}{"k":"b"}') }, { data: enc('{"k":"a"}') }, { data: enc('not json') }]);
    await p.idle();
    expect(settled).toEqual([]);
    expect(p.state().unsettledRecords).toBe(3);
    timeline.advanceTo(T0 + 60_000);
    await p.idle();
    expect(settled).toEqual([]); // the backup copies are still buffered
    timeline.advanceTo(T0 + 120_000);
    await p.idle();
    expect(settled.flat().sort()).toEqual([...recordIds].sort());
    expect(p.state().unsettledRecords).toBe(0);
  });

  it('settles dropped and failed Lambda records with the rest', async () => {
    const invoker: LambdaInvoker = {
      invoke(_arn, payload) {
        const event = JSON.parse(new TextDecoder().decode(payload)) as { records: { recordId: string; data: string }[] };
        const results = ['Ok', 'Dropped', 'ProcessingFailed'];
        return Promise.resolve({ payload: enc(JSON.stringify({ records: event.records.map((r, i) => ({ recordId: r.recordId, result: results[i % 3], data: r.data })) })) });
      },
    };
    const settled: string[] = [];
    const p = createDeliveryPipeline({ stream, destination: { kind: 'ExtendedS3', config: { ...s3, ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: 'arn:aws:lambda:us-east-1:123456789012:function:f' }] }] } } } }, {
      sink: new RecordingSink(), timeline: new VirtualTimeline(T0), random: scriptedRandom(), lambda: invoker, onEvent: (e) => (e.type === 'settled' ? settled.push(...e.recordIds) : undefined),
    });
    const { recordIds } = p.put(['a', 'b', 'c', 'd'].map((s) => ({ data: enc(s) })));
    await p.flushNow();
    expect(settled.sort()).toEqual([...recordIds].sort());
  });
});
