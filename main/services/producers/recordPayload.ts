// The composer's record data, from what the user typed to the bytes PutRecord sends. JSON is only checked
// (it is sent as typed, not reformatted); base64 is checked strictly, since Buffer.from would quietly skip junk.
import { ErrorCode, RpcError } from '../../../shared/contract/errors';
import type { KeyInput } from '../../../shared/contract/streams';
import type { RecordDataInput } from '../../../shared/contract/producers';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** `where` names the field in messages, e.g. "records[3].data". */
export function recordBytes(data: RecordDataInput, where = 'data'): Uint8Array {
  switch (data.format) {
    case 'text':
      return Buffer.from(data.value, 'utf8');
    case 'json':
      try {
        JSON.parse(data.value);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new RpcError(ErrorCode.ValidationException, `${where} is not valid JSON: ${reason}`);
      }
      return Buffer.from(data.value, 'utf8');
    case 'base64': {
      const compact = data.value.replace(/\s+/g, '');
      if (!BASE64.test(compact)) {
        throw new RpcError(ErrorCode.ValidationException, `${where} is not valid base64 (A-Z, a-z, 0-9, + and /, padded with = to a multiple of 4 characters).`);
      }
      return Buffer.from(compact, 'base64');
    }
  }
}

/** PutRecord needs a partition key even with an explicit hash key; then the hash key text stands in for it. */
export function recordKeys(key: KeyInput): { PartitionKey: string; ExplicitHashKey?: string } {
  const partitionKey = key.partitionKey ?? key.explicitHashKey ?? '';
  return key.explicitHashKey === undefined ? { PartitionKey: partitionKey } : { PartitionKey: partitionKey, ExplicitHashKey: key.explicitHashKey };
}
