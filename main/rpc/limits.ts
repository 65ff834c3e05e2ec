// The dispatcher's bounds. Defaults suit a desktop UI; tests shrink them to reach the edges quickly.
import { MAX_FRAME_BYTES } from '../../shared/contract/index';

export interface DispatcherLimits {
  /** Frames larger than this (UTF-8 bytes) are answered with FrameTooLarge without being parsed. */
  maxFrameBytes: number;
  /** A subscription's queued items are sent at most this long after the first of them arrived. */
  flushIntervalMs: number;
  /** Items per batch frame. */
  maxBatchItems: number;
  /** Items queued per subscription while the client is behind; the bound on a slow client's memory. */
  maxQueuedItems: number;
  /** Batches sent but not yet acknowledged per subscription. */
  maxUnackedBatches: number;
  /** Commands running at once per client. */
  maxPendingCalls: number;
  /** Subscriptions open at once per client. */
  maxSubscriptions: number;
}

export const defaultLimits: DispatcherLimits = {
  maxFrameBytes: MAX_FRAME_BYTES,
  flushIntervalMs: 25,
  maxBatchItems: 500,
  maxQueuedItems: 5_000,
  maxUnackedBatches: 4,
  maxPendingCalls: 256,
  maxSubscriptions: 64,
};

export function resolveLimits(overrides: Partial<DispatcherLimits> = {}): DispatcherLimits {
  const limits = { ...defaultLimits, ...overrides };
  if (limits.flushIntervalMs > 50) throw new RangeError('flushIntervalMs must be at most 50 ms');
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${key} must be a positive integer`);
  }
  return limits;
}
