import { defineAction } from '../kinesis';
import { hashKeyRule, sequenceNumberRule, streamRef } from '../streams/commonRules';
import { invalidArgument, KinesisError } from '../../core/errors';
import { t } from '../../core/rules';
import { decodeSequence, type DecodedSequence } from '../records/sequence';
import { checkRecordSizes, writableStream, writeRecords } from '../records/writeRecords';

export const rules = t.struct({
  ...streamRef,
  Data: t.blob({ max: 10485760, required: true }),
  PartitionKey: t.string({ min: 1, max: 256, required: true }),
  ExplicitHashKey: hashKeyRule,
  SequenceNumberForOrdering: sequenceNumberRule,
});

export const PutRecord = defineAction('PutRecord', rules, (ctx, input) => {
  const stream = writableStream(ctx, input);
  checkRecordSizes(stream, [input], () => 'data');
  let minSeq: DecodedSequence | undefined;
  if (input.SequenceNumberForOrdering !== undefined) {
    const decoded = decodeSequence(input.SequenceNumberForOrdering);
    if (decoded?.version !== 2 && input.SequenceNumberForOrdering !== '0') {
      throw invalidArgument(`ExclusiveMinimumSequenceNumber ${input.SequenceNumberForOrdering} used in PutRecord on stream ${stream.name} under account ${ctx.accountId} is invalid.`);
    }
    if (decoded?.version === 2) minSeq = decoded;
  }
  const [result] = writeRecords(ctx, stream, [input], minSeq);
  if (!result || !('SequenceNumber' in result)) {
    const failure = result ?? { ErrorCode: 'InternalFailure', ErrorMessage: 'Internal service failure.' };
    throw new KinesisError(failure.ErrorCode as 'ProvisionedThroughputExceededException', failure.ErrorMessage, failure.ErrorCode === 'InternalFailure' ? 500 : 400);
  }
  return { ShardId: result.ShardId, SequenceNumber: result.SequenceNumber, EncryptionType: stream.encryptionType };
});
