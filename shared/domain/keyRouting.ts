// Which open shard a record goes to. Kinesis takes the explicit hash key when there is one, otherwise the MD5
// of the partition key read as a 128-bit number; the open shard whose range holds that number gets the record.
import type { KeyInput, KeyRoute, ShardRow } from '../contract/streams';
import { md5 } from './md5';
import { bytesToBigInt, rangeContains, toHex, utf8 } from './hashKey';
import { keySpacePercent } from './shardLineage';

export function routeKey(shards: readonly ShardRow[], key: KeyInput): KeyRoute {
  const digest = key.explicitHashKey === undefined && key.partitionKey !== undefined ? md5(utf8(key.partitionKey)) : null;
  const hashKey = digest ? bytesToBigInt(digest) : BigInt(key.explicitHashKey ?? '0');
  const shard = shards.find(
    (row) => row.open && rangeContains({ StartingHashKey: row.startingHashKey, EndingHashKey: row.endingHashKey }, hashKey),
  );
  return {
    partitionKey: key.partitionKey ?? null,
    md5Hex: digest ? toHex(digest) : null,
    hashKey: hashKey.toString(),
    positionPercent: keySpacePercent(hashKey),
    shardId: shard?.shardId ?? null,
    startingHashKey: shard?.startingHashKey ?? null,
    endingHashKey: shard?.endingHashKey ?? null,
  };
}
