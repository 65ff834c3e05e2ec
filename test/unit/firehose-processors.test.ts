// The record processors: de-aggregation (JSON, DELIMITED, KPL), the Lambda event and response checks, JQ metadata
// extraction, and the processor chain's order.
import { describe, expect, it } from 'vitest';
import { readProcessorChain, runProcessors } from '../../main/engine/firehose/delivery/processors/chain';
import { deaggregateKpl, deaggregateRecords, splitDelimited, splitJsonObjects } from '../../main/engine/firehose/delivery/processors/deaggregation';
import { applyLambdaResponse, checkLambdaResponse, invocationBatches, lambdaEvent, LambdaResponseError } from '../../main/engine/firehose/delivery/processors/lambdaContract';
import type { LambdaInvoker } from '../../main/engine/firehose/delivery/processors/lambdaInvokers';
import { checkJqQuery, extractMetadata, JqQueryError } from '../../main/engine/firehose/delivery/processors/metadataExtraction';
import { failureLine, type PipelineRecord } from '../../main/engine/firehose/delivery/records';
import { VirtualTimeline } from '../../main/engine/firehose/delivery/timeline';
import type { DeliveryContext } from '../../main/engine/firehose/delivery/context';
import { kplAggregate } from '../fixtures/tail/encoders';
import { scriptedRandom } from '../support/firehose';

const T0 = Date.UTC(2026, 0, 1);
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const rec = (data: string | Uint8Array, id = 'r1', extra: Partial<PipelineRecord> = {}): PipelineRecord => {
  const bytes = typeof data === 'string' ? enc(data) : data;
  return { recordId: id, sourceId: id, data: bytes, raw: bytes, arrivalMs: T0, receivedMs: T0, subsequence: 0, ...extra };
};

describe('RecordDeAggregation', () => {
  it('splits concatenated and newline-delimited JSON objects, strings and nesting respected', () => {
    expect(splitJsonObjects(enc('{"a":1}{"b":"}{"}\n{"c":{"d":[1,{"e":2}]}}\n')).map(dec)).toEqual(['{"a":1}', '{"b":"}{"}', '{"c":{"d":[1,{"e":2}]}}']);
    expect(splitJsonObjects(enc('{"q":"say \\"hi\\" {"}')).map(dec)).toEqual(['{"q":"say \\"hi\\" {"}']);
    expect(() => splitJsonObjects(enc('[{"a":1}]'))).toThrow(/array/);
    expect(() => splitJsonObjects(enc('{"a":1'))).toThrow(/ends inside/);
  });

  it('splits on a base64-given delimiter', () => {
    expect(splitDelimited(enc('a####bb####c'), enc('####')).map(dec)).toEqual(['a', 'bb', 'c']);
    expect(splitDelimited(enc('a##'), enc('##')).map(dec)).toEqual(['a']);
    const out = deaggregateRecords([rec('x|y|z')], { type: 'DELIMITED', delimiter: enc('|') }, T0);
    expect(out.records.map((r) => [dec(r.data), r.subsequence, r.recordId, r.sourceId])).toEqual([['x', 0, 'r1.0', 'r1'], ['y', 1, 'r1.1', 'r1'], ['z', 2, 'r1.2', 'r1']]);
  });

  it('sends a record it cannot split to the error output, and refuses more than 500 sub-records', () => {
    const out = deaggregateRecords([rec('not json'), rec('{}'.repeat(501), 'r2'), rec('{"ok":1}', 'r3')], { type: 'JSON' }, T0);
    expect(out.records.map((r) => dec(r.data))).toEqual(['{"ok":1}']);
    expect(out.failed.map((f) => [f.record.recordId, f.errorMessage.includes('501 sub-records') || f.errorMessage.includes('unexpected byte')])).toEqual([['r1', true], ['r2', true]]);
  });

  it('expands KPL aggregates from a Kinesis source, each sub-record with its own partition key', () => {
    const aggregate = kplAggregate([{ partitionKey: 'p1', data: 'one' }, { partitionKey: 'p2', data: 'two' }]);
    const kinesis = { shardId: 'shardId-000000000000', partitionKey: 'outer', approximateArrivalTimestamp: T0, sequenceNumber: '4960' };
    const out = deaggregateKpl([rec(new Uint8Array(aggregate), 'r1', { kinesis }), rec('plain', 'r2', { kinesis })]);
    expect(out.records.map((r) => [dec(r.data), r.kinesis?.partitionKey, r.kinesis?.subsequenceNumber ?? null])).toEqual([['one', 'p1', 0], ['two', 'p2', 1], ['plain', 'outer', null]]);
  });
});

describe('Lambda contract', () => {
  const identity = { invocationId: 'inv-1', deliveryStreamArn: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/s', region: 'us-east-1' };

  it('builds the documented event, with kinesisRecordMetadata and the source stream only for a Kinesis source', () => {
    expect(lambdaEvent(identity, [rec('hi')])).toEqual({
      invocationId: 'inv-1', deliveryStreamArn: identity.deliveryStreamArn, region: 'us-east-1',
      records: [{ recordId: 'r1', approximateArrivalTimestamp: T0, data: 'aGk=' }],
    });
    const kinesis = { shardId: 'shardId-000000000001', partitionKey: 'k', approximateArrivalTimestamp: T0, sequenceNumber: '49', subsequenceNumber: 0 };
    const event = lambdaEvent({ ...identity, sourceKinesisStreamArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/src' }, [rec('hi', 'r1', { kinesis })]);
    expect(Object.keys(event)).toEqual(['invocationId', 'deliveryStreamArn', 'sourceKinesisStreamArn', 'region', 'records']);
    expect(event.records[0]?.kinesisRecordMetadata).toEqual(kinesis);
  });

  it('checks the response: unknown, missing and duplicate ids, results, data', () => {
    const sent = [rec('a', 'r1'), rec('b', 'r2')];
    const check = (body: unknown) => {
      try {
        checkLambdaResponse(enc(JSON.stringify(body)), sent);
        return 'ok';
      } catch (error) {
        return (error as LambdaResponseError).errorCode;
      }
    };
    expect(check({ records: [{ recordId: 'r1', result: 'Ok', data: 'eA==' }, { recordId: 'r2', result: 'Dropped' }] })).toBe('ok');
    expect(check({ records: [{ recordId: 'r1', result: 'Ok', data: 'eA==' }] })).toBe('Lambda.MissingRecordId');
    expect(check({ records: [{ recordId: 'r1', result: 'Ok', data: 'eA==' }, { recordId: 'r1', result: 'Ok', data: 'eA==' }] })).toBe('Lambda.DuplicatedRecordId');
    expect(check({ records: [{ recordId: 'r1', result: 'Ok', data: 'eA==' }, { recordId: 'r9', result: 'Ok', data: 'eA==' }] })).toBe('Lambda.MissingRecordId');
    expect(check({ records: [{ recordId: 'r1', result: 'Fine', data: 'eA==' }, { recordId: 'r2', result: 'Ok', data: 'eA==' }] })).toBe('Lambda.JsonProcessingException');
    expect(check({ records: [{ recordId: 'r1', result: 'Ok' }, { recordId: 'r2', result: 'Dropped' }] })).toBe('Lambda.JsonProcessingException');
    expect(check({ nope: [] })).toBe('Lambda.JsonProcessingException');
    expect(() => checkLambdaResponse(new Uint8Array(6 * 1024 * 1024 + 1), sent)).toThrow(/Response payload size exceeded/);
  });

  it('applies Ok, Dropped and ProcessingFailed, keeping Lambda partition keys', () => {
    const sent = [rec('a', 'r1'), rec('b', 'r2'), rec('c', 'r3')];
    const response = checkLambdaResponse(enc(JSON.stringify({ records: [
      { recordId: 'r1', result: 'Ok', data: Buffer.from('A').toString('base64'), metadata: { partitionKeys: { device: 'mobile' } } },
      { recordId: 'r2', result: 'Dropped' },
      { recordId: 'r3', result: 'ProcessingFailed', data: 'Yw==' },
    ] })), sent);
    const out = applyLambdaResponse(sent, response, 'arn:aws:lambda:us-east-1:123456789012:function:f', 1, T0 + 5);
    expect(out.records.map((r) => [dec(r.data), r.lambdaKeys])).toEqual([['A', { device: 'mobile' }]]);
    expect(out.dropped).toBe(1);
    expect(JSON.parse(failureLine(out.failed[0]!))).toEqual({
      attemptsMade: 1, arrivalTimestamp: T0, errorCode: 'Lambda.ProcessingFailed', errorMessage: 'The Lambda function returned ProcessingFailed for this record.',
      attemptEndingTimestamp: T0 + 5, rawData: 'Yw==', lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
    });
    expect(Object.keys(JSON.parse(failureLine(out.failed[0]!)) as object)).toEqual(['attemptsMade', 'arrivalTimestamp', 'errorCode', 'errorMessage', 'attemptEndingTimestamp', 'rawData', 'lambdaArn']);
  });

  it('splits invocations to stay under 6 MB', () => {
    const big = new Uint8Array(1024 * 1024);
    const batches = invocationBatches(Array.from({ length: 10 }, (_, i) => rec(big, `r${i}`)));
    expect(batches.map((b) => b.length)).toEqual([4, 4, 2]);
  });
});

describe('MetadataExtraction', () => {
  it('gives partition keys per record in one jq call, and failures for the rest', async () => {
    const records = [rec('{"customer_id":"1234","type":{"device":"mobile"},"ts":1565384109}', 'r1'), rec('not json', 'r2'), rec('{"customer_id":7,"type":{},"ts":0}', 'r3'), rec('{"customer_id":"x","type":"s"}', 'r4')];
    const out = await extractMetadata(records, '{customer_id: .customer_id, device: .type.device, year: (.ts | strftime("%Y"))}', T0);
    expect(out.records.map((r) => [r.recordId, r.queryKeys])).toEqual([['r1', { customer_id: '1234', device: 'mobile', year: '2019' }]]);
    const reasons = Object.fromEntries(out.failed.map((f) => [f.record.recordId, f.errorMessage]));
    expect(reasons.r2).toMatch(/Non JSON record/);
    expect(reasons.r3).toMatch(/partition key 'device' is null/);
    expect(reasons.r4).toMatch(/failed on this record: Cannot index string with string "device"/);
  });

  it('compiles queries up front', async () => {
    await expect(checkJqQuery('{a: .a}')).resolves.toBeUndefined();
    await expect(checkJqQuery('{a: }')).rejects.toThrow(JqQueryError);
  });

  it('stays fast over many batches (jq-web does not wear out)', async () => {
    const records = Array.from({ length: 200 }, (_, i) => rec(`{"k":"v${i % 3}"}`, `r${i}`));
    for (let i = 0; i < 300; i++) {
      const out = await extractMetadata(records, '{k: .k}', T0);
      expect(out.records).toHaveLength(200);
    }
  });
});

describe('processor chain', () => {
  it('reads the configuration and refuses processors it does not emulate', () => {
    const chain = readProcessorChain({ Enabled: true, Processors: [
      { Type: 'AppendDelimiterToRecord' },
      { Type: 'MetadataExtraction', Parameters: [{ ParameterName: 'MetadataExtractionQuery', ParameterValue: '{k:.k}' }, { ParameterName: 'JsonParsingEngine', ParameterValue: 'JQ-1.6' }] },
      { Type: 'RecordDeAggregation', Parameters: [{ ParameterName: 'SubRecordType', ParameterValue: 'DELIMITED' }, { ParameterName: 'Delimiter', ParameterValue: 'IyMjIw==' }] },
    ] });
    expect(chain.appendDelimiter).toBe(true);
    expect(chain.metadataQuery).toBe('{k:.k}');
    expect(chain.deaggregation).toEqual({ type: 'DELIMITED', delimiter: enc('####') });
    expect(readProcessorChain({ Enabled: false, Processors: [{ Type: 'AppendDelimiterToRecord' }] }).appendDelimiter).toBe(false);
    expect(() => readProcessorChain({ Enabled: true, Processors: [{ Type: 'Decompression' }] })).toThrow(/not emulated/);
  });

  it('runs in AWS’s order whatever the listed order: de-aggregation, Lambda, extraction, delimiter', async () => {
    const seen: string[][] = [];
    const invoker: LambdaInvoker = {
      invoke(_arn, payload) {
        const event = JSON.parse(dec(payload)) as { records: { recordId: string; data: string }[] };
        seen.push(event.records.map((r) => Buffer.from(r.data, 'base64').toString()));
        const records = event.records.map((r) => ({ recordId: r.recordId, result: 'Ok', data: Buffer.from(Buffer.from(r.data, 'base64').toString().replace('}', ',"seen":true}')).toString('base64') }));
        return Promise.resolve({ payload: enc(JSON.stringify({ records })) });
      },
    };
    const chain = readProcessorChain({ Enabled: true, Processors: [
      { Type: 'AppendDelimiterToRecord' },
      { Type: 'MetadataExtraction', Parameters: [{ ParameterName: 'MetadataExtractionQuery', ParameterValue: '{seen: (.seen|tostring)}' }] },
      { Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: 'arn:aws:lambda:us-east-1:123456789012:function:f' }] },
      { Type: 'RecordDeAggregation', Parameters: [{ ParameterName: 'SubRecordType', ParameterValue: 'JSON' }] },
    ] });
    const timeline = new VirtualTimeline(T0);
    const ctx: DeliveryContext = { identity: { DeliveryStreamName: 's', DeliveryStreamARN: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/s', version: 1, region: 'us-east-1' }, timeline, random: scriptedRandom(), sink: { putObject: () => Promise.resolve(), send: () => Promise.reject(new Error('no network')) }, emit: () => undefined };
    const out = await runProcessors([rec('{"a":1}{"a":2}')], chain, ctx, invoker);
    expect(seen).toEqual([['{"a":1}', '{"a":2}']]);
    expect(out.records.map((r) => [dec(r.data), r.queryKeys])).toEqual([['{"a":1,"seen":true}\n', { seen: 'true' }], ['{"a":2,"seen":true}\n', { seen: 'true' }]]);
  });
});
