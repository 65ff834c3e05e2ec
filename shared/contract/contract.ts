// The contract between main and the renderer. A new feature adds entries here (e.g. `streams.list`,
// `tail.records`), a handler in main, and calls in the renderer; the dispatcher and transports stay as they are.
import { z } from 'zod';
import { appInfoSchema, engineStatusSchema } from './app';
import { defineContract } from './define';

const noParams = z.strictObject({});

export const contract = defineContract({
  commands: {
    'app.info': {
      description: 'Version, data directory, transport and platform of the running app.',
      params: noParams,
      result: appInfoSchema,
    },
    'engine.status': {
      description: 'State of the local Kinesis engine and its endpoint.',
      params: noParams,
      result: engineStatusSchema,
    },
  },
  subscriptions: {
    'diag.count': {
      description:
        'Consecutive integers from `from`, as fast as the client takes them: a transport check for throughput and flow control.',
      params: z.strictObject({
        from: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
        /** Stop after this many items; without it the count runs until unsubscribed. */
        limit: z.number().int().min(1).max(1_000_000_000).optional(),
      }),
      item: z.strictObject({ n: z.number().int() }),
    },
  },
  events: {
    'engine.status': {
      description: 'Sent to every client whenever the local engine changes state.',
      payload: engineStatusSchema,
    },
  },
});

export type AppContract = typeof contract;
