// The enhanced fan-out consumer a tail session registers for itself: RegisterStreamConsumer, wait for ACTIVE,
// and DeregisterStreamConsumer when the session stops (a consumer costs money on AWS while it exists).
import { DeregisterStreamConsumerCommand, DescribeStreamConsumerCommand, RegisterStreamConsumerCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { abortableSleep } from '../streams/abortableSleep';

const ACTIVE_TIMEOUT_MS = 120_000;

export async function registerConsumer(kinesis: KinesisClient, streamArn: string, name: string, signal: AbortSignal): Promise<string> {
  const out = await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn, ConsumerName: name }));
  const arn = out.Consumer?.ConsumerARN;
  if (!arn) throw new Error('RegisterStreamConsumer returned no consumer ARN');
  const until = Date.now() + ACTIVE_TIMEOUT_MS;
  let status = out.Consumer?.ConsumerStatus;
  while (status !== 'ACTIVE') {
    if (signal.aborted || Date.now() > until) {
      await deregisterConsumer(kinesis, arn);
      throw new Error(`The consumer ${name} did not become ACTIVE (${status ?? 'unknown'}).`);
    }
    await abortableSleep(250, signal);
    const d = await kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: arn }));
    status = d.ConsumerDescription?.ConsumerStatus;
  }
  return arn;
}

/** Best effort: the session is over either way, and a failure here is reported, not thrown. */
export async function deregisterConsumer(kinesis: KinesisClient, consumerArn: string): Promise<Error | null> {
  try {
    await kinesis.send(new DeregisterStreamConsumerCommand({ ConsumerARN: consumerArn }));
    return null;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
