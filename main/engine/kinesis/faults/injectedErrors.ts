// The errors fault injection raises, in the shapes AWS sends them: InternalFailure (500) and ServiceUnavailable
// (503) with only __type, like the engine's own; ProvisionedThroughputExceededException with AWS's message
// (naming the shard when the request names one); KMSThrottlingException (400).
import type { KinesisContext } from '../kinesis';
import { KinesisError } from '../../core/errors';
import { shardRateMessage, streamRateMessage, throughputExceeded } from '../limits/limitMessages';
import type { RequestTarget } from '../controls/requestTarget';
import type { InjectedErrorType } from './faultRules';

export function injectedError(type: InjectedErrorType, ctx: KinesisContext, target: RequestTarget): KinesisError {
  const account = ctx.accountId;
  const name = target.name ?? '';
  switch (type) {
    case 'InternalFailure':
      return new KinesisError('InternalFailure', undefined, 500);
    case 'ServiceUnavailable':
      return new KinesisError('ServiceUnavailable', undefined, 503);
    case 'ProvisionedThroughputExceeded':
      return throughputExceeded(target.shardId !== undefined ? shardRateMessage(target.shardId, name, account) : streamRateMessage(name, account));
    case 'KMSThrottlingException':
      return new KinesisError('KMSThrottlingException', `The request was denied due to request throttling of the KMS key of stream ${name} under account ${account}.`);
  }
}

/** PutRecords' per-record failure for an injected partial failure. */
export function partialFailure(code: 'InternalFailure' | 'ProvisionedThroughputExceededException', shardId: string, streamName: string, accountId: string) {
  return code === 'InternalFailure'
    ? { ErrorCode: code, ErrorMessage: 'Internal Service Failure' }
    : { ErrorCode: code, ErrorMessage: shardRateMessage(shardId, streamName, accountId) };
}
