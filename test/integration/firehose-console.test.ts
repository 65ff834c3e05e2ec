// The Firehose screens' backend as the app serves it: the app dispatcher over the memory transport, a
// ConnectionManager on a real engine with a data folder, records written with the real SDK. Proves every
// firehose.* command on the local engine: create (and the engine's own refusal text), list, describe, put, the
// live state (buffer fill, then the delivery), flush now, the preview, the delivered objects (listed newest first,
// read, decompressed, downloaded in chunks) and delete; that the preview of the records a real delivery took is
// byte for byte the object it wrote; and that on an AWS profile test data needs the account and the local-only
// controls say so.
import { CreateStreamCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract/index';
import type { CreateDeliveryStreamRequest } from '../../shared/contract/firehose';
import { createAppDispatcher } from '../../main/app/appHandlers';
import { createEngineStateStore, engineDataDir } from '../../main/app/localEngineSupervisor';
import { ConnectionManager } from '../../main/connections/connectionManager';
import { checkRequest, DESTINATIONS, emptyForm } from '../../renderer/features/firehose/createRequest';
import { startAppKit, type AppKit } from '../support/app-kit';
import { waitForStatus } from '../support/kinesis';
import { sleep } from '../support/sleep';
import { memoryClient } from '../support/rpc-kit';
import { tempDir } from '../support/tempDir';

const ROLE = 'arn:aws:iam::000000000000:role/firehose';
const b64 = (text: string) => Buffer.from(text).toString('base64');
const bytesOf = (base64: string) => Buffer.from(base64, 'base64');

let kit: AppKit;
let engine: AppKit['engine'];
let scratch: AppKit['scratch'];
let settings: AppKit['settings'];
let generators: AppKit['generators'];
let client: AppKit['client'];
let kinesis: AppKit['kinesis'];

beforeAll(async () => {
  kit = await startAppKit('firehose-console', { onDisk: true });
  ({ engine, scratch, settings, generators, client, kinesis } = kit);
});

afterAll(() => kit?.close());

function s3Request(name: string, extra: Partial<CreateDeliveryStreamRequest> = {}, s3: Record<string, unknown> = {}): CreateDeliveryStreamRequest {
  return {
    DeliveryStreamName: name,
    DeliveryStreamType: 'DirectPut',
    ExtendedS3DestinationConfiguration: {
      RoleARN: ROLE,
      BucketARN: 'arn:aws:s3:::console-bucket',
      Prefix: `${name}/`,
      BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 900 },
      ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'AppendDelimiterToRecord' }] },
      ...s3,
    },
    ...extra,
  };
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await sleep(100);
  }
}

describe('firehose commands on the local engine', () => {
  it('creates, lists, describes, takes records, shows the buffer, flushes, lists and reads the delivered object, and deletes', async () => {
    const created = await client.call('firehose.create', { request: s3Request('direct') });
    expect(created.arn).toBe('arn:aws:firehose:us-east-1:000000000000:deliverystream/direct');
    const listed = await waitFor(() => client.call('firehose.list', {}), (l) => l.streams.some((s) => s.name === 'direct' && s.status === 'ACTIVE'));
    expect(listed.connection).toMatchObject({ kind: 'local', local: true });
    expect(listed.streams.find((s) => s.name === 'direct')).toMatchObject({ type: 'DirectPut', destination: 'ExtendedS3', version: '1', status: 'ACTIVE', sourceStream: null });

    const detail = await client.call('firehose.describe', { name: 'direct' });
    expect(detail).toMatchObject({ bucket: 'console-bucket', prefix: 'direct/', buffering: { sizeInMBs: 1, intervalInSeconds: 900 }, compression: 'UNCOMPRESSED', encryption: 'DISABLED', processingEnabled: true, destinationId: 'destinationId-000000000001' });
    expect(detail.processors).toEqual([{ type: 'AppendDelimiterToRecord', parameters: {} }]);
    expect(JSON.parse(detail.descriptionJson)).toHaveProperty('DeliveryStreamName', 'direct');

    const put = await client.call('firehose.put', { name: 'direct', records: ['one', 'two', 'three'].map(b64) });
    expect(put.failed).toBe(0);
    expect(put.recordIds).toHaveLength(3);
    const buffered = await waitFor(() => client.call('firehose.state', { name: 'direct' }), (s) => s.buffers.some((b) => b.records === 3));
    expect(buffered.running).toBe(true);
    expect(buffered.buffers).toEqual([expect.objectContaining({ lane: 'destination', records: 3, bytes: 14, sizeLimitBytes: 1024 * 1024, intervalMs: 900_000 })]);
    expect(buffered.counters.incomingRecords).toBe(3);
    expect(buffered.freshnessMs).toBeGreaterThanOrEqual(0);

    await client.call('firehose.flush', { name: 'direct' });
    const flushed = await client.call('firehose.state', { name: 'direct' });
    expect(flushed.buffers).toEqual([]);
    expect(flushed.counters.deliveredRecords).toBe(3);
    expect(flushed.recent.map((e) => e.text).join('\n')).toMatch(/flushed: 3 records, 14 bytes \(flushed by hand \(local only\)\)/);
    const metrics = await client.call('firehose.metrics', { name: 'direct' });
    expect(metrics).toMatchObject({ source: 'engine', incomingRecords: [expect.objectContaining({ value: 3 })], deliveredRecords: [expect.objectContaining({ value: 3 })] });

    const objects = await client.call('firehose.objects', { name: 'direct', limit: 20 });
    expect(objects.source).toBe('files');
    expect(objects.objects).toHaveLength(1);
    const key = objects.objects[0]?.key ?? '';
    expect(key).toMatch(/^direct\/\d{4}\/\d\d\/\d\d\/\d\d\/direct-1-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d-[0-9a-f-]{36}$/);
    const view = await client.call('firehose.object', { name: 'direct', key });
    expect(bytesOf(view.raw.base64).toString()).toBe('one\ntwo\nthree\n');
    expect(view.decompressed).toBeNull();
    expect(readFileSync(join(engineDataDir(scratch.path), 's3', 'console-bucket', key), 'utf8')).toBe('one\ntwo\nthree\n');
    await expect(client.call('firehose.object', { name: 'direct', key: '../../settings.db' })).rejects.toThrow(/does not name a file inside the bucket folder/);

    await client.call('firehose.delete', { name: 'direct' });
    const after = await waitFor(() => client.call('firehose.list', {}), (l) => !l.streams.some((s) => s.name === 'direct'));
    expect(after.streams.map((s) => s.name)).not.toContain('direct');
  });

  it('answers the engine’s own refusal text for a request AWS would refuse', async () => {
    const request = s3Request('bad-prefix', {}, { Prefix: 'year=!{timestamp:yyyy}/' });
    await expect(client.call('firehose.create', { request })).rejects.toMatchObject({ code: 'InvalidArgumentException', message: expect.stringContaining('ErrorOutputPrefix cannot be null or empty when Prefix contains expressions') });
    const twoDestinations = { ...s3Request('two'), S3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::b' } };
    await expect(client.call('firehose.create', { request: twoDestinations })).rejects.toMatchObject({ code: 'ValidationException', message: expect.stringContaining('Exactly one destination') });
  });

  it('previews typed records without sending them: S3 keys, bytes, compression and when each buffer flushes', async () => {
    await client.call('firehose.create', { request: s3Request('gz', {}, { CompressionFormat: 'GZIP', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } }) });
    await waitFor(() => client.call('firehose.describe', { name: 'gz' }), (d) => d.status === 'ACTIVE');
    const preview = await client.call('firehose.preview', { name: 'gz', samples: { kind: 'records', records: ['a', 'b'].map(b64) }, startMs: Date.UTC(2026, 6, 13, 14, 5, 6), spacingMs: 1000 });
    expect(preview.objects).toHaveLength(1);
    const object = preview.objects[0];
    expect(object?.key).toMatch(/^gz\/2026\/07\/13\/14\/gz-1-2026-07-13-14-05-06-[0-9a-f-]{36}\.gz$/);
    expect(object?.contentEncoding).toBe('gzip');
    expect(gunzipSync(bytesOf(object?.raw.base64 ?? '')).toString()).toBe('a\nb\n');
    expect(bytesOf(object?.decompressed?.base64 ?? '').toString()).toBe('a\nb\n');
    expect(preview.timeline.find((e) => e.type === 'flush')?.text).toMatch(/the buffering interval passed/);
    // Nothing was sent: the engine's pipeline saw none of it.
    expect((await client.call('firehose.state', { name: 'gz' })).counters.incomingRecords).toBe(0);
  });

  it('keeps a preview answer within one frame: views share 512 KiB, and each tells its full size', async () => {
    await client.call('firehose.create', { request: s3Request('zero', {}, { BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 }, ProcessingConfiguration: { Enabled: false } }) });
    await waitFor(() => client.call('firehose.describe', { name: 'zero' }), (d) => d.status === 'ACTIVE');
    const record = Buffer.alloc(200 * 1024, 'x').toString('base64');
    const preview = await client.call('firehose.preview', { name: 'zero', samples: { kind: 'records', records: [record, record, record] }, spacingMs: 1000 });
    expect(preview.objects.map((o) => [o.raw.size, o.raw.truncated])).toEqual([
      [204_800, false],
      [204_800, false],
      [204_800, true],
    ]);
    expect(bytesOf(preview.objects[2]?.raw.base64 ?? '').length).toBe(512 * 1024 - 2 * 204_800);
    expect(preview.notes.join(' ')).toMatch(/Only the first 512 KiB of bytes are shown in all/);
    expect(JSON.stringify(preview).length).toBeLessThan(1024 * 1024);
  });

  it('previews the newest records of the source stream byte for byte as the object a real delivery wrote from them', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'console-src', ShardCount: 1 }));
    await waitForStatus(kinesis, 'console-src');
    await client.call('firehose.create', {
      request: s3Request('from-kinesis', { DeliveryStreamType: 'KinesisStreamAsSource', KinesisStreamSourceConfiguration: { KinesisStreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/console-src', RoleARN: ROLE } }, { CompressionFormat: 'GZIP' }),
    });
    await waitFor(() => client.call('firehose.describe', { name: 'from-kinesis' }), (d) => d.status === 'ACTIVE');
    await sleep(300); // the delivery starts reading at DeliveryStartTimestamp
    const lines = Array.from({ length: 25 }, (_, i) => JSON.stringify({ n: i, text: `record ${i}` }));
    const out = await kinesis.send(new PutRecordsCommand({ StreamName: 'console-src', Records: lines.map((l, i) => ({ Data: Buffer.from(l), PartitionKey: `k${i}` })) }));
    expect(out.FailedRecordCount).toBe(0);
    await waitFor(() => client.call('firehose.state', { name: 'from-kinesis' }), (s) => s.counters.incomingRecords === 25);
    await client.call('firehose.flush', { name: 'from-kinesis' });
    const { objects } = await client.call('firehose.objects', { name: 'from-kinesis', limit: 5 });
    expect(objects).toHaveLength(1);
    const key = objects[0]?.key ?? '';
    const onDisk = readFileSync(join(engineDataDir(scratch.path), 's3', 'console-bucket', key));

    const preview = await client.call('firehose.preview', { name: 'from-kinesis', samples: { kind: 'tail', count: 25 } });
    expect(preview.sampleCount).toBe(25);
    expect(preview.objects).toHaveLength(1);
    const previewed = preview.objects[0];
    expect(bytesOf(previewed?.raw.base64 ?? '').equals(onDisk)).toBe(true);
    expect(bytesOf(previewed?.decompressed?.base64 ?? '').toString()).toBe(`${lines.join('\n')}\n`);
    // The same key but for its uuid: the oldest record's arrival names both.
    expect(previewed?.key.slice(0, -40)).toBe(key.slice(0, -40));

    const view = await client.call('firehose.object', { name: 'from-kinesis', key });
    expect(bytesOf(view.decompressed?.base64 ?? '').toString()).toBe(`${lines.join('\n')}\n`);
    const chunk = await client.call('firehose.objectChunk', { name: 'from-kinesis', key, offset: 0 });
    expect(chunk).toMatchObject({ offset: 0, size: onDisk.length, done: true });
    expect(bytesOf(chunk.base64).equals(onDisk)).toBe(true);
    await expect(client.call('firehose.put', { name: 'from-kinesis', records: [b64('x')] })).rejects.toMatchObject({ code: 'InvalidArgumentException', message: 'This operation is not permitted on KinesisStreamAsSource delivery stream type.' });
  });

  it('passes a Lambda module path to the engine after create, and says so when the engine refuses it', async () => {
    const arn = 'arn:aws:lambda:us-east-1:000000000000:function:transform';
    const request = s3Request('with-lambda', {}, { ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: arn }] }] } });
    const modulePath = join(scratch.path, 'transform.mjs');
    writeFileSync(modulePath, 'export const handler = async (event) => ({ records: event.records.map((r) => ({ recordId: r.recordId, result: "Ok", data: r.data })) });\n');
    const created = await client.call('firehose.create', { request, lambdaModules: [{ functionArn: arn, modulePath }] });
    expect(created.arn).toContain('with-lambda');
    // A path the engine refuses (not absolute): the stream exists, and the error says what was not done.
    const refused = s3Request('with-bad-lambda', {}, { ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: arn }] }] } });
    await expect(client.call('firehose.create', { request: refused, lambdaModules: [{ functionArn: arn, modulePath: 'transform.mjs' }] })).rejects.toMatchObject({
      code: 'LambdaModuleNotSet',
      message: expect.stringContaining('with-bad-lambda was created, but the local module'),
    });
    const preview = await client.call('firehose.preview', { name: 'with-lambda', samples: { kind: 'records', records: [b64('x')] } });
    const event = JSON.parse(preview.lambda[0]?.event ?? '{}') as { records?: { data: string }[] };
    expect(event.records?.[0]?.data).toBe(b64('x'));
    expect(preview.notes.join(' ')).toMatch(/The Lambda is not called in a preview/);
  });
});

describe('the create wizard’s requests', () => {
  it('makes a request the engine accepts for every destination, and names what is missing before sending', async () => {
    for (const { id } of DESTINATIONS) {
      const form = { ...emptyForm(), destination: id, name: `wizard-${id.toLowerCase()}`, password: 'secret-1', compression: 'GZIP' as const, copyOptions: "JSON 'auto' GZIP" };
      const checked = checkRequest(form, 'us-east-1');
      expect(checked.problems, id).toEqual([]);
      if (!checked.request) throw new Error(`no request for ${id}`);
      const created = await client.call('firehose.create', { request: checked.request });
      expect(created.arn, id).toContain(`deliverystream/${form.name}`);
      expect((await client.call('firehose.describe', { name: form.name })).destination, id).toBe(id === 'OpenSearch' ? 'Amazonopensearchservice' : id);
    }
    // Each destination's preview, from its Describe output: what the destination receives.
    const at = Date.UTC(2026, 6, 13, 14, 5, 6);
    const samples = { kind: 'records' as const, records: [b64('{"a":1}')] };
    const http = await client.call('firehose.preview', { name: 'wizard-httpendpoint', samples, startMs: at });
    expect(http.requests[0]).toMatchObject({ method: 'POST', url: 'http://127.0.0.1:8080/', headers: expect.objectContaining({ 'X-Amz-Firehose-Protocol-Version': '1.0', 'Content-Encoding': 'gzip' }), response: expect.objectContaining({ status: 200 }) });
    const body = JSON.parse(bytesOf(http.requests[0]?.decodedBody?.base64 ?? '').toString()) as { requestId: string; timestamp: number; records: { data: string }[] };
    expect(body.records).toEqual([{ data: b64('{"a":1}\n') }]);
    expect(body.timestamp).toBeGreaterThanOrEqual(at);
    expect(JSON.parse(bytesOf(http.requests[0]?.response?.body.base64 ?? '').toString())).toMatchObject({ requestId: body.requestId });
    const search = await client.call('firehose.preview', { name: 'wizard-opensearch', samples, startMs: at });
    expect(bytesOf(search.requests[0]?.body.base64 ?? '').toString()).toMatch(/^\{"index":\{"_index":"records-2026-07-13"/);
    const redshift = await client.call('firehose.preview', { name: 'wizard-redshift', samples, startMs: at });
    expect(redshift.copies[0]?.statement).toMatch(/^COPY events FROM 's3:\/\/local-bucket\/manifests\/2026\/07\/13\/14\/wizard-redshift-1-2026-07-13-14-05-06-[0-9a-f-]{36}' CREDENTIALS 'aws_iam_role=arn:aws:iam::000000000000:role\/firehose-local' MANIFEST JSON 'auto' GZIP;$/);
    const splunk = await client.call('firehose.preview', { name: 'wizard-splunk', samples, startMs: at });
    expect(splunk.requests.map((r) => `${r.purpose} ${r.url.split('?')[0]}`)).toEqual(['deliver http://127.0.0.1:8088/services/collector/raw', 'ack http://127.0.0.1:8088/services/collector/ack']);

    const bad = checkRequest({ ...emptyForm(), name: 'no spaces', source: 'KinesisStreamAsSource', destination: 'Redshift' }, 'us-east-1');
    expect(bad.request).toBeNull();
    expect(bad.nameProblem).toMatch(/letters, digits, underscores, dots and hyphens only/);
    expect(bad.problems.join('\n')).toMatch(/Pick the Kinesis stream to read from/);
    expect(bad.problems.join('\n')).toMatch(/RedshiftDestinationConfiguration\.Password/);
  });
});

describe('firehose commands on an AWS profile', () => {
  it('asks for the account before putting test data, and refuses the local-only controls', async () => {
    const dir = tempDir('firehose-profile');
    const config = join(dir.path, 'config');
    const credentials = join(dir.path, 'credentials');
    writeFileSync(config, '[profile prod]\nregion = us-east-1\n');
    writeFileSync(credentials, '[prod]\naws_access_key_id = AKIDFIREHOSETEST\naws_secret_access_key = firehose-test-secret\n');
    const profiles = await ConnectionManager.open({ settings, checkOnSwitch: false, localEndpoint: engine.endpoint, awsPaths: () => ({ config, credentials }) });
    const app = createAppDispatcher({ identity: { version: '0.0.0-test', dataDir: dir.path }, engine: createEngineStateStore(), features: { connections: profiles, generators, settings } });
    try {
      await profiles.switchTo('profile:prod');
      const aws = await memoryClient(app.dispatcher, contract, 'firehose-profile');
      await expect(aws.call('firehose.put', { name: 'prod-stream', records: [b64('x')] })).rejects.toMatchObject({ code: 'ConfirmationRequired', message: expect.stringContaining('account id') });
      await expect(aws.call('firehose.flush', { name: 'prod-stream' })).rejects.toMatchObject({ code: 'LocalOnly' });
      await expect(aws.call('firehose.state', { name: 'prod-stream' })).rejects.toMatchObject({ code: 'LocalOnly' });
      await expect(aws.call('firehose.create', { request: s3Request('prod-new') })).rejects.toMatchObject({ code: 'LocalOnly' });
    } finally {
      app.dispose();
      await profiles.switchTo('local');
      profiles.close();
      dir.remove();
    }
  });
});
