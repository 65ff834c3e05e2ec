// Lambda processors of the engine's delivery streams: a function ARN mapped to a local JavaScript module
// (LocalSetLambdaModule, kept across restarts) runs it in a worker, which here drops and fails records; other ARNs
// go through --lambda-endpoint with the real @aws-sdk/client-lambda (the endpoint here is an HTTP server this test
// starts that speaks Lambda's Invoke wire protocol: it stands in for Lambda, as there is no Lambda emulator here);
// with neither, the records go to the error prefix as processing-failed with Lambda's not-found reason.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateDeliveryStreamCommand, FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../main/server/engine/startEngine';
import { raw, start } from '../support/engine-kit';
import { listFiles, readFile, sendJson, useDeliveryFixture, useEnvCredentials } from '../support/firehose';
import { dummyCredentials } from '../support/kinesis';
import { sleep } from '../support/sleep';

const ROLE = 'arn:aws:iam::000000000000:role/firehose';
const LOCAL_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:local-xform';
const REMOTE_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:remote-xform:live';
const MISSING_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:nowhere';

const fx = useDeliveryFixture('fh-engine-lambda');

// 'drop' is Dropped, 'fail' is ProcessingFailed, anything else comes back upper-cased.
const MODULE_SOURCE = `
exports.handler = async (event) => ({
  records: event.records.map((r) => {
    const text = Buffer.from(r.data, 'base64').toString();
    if (text === 'drop') return { recordId: r.recordId, result: 'Dropped' };
    if (text === 'fail') return { recordId: r.recordId, result: 'ProcessingFailed' };
    return { recordId: r.recordId, result: 'Ok', data: Buffer.from(text.toUpperCase() + '\\n').toString('base64') };
  }),
});
`;

function client(engine: RunningEngine): FirehoseClient {
  return new FirehoseClient({ endpoint: engine.endpoint, region: 'us-east-1', credentials: dummyCredentials, maxAttempts: 1 });
}

async function local(engine: RunningEngine, target: string, body: unknown): Promise<{ status: number; json: () => Record<string, unknown> }> {
  return raw(engine, `Firehose_20150804.${target}`, JSON.stringify(body));
}

async function createWithLambda(e: RunningEngine, fh: FirehoseClient, name: string, functionArn: string): Promise<void> {
  await fh.send(new CreateDeliveryStreamCommand({
    DeliveryStreamName: name,
    ExtendedS3DestinationConfiguration: {
      RoleARN: ROLE,
      BucketARN: `arn:aws:s3:::${name}`,
      Prefix: 'ok/',
      ErrorOutputPrefix: 'err/!{firehose:error-output-type}/',
      ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: functionArn }, { ParameterName: 'NumberOfRetries', ParameterValue: '1' }] }] },
    },
  }));
  for (let i = 0; i < 100 && e.firehose.find('us-east-1', name)?.status !== 'ACTIVE'; i++) await sleep(20);
}

async function put(fh: FirehoseClient, name: string, lines: string[]): Promise<void> {
  const out = await fh.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: lines.map((line) => ({ Data: Buffer.from(line) })) }));
  expect(out.FailedPutCount).toBe(0);
}

/** Flushes (the Lambda's buffer, then the destination's) and reads the bucket: objects by top folder, and error lines. */
async function delivered(e: RunningEngine, name: string): Promise<{ ok: string; errors: Record<string, unknown>[]; errorKeys: string[] }> {
  const flushed = await local(e, 'LocalFlushDeliveryStream', { DeliveryStreamName: name });
  expect(flushed.status).toBe(200);
  const root = join(fx.path, 's3', name);
  const files = await listFiles(root);
  let ok = '';
  const errors: Record<string, unknown>[] = [];
  const errorKeys: string[] = [];
  for (const file of files) {
    const text = (await readFile(join(root, file))).toString();
    if (file.startsWith('ok/')) ok += text;
    else {
      errorKeys.push(file);
      errors.push(...text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>));
    }
  }
  return { ok, errors, errorKeys };
}

function sortedLines(text: string): string[] {
  return text.split('\n').filter(Boolean).sort();
}

describe('Lambda processors in the engine', () => {
  it('runs a local module mapped with LocalSetLambdaModule (dropped and failed records), kept across a restart', async () => {
    const modulePath = join(fx.path, 'xform.cjs');
    await writeFile(modulePath, MODULE_SOURCE);
    let e = await start({ dataDir: fx.path });
    let fh = client(e);
    try {
      // AWS's checks on the input, and ours on the path.
      expect((await local(e, 'LocalSetLambdaModule', { FunctionArn: 'not-an-arn', ModulePath: modulePath })).json().__type).toBe('ValidationException');
      const relative = await local(e, 'LocalSetLambdaModule', { FunctionArn: LOCAL_ARN, ModulePath: 'xform.cjs' });
      expect([relative.status, relative.json().__type]).toEqual([400, 'InvalidArgumentException']);
      const absent = await local(e, 'LocalSetLambdaModule', { FunctionArn: LOCAL_ARN, ModulePath: join(fx.path, 'absent.js') });
      expect(absent.json().message).toMatch(/No file at ModulePath/);
      // Running a file of this machine is not something a web page may ask for.
      const fromBrowser = await fetch(e.endpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-amz-json-1.1',
          'X-Amz-Target': 'Firehose_20150804.LocalSetLambdaModule',
          'X-Amz-Date': '20261128T000000Z',
          Authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20261128/us-east-1/firehose/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcd',
          Origin: 'https://example.com',
        },
        body: JSON.stringify({ FunctionArn: LOCAL_ARN, ModulePath: modulePath }),
      });
      expect([fromBrowser.status, ((await fromBrowser.json()) as { __type: string }).__type]).toEqual([403, 'AccessDeniedException']);

      const set = await local(e, 'LocalSetLambdaModule', { FunctionArn: LOCAL_ARN, ModulePath: modulePath });
      expect([set.status, set.json()]).toEqual([200, {}]);
      await createWithLambda(e, fh, 'local-xf', LOCAL_ARN);
      await put(fh, 'local-xf', ['a', 'drop', 'fail', 'b']);
      const first = await delivered(e, 'local-xf');
      expect(first.ok).toBe('A\nB\n');
      expect(first.errorKeys).toHaveLength(1);
      expect(first.errorKeys[0]).toMatch(/^err\/processing-failed\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/local-xf-1-/);
      expect(first.errors).toHaveLength(1);
      expect(first.errors[0]).toMatchObject({ errorCode: 'Lambda.ProcessingFailed', rawData: Buffer.from('fail').toString('base64'), lambdaArn: LOCAL_ARN });
    } finally {
      fh.destroy();
      await e.close();
    }

    // The mapping lives in the engine's database.
    e = await start({ dataDir: fx.path });
    fh = client(e);
    try {
      await put(fh, 'local-xf', ['c']);
      // Objects list in key order (their names end in a UUID), not in time order.
      expect(sortedLines((await delivered(e, 'local-xf')).ok)).toEqual(['A', 'B', 'C']);
      // Removing the mapping: with no --lambda-endpoint the function is not found.
      expect((await local(e, 'LocalSetLambdaModule', { FunctionArn: LOCAL_ARN, ModulePath: null })).status).toBe(200);
      await put(fh, 'local-xf', ['d']);
      const after = await delivered(e, 'local-xf');
      expect(sortedLines(after.ok)).toEqual(['A', 'B', 'C']);
      // Error objects list in key order too: find the new one by its record.
      expect(after.errors).toHaveLength(2);
      expect(after.errors.find((line) => line.rawData === Buffer.from('d').toString('base64'))).toMatchObject({ errorCode: 'Lambda.ResourceNotFound', errorMessage: `Function not found: ${LOCAL_ARN}`, attemptsMade: 2 });
    } finally {
      fh.destroy();
      await e.close();
    }
  });

  it('writes processing-failed records with Lambda’s not-found reason when the function has no module and no endpoint', async () => {
    const e = await start({ dataDir: fx.path });
    const fh = client(e);
    try {
      await createWithLambda(e, fh, 'nowhere', MISSING_ARN);
      await put(fh, 'nowhere', ['x', 'y']);
      const out = await delivered(e, 'nowhere');
      expect(out.ok).toBe('');
      expect(out.errorKeys[0]).toMatch(/^err\/processing-failed\//);
      expect(out.errors.map((line) => [line.errorCode, line.errorMessage, line.lambdaArn, line.rawData])).toEqual([
        ['Lambda.ResourceNotFound', `Function not found: ${MISSING_ARN}`, MISSING_ARN, 'eA=='],
        ['Lambda.ResourceNotFound', `Function not found: ${MISSING_ARN}`, MISSING_ARN, 'eQ=='],
      ]);
    } finally {
      fh.destroy();
      await e.close();
    }
  });

  describe('through --lambda-endpoint', () => {
    useEnvCredentials('AKIDLAMBDATEST', 'lambda-test-secret');

    it('invokes the function with the SDK (signed, Firehose’s event) and applies its answer; an unknown function is not found', async () => {
      // Lambda's Invoke: POST /2015-03-31/functions/<name>/invocations, the payload as body, the function's result
      // as answer; an unknown function is a 404 with x-amzn-ErrorType ResourceNotFoundException.
      const lambda = await fx.receiver((req, res) => {
        const name = decodeURIComponent(/^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(req.url)?.[1] ?? '');
        if (req.method !== 'POST' || name !== REMOTE_ARN) {
          const body = JSON.stringify({ Type: 'User', Message: `Function not found: ${name}` });
          res.writeHead(404, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'ResourceNotFoundException', 'Content-Length': Buffer.byteLength(body) });
          res.end(body);
          return;
        }
        const event = JSON.parse(req.body.toString()) as { records: { recordId: string; data: string }[] };
        sendJson(res, 200, { records: event.records.map((r) => ({ recordId: r.recordId, result: 'Ok', data: Buffer.from(`<${Buffer.from(r.data, 'base64').toString()}>`).toString('base64') })) });
      });
      const e = await start({ dataDir: fx.path, lambdaEndpoint: lambda.url });
      const fh = client(e);
      try {
        await createWithLambda(e, fh, 'remote-xf', REMOTE_ARN);
        await createWithLambda(e, fh, 'remote-missing', MISSING_ARN);
        await put(fh, 'remote-xf', ['p', 'q']);
        await put(fh, 'remote-missing', ['r']);
        expect((await delivered(e, 'remote-xf')).ok).toBe('<p><q>');
        const invoke = lambda.requests.find((r) => decodeURIComponent(r.url).includes(REMOTE_ARN));
        expect(invoke?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDLAMBDATEST\/\d{8}\/us-east-1\/lambda\/aws4_request/);
        expect(JSON.parse(invoke?.body.toString() ?? '{}')).toMatchObject({ deliveryStreamArn: 'arn:aws:firehose:us-east-1:000000000000:deliverystream/remote-xf', region: 'us-east-1', records: [{ data: 'cA==' }, { data: 'cQ==' }] });

        const missing = await delivered(e, 'remote-missing');
        expect(missing.errors).toEqual([expect.objectContaining({ errorCode: 'Lambda.ResourceNotFound', errorMessage: `Function not found: ${MISSING_ARN}`, attemptsMade: 2, rawData: 'cg==' })]);
        // NumberOfRetries 1: two invocations of the missing function, one SDK attempt each.
        expect(lambda.requests.filter((r) => decodeURIComponent(r.url).includes(MISSING_ARN))).toHaveLength(2);
      } finally {
        fh.destroy();
        await e.close();
      }
    });
  });
});
