// The frame envelope: every transport (Electron IPC, WebSocket, in-memory) carries these frames as JSON text.
// A session starts with hello → welcome, which carries the protocol version; nothing else is accepted before it.
import { z } from 'zod';
import { rpcErrorSchema } from './errors';

/** Bump when a frame's meaning changes incompatibly. Adding commands, subscriptions or events does not bump it. */
export const PROTOCOL_VERSION = 1;

/** The largest frame main accepts, in UTF-8 bytes. */
export const MAX_FRAME_BYTES = 1024 * 1024;

const id = z.string().min(1).max(64);
const name = z.string().min(1).max(128);
const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

// ---- client → main ----

export const helloFrameSchema = z.strictObject({
  type: z.literal('hello'),
  protocol: z.number().int(),
  client: z.string().max(200),
});

/** Run a command; main answers with one `result` or `error` frame carrying the same id. */
export const callFrameSchema = z.strictObject({ type: z.literal('call'), id, command: name, params: z.unknown() });

/** Start a subscription; main pushes `batch` frames with this id until `end`. */
export const subscribeFrameSchema = z.strictObject({ type: z.literal('subscribe'), id, topic: name, params: z.unknown() });

export const unsubscribeFrameSchema = z.strictObject({ type: z.literal('unsubscribe'), id });

/**
 * Flow control: the client acknowledges each batch it has processed. Main keeps only a few batches unacknowledged
 * per subscription, so a client that stops reading stops the flow instead of filling buffers.
 */
export const ackFrameSchema = z.strictObject({ type: z.literal('ack'), id, seq });

export const clientFrameSchema = z.discriminatedUnion('type', [
  helloFrameSchema,
  callFrameSchema,
  subscribeFrameSchema,
  unsubscribeFrameSchema,
  ackFrameSchema,
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

// ---- main → client ----

export const welcomeFrameSchema = z.strictObject({
  type: z.literal('welcome'),
  protocol: z.number().int(),
  server: z.strictObject({ name: z.string(), version: z.string() }),
});

export const resultFrameSchema = z.strictObject({ type: z.literal('result'), id, result: z.unknown() });

/** `id` is null when the offending frame had no readable id (garbage, oversized). */
export const errorFrameSchema = z.strictObject({ type: z.literal('error'), id: id.nullable(), error: rpcErrorSchema });

/**
 * Items of one subscription. `dropped` counts items discarded since the previous batch because the client fell
 * behind a source that cannot wait (see main/rpc/subscription.ts); it is 0 for sources that pause instead.
 */
export const batchFrameSchema = z.strictObject({
  type: z.literal('batch'),
  id,
  seq,
  items: z.array(z.unknown()),
  dropped: z.number().int().min(0),
});

/** The subscription is over: the source finished, failed (`error`), or the client unsubscribed. */
export const endFrameSchema = z.strictObject({ type: z.literal('end'), id, error: rpcErrorSchema.optional() });

export const eventFrameSchema = z.strictObject({ type: z.literal('event'), event: name, payload: z.unknown() });

export const serverFrameSchema = z.discriminatedUnion('type', [
  welcomeFrameSchema,
  resultFrameSchema,
  errorFrameSchema,
  batchFrameSchema,
  endFrameSchema,
  eventFrameSchema,
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;
