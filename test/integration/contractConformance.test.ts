// One conformance suite, run over every transport: what the renderer relies on must hold on each of them.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode, PROTOCOL_VERSION, RpcError, type Port } from '../../shared/contract/index';
import { appClient, recordFrames, transports, type Backend } from './contractTransports';
import { sleep } from '../support/sleep';

const limits = { maxBatchItems: 100, maxQueuedItems: 1_000, maxUnackedBatches: 2, flushIntervalMs: 10 };

describe.each(transports)('contract over $name', (transport) => {
  let backend: Backend | null = null;
  afterEach(async () => {
    await backend?.close();
    backend = null;
  });
  const start = async () => (backend = await transport.start(limits));

  const greeted = async (port: Port) => {
    const log = recordFrames(port);
    port.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, client: 'raw' }));
    await vi.waitFor(() => expect(log.frames[0]).toMatchObject({ type: 'welcome', protocol: PROTOCOL_VERSION }));
    log.frames.length = 0;
    return log;
  };

  it('answers a command with its typed result', async () => {
    const { connect, dataDir } = await start();
    const client = appClient(await connect());
    await expect(client.ready).resolves.toEqual({ name: 'Shardscope', version: '9.9.9-test' });
    const info = await client.call('app.info');
    expect(info).toMatchObject({ name: 'Shardscope', version: '9.9.9-test', dataDir, transport: transport.name, platform: process.platform });
    expect(info.versions.node).toBe(process.versions.node);
    const engine = await client.call('engine.status');
    expect(engine).toMatchObject({ state: 'running', endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    client.close();
  });

  it('refuses everything before the handshake and a wrong protocol version', async () => {
    const { connect } = await start();
    const port = await connect();
    const log = recordFrames(port);
    port.send(JSON.stringify({ type: 'call', id: 'early', command: 'app.info', params: {} }));
    await vi.waitFor(() => expect(log.frames).toEqual([{ type: 'error', id: 'early', error: { code: ErrorCode.HandshakeRequired, message: expect.any(String) } }]));
    const closed = new Promise<string>((resolve) => port.onClose(resolve));
    port.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION + 1, client: 'future' }));
    await closed;
    expect(log.frames[1]).toMatchObject({ type: 'error', error: { code: ErrorCode.ProtocolMismatch } });
  });

  it('answers an unknown command with UnknownCommand', async () => {
    const { connect } = await start();
    const log = await greeted(await connect());
    const port = await connect();
    const raw = await greeted(port);
    port.send(JSON.stringify({ type: 'call', id: 'u1', command: 'streams.nope', params: {} }));
    port.send(JSON.stringify({ type: 'call', id: 'u2', command: '__proto__', params: {} }));
    port.send(JSON.stringify({ type: 'subscribe', id: 'u3', topic: 'toString', params: {} }));
    await vi.waitFor(() => expect(raw.frames).toHaveLength(3));
    expect(raw.frames).toEqual([
      { type: 'error', id: 'u1', error: { code: ErrorCode.UnknownCommand, message: expect.stringContaining('streams.nope') } },
      { type: 'error', id: 'u2', error: { code: ErrorCode.UnknownCommand, message: expect.stringContaining('app.info') } },
      { type: 'error', id: 'u3', error: { code: ErrorCode.UnknownSubscription, message: expect.stringContaining('diag.count') } },
    ]);
    expect(log.frames).toEqual([]);
  });

  it('rejects params and frames that fail their schema', async () => {
    const { connect } = await start();
    const port = await connect();
    const raw = await greeted(port);
    port.send(JSON.stringify({ type: 'call', id: 'v1', command: 'app.info', params: { verbose: true } }));
    port.send(JSON.stringify({ type: 'subscribe', id: 'v2', topic: 'diag.count', params: { from: -1 } }));
    port.send(JSON.stringify({ type: 'call', id: 'v3', command: 'app.info' }));
    port.send(JSON.stringify({ type: 'call', id: 42, command: 'app.info', params: {} }));
    await vi.waitFor(() => expect(raw.frames).toHaveLength(4));
    expect(raw.frames[0]).toEqual({ type: 'error', id: 'v1', error: { code: ErrorCode.ValidationException, message: expect.stringMatching(/^Invalid params for app\.info: .*verbose/) } });
    expect(raw.frames[1]).toEqual({ type: 'error', id: 'v2', error: { code: ErrorCode.ValidationException, message: expect.stringContaining('params.from') } });
    expect(raw.frames[2]).toEqual({ type: 'error', id: 'v3', error: { code: ErrorCode.BadFrame, message: expect.stringContaining('frame.params') } });
    expect(raw.frames[3]).toEqual({ type: 'error', id: null, error: { code: ErrorCode.BadFrame, message: expect.stringContaining('frame.id') } });

    const client = appClient(await connect());
    const rejection = client.call('app.info', { verbose: true } as never);
    await expect(rejection).rejects.toBeInstanceOf(RpcError);
    await expect(rejection).rejects.toMatchObject({ code: ErrorCode.ValidationException });
  });

  it('delivers a subscription in ordered batches and ends it when asked', async () => {
    const { connect } = await start();
    const client = appClient(await connect());
    const batches: number[][] = [];
    const ended = new Promise<unknown>((resolve) => {
      client.subscribe('diag.count', { from: 7, limit: 1_050 }, { onBatch: (items) => void batches.push(items.map((item) => item.n)), onEnd: resolve });
    });
    expect(await ended).toBeUndefined();
    expect(batches.flat()).toEqual(Array.from({ length: 1_050 }, (_, i) => 7 + i));
    expect(batches.length).toBeGreaterThanOrEqual(11);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(limits.maxBatchItems);
  });

  it('tears a subscription down when the client goes away', async () => {
    const { connect, dispatcher } = await start();
    const port = await connect();
    const client = appClient(port);
    let received = 0;
    client.subscribe('diag.count', {}, { onBatch: (items) => void (received += items.length) });
    await vi.waitFor(() => expect(received).toBeGreaterThan(3 * limits.maxBatchItems));
    expect(dispatcher.stats()).toMatchObject({ sessions: 1, subscriptions: [{ topic: 'diag.count' }] });
    port.close();
    await vi.waitFor(() => expect(dispatcher.stats()).toEqual({ sessions: 0, subscriptions: [] }));
  });

  it('unsubscribing stops the source', async () => {
    const { connect, dispatcher } = await start();
    const client = appClient(await connect());
    let received = 0;
    const handle = client.subscribe('diag.count', {}, { onBatch: (items) => void (received += items.length) });
    await vi.waitFor(() => expect(received).toBeGreaterThan(0));
    handle.unsubscribe();
    await vi.waitFor(() => expect(dispatcher.stats().subscriptions).toEqual([]));
    expect(dispatcher.stats().sessions).toBe(1);
  });

  it('holds a slow client to a bounded queue and resumes when it catches up', async () => {
    const { connect, dispatcher } = await start();
    const port = await connect();
    const raw = await greeted(port);
    port.send(JSON.stringify({ type: 'subscribe', id: 'slow', topic: 'diag.count', params: {} }));
    // The client never acknowledges: main sends the unacknowledged window, fills the queue, and the source waits.
    await vi.waitFor(() => expect(dispatcher.stats().subscriptions[0]?.sourceWaiting).toBe(true));
    const bound = limits.maxQueuedItems + limits.maxUnackedBatches * limits.maxBatchItems;
    const stalled = dispatcher.stats().subscriptions[0];
    expect(stalled).toMatchObject({ queued: limits.maxQueuedItems, unacked: limits.maxUnackedBatches, dropped: 0 });
    expect(stalled?.pushed).toBeLessThanOrEqual(bound);
    // However long it stays slow, nothing more is pulled or sent.
    for (let i = 0; i < 20; i++) await sleep(10);
    expect(dispatcher.stats().subscriptions[0]?.pushed).toBe(stalled?.pushed);
    const batches = raw.frames.filter((frame) => frame.type === 'batch');
    expect(batches).toHaveLength(limits.maxUnackedBatches);

    // Acknowledging lets the flow resume, in order and without loss.
    port.send(JSON.stringify({ type: 'ack', id: 'slow', seq: limits.maxUnackedBatches - 1 }));
    await vi.waitFor(() => expect(raw.frames.filter((frame) => frame.type === 'batch').length).toBeGreaterThan(limits.maxUnackedBatches));
    const numbers = raw.frames.filter((frame) => frame.type === 'batch').flatMap((frame) => (frame.items as { n: number }[]).map((item) => item.n));
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i));
  });

  it('sends engine state changes to every connected client', async () => {
    const { connect, engine } = await start();
    const clients = [appClient(await connect()), appClient(await connect())];
    await Promise.all(clients.map((client) => client.ready));
    const seen = clients.map((client) => new Promise((resolve) => client.on('engine.status', resolve)));
    engine.set('running', 'http://127.0.0.1:4567', 'Kinesis engine listening on http://127.0.0.1:4567');
    for (const status of await Promise.all(seen)) expect(status).toMatchObject({ state: 'running', endpoint: 'http://127.0.0.1:4567' });
  });
});
