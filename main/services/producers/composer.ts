// The composer: one record with PutRecord, or a batch with PutRecords and each record's own result.
// Every record's data is checked before anything is sent, so a bad record never leaves half a batch written.
import { PutRecordCommand, PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { ComposedRecord, PutBatchResult, PutRecordResult } from '../../../shared/contract/producers';
import { recordBytes, recordKeys } from './recordPayload';

export async function putRecord(kinesis: KinesisClient, stream: string, record: ComposedRecord): Promise<PutRecordResult> {
  const out = await kinesis.send(new PutRecordCommand({ StreamName: stream, Data: recordBytes(record.data), ...recordKeys(record) }));
  return { shardId: out.ShardId ?? '', sequenceNumber: out.SequenceNumber ?? '', encryptionType: out.EncryptionType ?? null };
}

export async function putBatch(kinesis: KinesisClient, stream: string, records: readonly ComposedRecord[]): Promise<PutBatchResult> {
  const entries = records.map((record, i) => ({ Data: recordBytes(record.data, `records[${i}].data`), ...recordKeys(record) }));
  const out = await kinesis.send(new PutRecordsCommand({ StreamName: stream, Records: entries }));
  const results = (out.Records ?? []).map((r, index): PutBatchResult['results'][number] =>
    r.ErrorCode
      ? { index, ok: false, errorCode: r.ErrorCode, errorMessage: r.ErrorMessage ?? '' }
      : { index, ok: true, shardId: r.ShardId ?? '', sequenceNumber: r.SequenceNumber ?? '' },
  );
  return { failedCount: out.FailedRecordCount ?? results.filter((r) => !r.ok).length, results };
}
