// The dispatcher against a contract made for the edges: a source that cannot wait, failing handlers, bad results.
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createMemoryPortPair, defineContract, ErrorCode, PROTOCOL_VERSION, type Port } from '../../shared/contract/index';
import { createDispatcher } from '../../main/rpc/dispatcher';
import type { Sink } from '../../main/rpc/handlers';
import { servePort } from '../../main/rpc/portSession';
import { BoundedQueue } from '../../main/rpc/boundedQueue';
import { resolveLimits } from '../../main/rpc/limits';

const edgeContract = defineContract({
  commands: {
    'edge.throwAws': { description: 'fails like the AWS SDK', params: z.strictObject({}), result: z.null() },
    'edge.throwBug': { description: 'fails like a bug', params: z.strictObject({}), result: z.null() },
    'edge.badResult': { description: 'returns what the contract forbids', params: z.strictObject({}), result: z.strictObject({ ok: z.boolean() }) },
    'edge.leaky': { description: 'returns extra fields', params: z.strictObject({}), result: z.object({ name: z.string() }) },
  },
  subscriptions: {
    'edge.events': { description: 'a push source that cannot wait', params: z.strictObject({ count: z.number().int() }), item: z.number() },
    'edge.failing': { description: 'fails after one item', params: z.strictObject({}), item: z.number() },
  },
  events: {},
});

class AwsLikeError extends Error {
  override name = 'ResourceNotFoundException';
}

let pushSink: Sink<number> | null = null;

function setup() {
  const dispatcher = createDispatcher(
    edgeContract,
    {
      commands: {
        'edge.throwAws': () => {
          throw new AwsLikeError('Stream orders under account 000000000000 not found.');
        },
        'edge.throwBug': () => {
          throw new TypeError('x is undefined');
        },
        'edge.badResult': () => ({ ok: 'yes' }) as unknown as { ok: boolean },
        'edge.leaky': () => ({ name: 'local', secretAccessKey: 'must-not-leave-main' }) as { name: string },
      },
      subscriptions: {
        'edge.events': (params, sink) => {
          pushSink = sink;
          for (let i = 0; i < params.count; i++) sink.push(i);
        },
        'edge.failing': async (_params, sink) => {
          sink.push(1);
          await Promise.resolve();
          throw new AwsLikeError('gone');
        },
      },
    },
    { server: { name: 'edge', version: '0' }, limits: { maxBatchItems: 10, maxQueuedItems: 50, maxUnackedBatches: 1, flushIntervalMs: 5 } },
  );
  const [client, server] = createMemoryPortPair();
  servePort(dispatcher, server, 'memory');
  const frames: Record<string, unknown>[] = [];
  client.onFrame((text) => frames.push(JSON.parse(text) as Record<string, unknown>));
  client.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, client: 'unit' }));
  return { dispatcher, client, frames };
}

const send = (port: Port, frame: object) => port.send(JSON.stringify(frame));

describe('dispatcher', () => {
  it('keeps AWS error codes and hides programming errors behind InternalFailure', async () => {
    const { client, frames } = setup();
    send(client, { type: 'call', id: 'a', command: 'edge.throwAws', params: {} });
    send(client, { type: 'call', id: 'b', command: 'edge.throwBug', params: {} });
    await vi.waitFor(() => expect(frames).toHaveLength(3));
    expect(frames[1]).toEqual({ type: 'error', id: 'a', error: { code: 'ResourceNotFoundException', message: 'Stream orders under account 000000000000 not found.' } });
    expect(frames[2]).toEqual({ type: 'error', id: 'b', error: { code: ErrorCode.InternalFailure, message: 'x is undefined' } });
  });

  it('checks results against the contract and strips fields it does not declare', async () => {
    const { client, frames } = setup();
    send(client, { type: 'call', id: 'r', command: 'edge.badResult', params: {} });
    send(client, { type: 'call', id: 'l', command: 'edge.leaky', params: {} });
    await vi.waitFor(() => expect(frames).toHaveLength(3));
    expect(frames[1]).toMatchObject({ type: 'error', id: 'r', error: { code: ErrorCode.InternalFailure } });
    expect(frames[2]).toEqual({ type: 'result', id: 'l', result: { name: 'local' } });
  });

  it('drops the oldest items of a source that cannot wait, and tells the client how many', async () => {
    const { client, frames, dispatcher } = setup();
    send(client, { type: 'subscribe', id: 'e', topic: 'edge.events', params: { count: 500 } });
    // The first batch leaves at once (a full batch); with one unacked batch allowed, the rest waits in the queue.
    await vi.waitFor(() => expect(frames.filter((f) => f.type === 'batch')).toHaveLength(1));
    expect(dispatcher.stats().subscriptions[0]).toMatchObject({ queued: 50, pushed: 500, dropped: 440 });
    let seq = 0;
    while (frames.filter((f) => f.type === 'batch').length < 6) {
      send(client, { type: 'ack', id: 'e', seq: seq++ });
      await vi.waitFor(() => expect(frames.filter((f) => f.type === 'batch').length).toBe(seq + 1));
    }
    const batches = frames.filter((f) => f.type === 'batch');
    expect(batches[0]).toMatchObject({ seq: 0, items: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], dropped: 0 });
    expect(batches[1]).toMatchObject({ seq: 1, items: [450, 451, 452, 453, 454, 455, 456, 457, 458, 459], dropped: 440 });
    expect(batches.slice(2).map((b) => b.dropped)).toEqual([0, 0, 0, 0]);
    pushSink?.end();
    send(client, { type: 'ack', id: 'e', seq: 5 });
    await vi.waitFor(() => expect(frames.at(-1)).toEqual({ type: 'end', id: 'e' }));
  });

  it('ends a subscription whose source fails, with the error', async () => {
    const { client, frames, dispatcher } = setup();
    send(client, { type: 'subscribe', id: 'f', topic: 'edge.failing', params: {} });
    await vi.waitFor(() => expect(frames.at(-1)).toEqual({ type: 'end', id: 'f', error: { code: 'ResourceNotFoundException', message: 'gone' } }));
    expect(frames.filter((f) => f.type === 'batch')).toEqual([{ type: 'batch', id: 'f', seq: 0, items: [1], dropped: 0 }]);
    expect(dispatcher.stats().subscriptions).toEqual([]);
  });

  it('refuses a second subscription with the same id', async () => {
    const { client, frames } = setup();
    send(client, { type: 'subscribe', id: 'd', topic: 'edge.events', params: { count: 0 } });
    send(client, { type: 'subscribe', id: 'd', topic: 'edge.events', params: { count: 0 } });
    await vi.waitFor(() => expect(frames).toContainEqual({ type: 'error', id: 'd', error: { code: ErrorCode.DuplicateId, message: expect.any(String) } }));
  });

  it('answers non-text frames and oversized text without parsing them', () => {
    const sent: string[] = [];
    const dispatcher = createDispatcher(edgeContract, { commands: {} as never, subscriptions: {} as never }, { server: { name: 'x', version: '0' }, limits: { maxFrameBytes: 1024 } });
    const session = dispatcher.connect({ transport: 'memory', send: (f) => sent.push(f), close: () => {} });
    session.receive(new Uint8Array([1, 2, 3]));
    session.receive('é'.repeat(600));
    session.receive(undefined);
    expect(sent.map((f) => (JSON.parse(f) as { error: { code: string } }).error.code)).toEqual([ErrorCode.BadFrame, ErrorCode.FrameTooLarge, ErrorCode.BadFrame]);
  });
});

describe('limits and queue', () => {
  it('refuses a flush interval above 50 ms and non-positive bounds', () => {
    expect(() => resolveLimits({ flushIntervalMs: 51 })).toThrow(/50 ms/);
    expect(() => resolveLimits({ maxQueuedItems: 0 })).toThrow(/maxQueuedItems/);
    expect(resolveLimits().flushIntervalMs).toBeLessThanOrEqual(50);
  });

  it('the bounded queue keeps the newest items and counts what it discarded', () => {
    const queue = new BoundedQueue<number>(3);
    for (let i = 0; i < 7; i++) queue.push(i);
    expect(queue.takeDropped()).toBe(4);
    expect(queue.take(10)).toEqual([4, 5, 6]);
    expect(queue.droppedTotal).toBe(4);
    expect(queue.length).toBe(0);
  });
});
