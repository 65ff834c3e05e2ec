// The whole app as `npm run web` runs it: startAppRuntime (settings, connections, generators, the engine worker on
// the data folder) behind the real web host, driven over the real WebSocket with the launch token. Every frame
// main sends is recorded as raw text and searched for every credential value configured here.
//
// Access key ids count as credential values in this test: they are not secret on their own, but the design
// promises the renderer sees names, regions and account ids and nothing else, and an access key id names an IAM
// user's key. So the renderer must never receive one either.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createH2cServer, type Http2Server } from 'node:http2';
import { rmSync } from 'node:fs';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type AppContract } from '../../shared/contract/index';
import type { ConnectionEvent, ConnectionSummary } from '../../shared/contract/connections';
import type { GeneratorStatus } from '../../shared/contract/producers';
import type { StreamWatchItem } from '../../shared/contract/streams';
import { startAppRuntime, type AppRuntime } from '../../main/app/appRuntime';
import { startWebHost, type WebHost } from '../../main/server/webHost';
import { RPC_PATH, RPC_SUBPROTOCOL, tokenProtocol } from '../../shared/contract/index';
import { RpcClient } from '../../renderer/api/client';
import { webSocketPort } from '../../renderer/api/ports';
import { makeAwsHome, type AwsHome } from '../fixtures/connections/awsHome';
import { collect } from '../support/services-kit';
import { tempDir } from '../support/tempDir';

// Random-looking values, so that no 12-character window of one can occur in ordinary text by chance.
const SECRETS = {
  staticKeyId: 'AKIADHU4XGAOZYX7J3SD',
  staticSecret: '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',
  sessionKeyId: 'ASIA4Y5QTO2OSOJGR297',
  sessionSecret: 'EYx8ZXnd1mof4efXgMxhV8az36a4sMzMJ5xu09kc',
  sessionToken: 'FwoGZXIvYXdz24Qo4YXgInJMnyILA98MzEdxuVdZ7JzXB51Dd6Vc5SYBEldzFN1XdtXNMPqA',
  customKeyId: 'AKIAXIUF3XRCNWC0FZ58',
  customSecret: '1jIBgb32enswFwTjT7fXwZ8Qz8IpCRMRz5KaeHCk',
  customToken: 'IQoJb3JpZ2lu7FeRvH4SUeledHRZHeDFHzMGL3ZDF2gyjniYpMBoCO0WX8Si',
  echoKeyId: 'AKIAVSTMS2NZNLROESBW',
  echoSecret: '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',
};

/** Any 12 characters in a row of a secret: a truncated or partly masked value still counts as a leak. */
function leaks(text: string): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(SECRETS)) {
    for (let i = 0; i + 12 <= value.length; i++) {
      if (text.includes(value.slice(i, i + 12))) {
        found.push(`${name} (…${value.slice(i, i + 12)}…)`);
        break;
      }
    }
  }
  return found;
}

describe('the app runtime over the WebSocket transport', () => {
  let home: AwsHome;
  let dataDir: string;
  let echo: Server;
  let echoH2: Http2Server;
  let runtime: AppRuntime;
  let host: WebHost;
  let socket: WebSocket;
  let client: RpcClient<AppContract>;
  const frames: string[] = [];
  const events: ConnectionEvent[] = [];
  const logLines: string[] = [];
  let echoEndpoint = '';

  beforeAll(async () => {
    // An endpoint that answers everything with an error quoting the signed headers: what a badly behaved proxy
    // does, and what AWS's signature errors do with the canonical request.
    // HTTP/1.1 for custom connections and STS, h2c for profiles' Kinesis client (the SDK's default handler).
    const echoed = (headers: IncomingHttpHeaders) =>
      JSON.stringify({
        __type: 'EchoedHeadersException',
        message: `Unexpected request: ${headers.authorization ?? ''} token=${String(headers['x-amz-security-token'] ?? '')}`,
      });
    echo = createServer((req, res) => res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' }).end(echoed(req.headers)));
    echoH2 = createH2cServer((req, res) => res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' }).end(echoed(req.headers)));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => echoH2.listen(0, '127.0.0.1', resolve));
    echoEndpoint = `http://127.0.0.1:${(echo.address() as { port: number }).port}`;
    const echoH2Endpoint = `http://127.0.0.1:${(echoH2.address() as { port: number }).port}`;
    // Profiles reach "AWS" at the echo endpoints: no network is needed, and their keys travel in signed headers.
    home = makeAwsHome({ AWS_ENDPOINT_URL_STS: echoEndpoint, AWS_ENDPOINT_URL_KINESIS: echoH2Endpoint });
    home.write({
      config: ['[profile static-keys]', 'region = eu-west-1', '[profile session-keys]', 'region = us-west-2', ''].join('\n'),
      credentials: [
        '[static-keys]',
        `aws_access_key_id = ${SECRETS.staticKeyId}`,
        `aws_secret_access_key = ${SECRETS.staticSecret}`,
        '[session-keys]',
        `aws_access_key_id = ${SECRETS.sessionKeyId}`,
        `aws_secret_access_key = ${SECRETS.sessionSecret}`,
        `aws_session_token = ${SECRETS.sessionToken}`,
        '',
      ].join('\n'),
    });
    dataDir = tempDir('app').path;
    // Exactly what main/cli/web.ts does, with port 0 for the engine so a running app on 4567 is left alone.
    runtime = await startAppRuntime({ version: '0.0.0-test', dataDir }, { enginePort: 0, log: (line) => logLines.push(line) });
    host = await startWebHost({ dispatcher: runtime.dispatcher, rendererDir: dataDir, port: 0 });
    socket = new WebSocket(`ws://127.0.0.1:${host.port}${RPC_PATH}`, [RPC_SUBPROTOCOL, tokenProtocol(host.token)], { origin: `http://127.0.0.1:${host.port}` });
    // Recorded at the socket, before any parsing: this is every byte main sent to the client.
    socket.on('message', (data: WebSocket.RawData) => frames.push(data.toString()));
    const port = webSocketPort(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    client = new RpcClient(port, contract, 'app-runtime-test');
    await client.ready;
    client.on('connections.event', (event) => events.push(event));
  }, 60_000);

  afterAll(async () => {
    client?.close();
    await host?.close();
    await runtime?.close();
    await new Promise<void>((resolve) => (echo ? echo.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (echoH2 ? echoH2.close(() => resolve()) : resolve()));
    home?.restore();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the local engine in the data folder and tells the client it runs, with its endpoint', async () => {
    const status = await client.call('engine.status');
    expect(status.state).toBe('running');
    expect(status.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(status.message).toBe(`Kinesis engine listening on ${status.endpoint}`);
    expect(logLines).toContain(`Kinesis engine listening on ${status.endpoint}`);
    // The local connection follows the engine, and is the default with no configuration.
    const state = await client.call('connections.state');
    expect(state.activeId).toBe('local');
    const local = state.connections.find((c) => c.id === 'local');
    expect(local?.endpoint).toBe(status.endpoint);
    expect(await client.call('connections.checkHealth', { id: 'local' })).toMatchObject({ id: 'local', health: { status: 'ok' } });
  });

  it('lists the profiles of the AWS files and checks them without leaking their keys', async () => {
    const state = await client.call('connections.state');
    const ids = state.connections.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['local', 'profile:static-keys', 'profile:session-keys']));
    expect(state.connections.find((c) => c.id === 'profile:session-keys')).toMatchObject({ region: 'us-west-2', credentialKind: 'static-session' });
    const all = await client.call('connections.checkAllHealth');
    const byId = new Map(all.results.map((r) => [r.id, r.health]));
    expect(byId.get('local')).toMatchObject({ status: 'ok' });
    // The echo endpoint is no STS: the profiles fail, with our wording.
    expect(byId.get('profile:static-keys')).toMatchObject({ status: 'error' });
    expect(byId.get('profile:session-keys')).toMatchObject({ status: 'error' });
  });

  let customId = '';
  let echoId = '';

  it('adds custom connections whose secrets only travel inward', async () => {
    const engineEndpoint = runtime.engine.get().endpoint ?? '';
    const custom: ConnectionSummary = await client.call('connections.addCustom', {
      name: 'engine over http/1.1',
      endpoint: engineEndpoint,
      region: 'us-east-1',
      credentials: { type: 'static', accessKeyId: SECRETS.customKeyId, secretAccessKey: SECRETS.customSecret, sessionToken: SECRETS.customToken },
    });
    customId = custom.id;
    // Web mode has no keychain: the secret is kept for this session only, so it is not missing yet.
    expect(custom).toMatchObject({ kind: 'custom', credentialKind: 'static', secretMissing: false, endpoint: engineEndpoint });
    echoId = (
      await client.call('connections.addCustom', {
        name: 'echoing proxy',
        endpoint: echoEndpoint,
        region: 'us-east-1',
        credentials: { type: 'static', accessKeyId: SECRETS.echoKeyId, secretAccessKey: SECRETS.echoSecret },
      })
    ).id;
    expect(await client.call('connections.checkHealth', { id: customId })).toMatchObject({ health: { status: 'ok' } });
    expect(await client.call('connections.checkHealth', { id: echoId })).toMatchObject({ health: { status: 'error' } });
  });

  it('switches to the custom connection and browses, creates, describes and produces through it', async () => {
    const switched = await client.call('connections.switch', { id: customId });
    expect(switched.activeId).toBe(customId);
    await expect.poll(() => events.some((e) => e.type === 'active-changed' && e.activeId === customId)).toBe(true);

    await client.call('streams.create', { name: 'app-orders', capacity: { mode: 'PROVISIONED', shardCount: 2 } });
    const watched = await collect<StreamWatchItem>((h) => client.subscribe('streams.watch', { name: 'app-orders', intervalMs: 250 }, h));
    expect(watched.at(-1)?.status).toBe('ACTIVE');
    const list = await client.call('streams.list', {});
    expect(list.streams.map((s) => s.name)).toContain('app-orders');
    const detail = await client.call('streams.describe', { name: 'app-orders' });
    expect(detail.summary).toMatchObject({ name: 'app-orders', status: 'ACTIVE', openShardCount: 2 });

    const put = await client.call('producers.put', { stream: 'app-orders', partitionKey: 'order-1', data: { format: 'json', value: '{"id":1}' } });
    expect(put.shardId).toMatch(/^shardId-/);
    expect(put.sequenceNumber).toMatch(/^\d+$/);

    const started = await client.call('generator.start', { stream: 'app-orders', shape: { kind: 'clickstream' }, ratePerSecond: 200, seed: 3 });
    expect(started).toMatchObject({ state: 'running', connectionId: customId });
    const progress: GeneratorStatus[] = [];
    const finished = collect<GeneratorStatus>((h) =>
      client.subscribe('generator.progress', { id: started.id, intervalMs: 250 }, { onBatch: (items) => (progress.push(...items), h.onBatch(items)), onEnd: h.onEnd }),
    );
    await expect.poll(() => progress.at(-1)?.acknowledged ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
    const stopped = await client.call('generator.stop', { id: started.id });
    expect(stopped).toMatchObject({ state: 'stopped', stopReason: 'requested', failed: 0 });
    expect(stopped.acknowledged).toBe(stopped.sent);
    expect((await finished).at(-1)?.state).toBe('stopped');
  });

  it('passes AWS errors on with their code, scrubbed of the credentials the endpoint echoed', async () => {
    await client.call('connections.switch', { id: echoId });
    await expect(client.call('streams.list', {})).rejects.toMatchObject({ code: 'EchoedHeadersException', message: expect.stringContaining('Unexpected request') });
    await client.call('connections.switch', { id: 'profile:session-keys' });
    await expect(client.call('streams.list', {})).rejects.toMatchObject({ code: 'EchoedHeadersException' });
    // A ConnectionsError keeps its own code.
    await expect(client.call('connections.switch', { id: 'custom:nope' })).rejects.toMatchObject({ code: 'ConnectionNotFound' });
    await expect(client.call('connections.removeCustom', { id: 'local' })).rejects.toMatchObject({ code: 'NotACustomConnection' });
  });

  it('switches back to the local engine, which sees the same streams', async () => {
    const state = await client.call('connections.switch', { id: 'local' });
    expect(state.activeId).toBe('local');
    const list = await client.call('streams.list', {});
    expect(list.streams.map((s) => s.name)).toContain('app-orders');
  });

  it('never sent a credential value in any frame', () => {
    // The recording is not empty and saw every kind of frame this suite caused.
    const types = new Set(frames.map((text) => (JSON.parse(text) as { type: string }).type));
    expect([...types]).toEqual(expect.arrayContaining(['welcome', 'result', 'error', 'batch', 'end', 'event']));
    expect(frames.join('\n')).toContain('EchoedHeadersException');
    expect(leaks(frames.join('\n'))).toEqual([]);
  });
});
