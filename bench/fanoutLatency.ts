// Put → fan-out delivery latency: one SubscribeToShard subscriber (the JS SDK over its default HTTP/2 handler)
// on a one-shard stream, then PutRecord one record at a time; a sample is the time from sending the PutRecord
// to the subscriber holding that record. Only our engine serves SubscribeToShard, so there is no peer to compare.
import {
  DescribeStreamCommand,
  DescribeStreamConsumerCommand,
  PutRecordCommand,
  RegisterStreamConsumerCommand,
  SubscribeToShardCommand,
} from '@aws-sdk/client-kinesis';
import { performance } from 'node:perf_hooks';
import { sdkClient } from '../test/support/kinesis';
import { sleep } from '../test/support/sleep';
import { createStream, percentile, type LatencyFigures } from './workloads';

export interface FanoutLatencyFigures extends LatencyFigures {
  /** The same puts' own round trips (send → acknowledged), for scale. */
  putAckP50Ms: number;
  client: string;
}

/** Measures against an engine at `endpoint` (it creates the stream and the consumer). */
export async function fanoutLatency(endpoint: string, samples: number, stream = 'bench-fanout'): Promise<FanoutLatencyFigures> {
  const kinesis = sdkClient(endpoint);
  try {
    await createStream(kinesis, stream, 1);
    const { StreamDescription } = await kinesis.send(new DescribeStreamCommand({ StreamName: stream }));
    const { Consumer } = await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: StreamDescription?.StreamARN, ConsumerName: 'bench' }));
    const consumerArn = Consumer?.ConsumerARN;
    for (let i = 0; i < 200; i++) {
      const { ConsumerDescription } = await kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: consumerArn }));
      if (ConsumerDescription?.ConsumerStatus === 'ACTIVE') break;
      await sleep(50);
    }
    const { EventStream } = await kinesis.send(
      new SubscribeToShardCommand({ ConsumerARN: consumerArn, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'LATEST' } }),
    );
    if (!EventStream) throw new Error('no event stream');

    const sentAt = new Map<string, number>();
    const delivery: number[] = [];
    const acks: number[] = [];
    let notify: () => void = () => undefined;
    const reader = (async () => {
      for await (const event of EventStream) {
        const now = performance.now();
        for (const record of event.SubscribeToShardEvent?.Records ?? []) {
          const key = record.PartitionKey ?? '';
          const sent = sentAt.get(key);
          if (sent !== undefined) delivery.push(now - sent);
        }
        notify();
        if (delivery.length >= samples) return;
      }
    })();
    for (let i = 0; i < samples; i++) {
      const key = `k${i}`;
      const delivered = new Promise<void>((resolve) => (notify = resolve));
      const start = performance.now();
      sentAt.set(key, start);
      await kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: key, Data: new Uint8Array(100) }));
      acks.push(performance.now() - start);
      await Promise.race([delivered, sleep(2000)]);
    }
    await Promise.race([reader, sleep(2000)]);
    delivery.sort((a, b) => a - b);
    acks.sort((a, b) => a - b);
    const round = (ms: number) => Math.round(ms * 100) / 100;
    return {
      samples: delivery.length,
      p50Ms: round(percentile(delivery, 50)),
      p99Ms: round(percentile(delivery, 99)),
      maxMs: round(delivery.at(-1) ?? NaN),
      putAckP50Ms: round(percentile(acks, 50)),
      client: '@aws-sdk/client-kinesis, default handler (HTTP/2), one client for puts and the subscription',
    };
  } finally {
    kinesis.destroy();
  }
}
