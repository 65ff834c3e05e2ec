import { defineAction } from '../kinesis';
import { hashKeyRule, streamRef } from '../streams/commonRules';
import { invalidArgument } from '../../core/errors';
import { t } from '../../core/rules';
import { asciiJsonString, renderedJsonList } from '../../core/wire';
import { checkRecordSizes, writableStream, writeRecords } from '../records/writeRecords';

export const rules = t.struct({
  ...streamRef,
  Records: t.list(
    t.struct(
      {
        Data: t.blob({ max: 10485760, required: true }),
        PartitionKey: t.string({ min: 1, max: 256, required: true }),
        ExplicitHashKey: hashKeyRule,
      },
      { text: 'com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry' },
    ),
    { min: 1, max: 500, required: true, memberText: 'com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry@c965e310' },
  ),
});

/**
 * The whole call's data and keys: 5 MiB, as AWS documented before records could pass 1 MiB; 10 MiB on a stream whose
 * maximum record size was raised (AWS's reference now says 10 MiB for the entire request; a single 10 MiB record,
 * which PutRecord takes, must fit in a PutRecords call too). The message is our wording.
 */
function maxRequestBytes(maxRecordSizeKiB: number): number {
  return (maxRecordSizeKiB > 1024 ? 10 : 5) * 1024 * 1024;
}

export const PutRecords = defineAction('PutRecords', rules, (ctx, input) => {
  const stream = writableStream(ctx, input);
  const records = input.Records;
  checkRecordSizes(stream, records, (i) => `records.${i + 1}.member.data`);
  let total = 0;
  for (const record of records) total += record.Data.length + Buffer.byteLength(record.PartitionKey);
  const limit = maxRequestBytes(stream.maxRecordSizeKiB);
  if (total > limit) throw invalidArgument(`Records size exceeds ${limit / 1024 / 1024} MB limit`);
  const results = writeRecords(ctx, stream, records);
  let failed = 0;
  for (const result of results) if ('ErrorCode' in result) failed++;
  if (ctx.wire.protocol !== 'json') return { FailedRecordCount: failed, Records: results, EncryptionType: stream.encryptionType };
  // JSON's hot path, as in GetRecords: up to 500 entries rendered straight to ASCII text.
  let text = '';
  for (const result of results) {
    const entry =
      'ErrorCode' in result
        ? `{"ErrorCode":${asciiJsonString(result.ErrorCode)},"ErrorMessage":${asciiJsonString(result.ErrorMessage)}}`
        : `{"SequenceNumber":"${result.SequenceNumber}","ShardId":"${result.ShardId}"}`;
    text += text ? `,${entry}` : entry;
  }
  return renderedJsonList('Records', text, { FailedRecordCount: failed, EncryptionType: stream.encryptionType });
});
