// The generator's built-in record shapes. Each record's entity (user, device, host) is the key chosen by the
// key distribution, and that entity id is the partition key, as a real producer would key these records.
import type { Random } from './random';

export type BuiltInShape = 'clickstream' | 'iot' | 'logs';

export interface ShapeInput {
  random: Random;
  keyIndex: number;
  /** 0-based number of the record in the run. */
  index: number;
  now: number;
}

export interface GeneratedRecord {
  partitionKey: string;
  text: string;
}

const PAGES = ['/', '/search', '/product/42', '/product/7', '/cart', '/checkout', '/account', '/help'];
const EVENTS = ['page_view', 'page_view', 'page_view', 'click', 'click', 'add_to_cart', 'purchase'];
const REFERRERS = ['direct', 'google', 'newsletter', 'twitter', 'partner'];
const DEVICE_STATUS = ['ok', 'ok', 'ok', 'ok', 'low_battery', 'degraded'];
const LEVELS = ['DEBUG', 'INFO', 'INFO', 'INFO', 'INFO', 'WARN', 'ERROR'];
const SERVICES = ['checkout', 'search', 'auth', 'inventory', 'payments'];
const MESSAGES: Record<string, readonly string[]> = {
  DEBUG: ['cache lookup', 'retrying request'],
  INFO: ['request completed', 'user signed in', 'order created', 'item indexed'],
  WARN: ['slow response from upstream', 'retry budget low'],
  ERROR: ['upstream timed out', 'payment declined', 'database connection reset'],
};

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

const shapes: Record<BuiltInShape, (input: ShapeInput) => GeneratedRecord> = {
  clickstream: ({ random, keyIndex, now }) => {
    const userId = `user-${keyIndex}`;
    const event = {
      eventId: random.uuid(),
      userId,
      sessionId: `s-${keyIndex}-${Math.floor(now / 1_800_000)}`,
      eventType: random.pick(EVENTS),
      page: random.pick(PAGES),
      referrer: random.pick(REFERRERS),
      durationMs: random.int(5, 30_000),
      timestamp: new Date(now).toISOString(),
    };
    return { partitionKey: userId, text: JSON.stringify(event) };
  },
  iot: ({ random, keyIndex, index, now }) => {
    const deviceId = `device-${keyIndex}`;
    const reading = {
      deviceId,
      reading: index + 1,
      temperatureC: round(18 + random.next() * 12, 2),
      humidityPct: round(30 + random.next() * 50, 1),
      batteryPct: random.int(5, 100),
      status: random.pick(DEVICE_STATUS),
      timestamp: now,
    };
    return { partitionKey: deviceId, text: JSON.stringify(reading) };
  },
  logs: ({ random, keyIndex, now }) => {
    const host = `host-${keyIndex}`;
    const level = random.pick(LEVELS);
    const line = {
      timestamp: new Date(now).toISOString(),
      level,
      service: random.pick(SERVICES),
      host,
      message: random.pick(MESSAGES[level] ?? ['event']),
      requestId: random.uuid(),
      latencyMs: random.int(1, level === 'ERROR' ? 5_000 : 800),
    };
    return { partitionKey: host, text: JSON.stringify(line) };
  },
};

export function builtInRecord(shape: BuiltInShape, input: ShapeInput): GeneratedRecord {
  return shapes[shape](input);
}
