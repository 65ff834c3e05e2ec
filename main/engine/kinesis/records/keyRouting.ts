// Partition-key routing: the 128-bit hash key a record routes by, the MD5 of its partition key's UTF-8 (or its
// ExplicitHashKey). streams/streamModel.ts's routeKey then finds the open shard whose range holds it.
import { MAX_HASH_KEY } from '../../../../shared/domain/hashKey';
import { md5Into } from '../../../../shared/domain/md5';
import { invalidArgument } from '../../core/errors';
import { hashKeyWords, type HashKeyWords } from '../streams/streamModel';
import type { RecordToWrite } from './recordTypes';

// Scratch space for partitionKeyDigest: a key is at most 256 UTF-16 units, so at most 768 bytes of UTF-8.
const keyBytes = new Uint8Array(1024);
const state = new Int32Array(4);
const digest: HashKeyWords = [0, 0, 0, 0];
const utf8 = new TextEncoder();

/** The MD5 of the key's UTF-8 as a hash key, in scratch space that the next call overwrites. */
function partitionKeyDigest(key: string): HashKeyWords {
  let length = key.length;
  for (let i = 0; i < length; i++) {
    const code = key.charCodeAt(i);
    if (code >= 0x80) {
      length = utf8.encodeInto(key, keyBytes).written;
      break;
    }
    keyBytes[i] = code;
  }
  md5Into(keyBytes, length, state);
  // The digest is the state's bytes little-endian word by word; read big-endian, each word is byte-swapped.
  for (let i = 0; i < 4; i++) {
    const w = state[i] as number;
    digest[i] = (((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24)) >>> 0;
  }
  return digest;
}

export function routingKey(record: RecordToWrite): HashKeyWords {
  if (record.ExplicitHashKey === undefined) return partitionKeyDigest(record.PartitionKey);
  const key = BigInt(record.ExplicitHashKey);
  if (key > MAX_HASH_KEY) {
    throw invalidArgument(`Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${record.ExplicitHashKey}`);
  }
  return hashKeyWords(key);
}

