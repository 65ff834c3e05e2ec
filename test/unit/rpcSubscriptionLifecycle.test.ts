// A subscription handler's promise decides how the subscription ends: resolved → end, rejected → end with the
// error; a handler that ended its sink itself is not ended a second time.
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createMemoryPortPair, defineContract, PROTOCOL_VERSION } from '../../shared/contract/index';
import { createDispatcher } from '../../main/rpc/dispatcher';
import { servePort } from '../../main/rpc/portSession';

const lifecycleContract = defineContract({
  commands: {},
  subscriptions: {
    'life.resolves': { description: 'pushes two items and returns', params: z.strictObject({}), item: z.number() },
    'life.throws': { description: 'pushes one item and throws', params: z.strictObject({}), item: z.number() },
    'life.endsEarly': { description: 'ends its sink, then fails, then returns', params: z.strictObject({}), item: z.number() },
  },
  events: {},
});

class GoneError extends Error {
  override name = 'ResourceNotFoundException';
}

function setup() {
  const dispatcher = createDispatcher(
    lifecycleContract,
    {
      commands: {},
      subscriptions: {
        'life.resolves': async (_params, sink) => {
          sink.push(1);
          await Promise.resolve();
          sink.push(2);
        },
        'life.throws': async (_params, sink) => {
          sink.push(1);
          await Promise.resolve();
          throw new GoneError('stream gone');
        },
        'life.endsEarly': async (_params, sink) => {
          sink.push(1);
          sink.end();
          sink.fail(new GoneError('too late'));
          await Promise.resolve();
        },
      },
    },
    { server: { name: 'life', version: '0' }, limits: { flushIntervalMs: 5 } },
  );
  const [client, server] = createMemoryPortPair();
  servePort(dispatcher, server, 'memory');
  const frames: Record<string, unknown>[] = [];
  client.onFrame((text) => frames.push(JSON.parse(text) as Record<string, unknown>));
  client.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, client: 'unit' }));
  const subscribe = (id: string, topic: string) => client.send(JSON.stringify({ type: 'subscribe', id, topic, params: {} }));
  const framesOf = (id: string) => frames.filter((f) => f.id === id);
  return { dispatcher, subscribe, framesOf };
}

/** Lets timers and microtasks run, so a second end frame would have been sent by now. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('subscription lifecycle', () => {
  it('ends the subscription when its handler resolves', async () => {
    const { dispatcher, subscribe, framesOf } = setup();
    subscribe('r', 'life.resolves');
    await vi.waitFor(() => expect(framesOf('r').at(-1)).toEqual({ type: 'end', id: 'r' }));
    await settle();
    expect(framesOf('r')).toEqual([
      { type: 'batch', id: 'r', seq: 0, items: [1, 2], dropped: 0 },
      { type: 'end', id: 'r' },
    ]);
    expect(dispatcher.stats().subscriptions).toEqual([]);
  });

  it('fails the subscription with the error when its handler throws', async () => {
    const { dispatcher, subscribe, framesOf } = setup();
    subscribe('t', 'life.throws');
    await vi.waitFor(() => expect(framesOf('t').at(-1)).toMatchObject({ type: 'end', id: 't' }));
    await settle();
    expect(framesOf('t')).toEqual([
      { type: 'batch', id: 't', seq: 0, items: [1], dropped: 0 },
      { type: 'end', id: 't', error: { code: 'ResourceNotFoundException', message: 'stream gone' } },
    ]);
    expect(dispatcher.stats().subscriptions).toEqual([]);
  });

  it('does not end a subscription twice when the handler ended it before returning', async () => {
    const { dispatcher, subscribe, framesOf } = setup();
    subscribe('e', 'life.endsEarly');
    await vi.waitFor(() => expect(framesOf('e').at(-1)).toEqual({ type: 'end', id: 'e' }));
    await settle();
    expect(framesOf('e')).toEqual([
      { type: 'batch', id: 'e', seq: 0, items: [1], dropped: 0 },
      { type: 'end', id: 'e' },
    ]);
    expect(dispatcher.stats().subscriptions).toEqual([]);
  });
});
