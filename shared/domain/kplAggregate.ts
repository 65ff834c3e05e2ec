// KPL aggregated records: the 4 magic bytes F3 89 9A C2, a protobuf AggregatedRecord, then the MD5 of those
// protobuf bytes (checked with the shared pure MD5, so the Firehose delivery core and the tail decoders share this
// module). Each sub-record keeps its own partition key (and explicit hash key), looked up in the tables.
import { md5 } from './md5';
import { ProtobufError, ProtobufReader } from './protobufReader';

export const KPL_MAGIC = Uint8Array.of(0xf3, 0x89, 0x9a, 0xc2);
const MD5_BYTES = 16;

export interface KplSubRecord {
  partitionKey: string;
  explicitHashKey: string | null;
  data: Uint8Array;
  tags: { key: string; value: string | null }[];
}

export class KplError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KplError';
  }
}

export function hasKplMagic(data: Uint8Array): boolean {
  return data.length >= KPL_MAGIC.length && KPL_MAGIC.every((b, i) => data[i] === b);
}

const text = new TextDecoder('utf-8', { fatal: true });

/** Expands an aggregate; throws KplError saying what is wrong (checksum, truncation, a bad table index). */
export function parseKplAggregate(data: Uint8Array): KplSubRecord[] {
  if (!hasKplMagic(data)) throw new KplError('no KPL magic bytes');
  if (data.length < KPL_MAGIC.length + MD5_BYTES) throw new KplError(`too short for a KPL aggregate (${data.length} bytes)`);
  const body = data.subarray(KPL_MAGIC.length, data.length - MD5_BYTES);
  const trailer = data.subarray(data.length - MD5_BYTES);
  const digest = md5(body);
  if (!digest.every((b, i) => b === trailer[i])) throw new KplError('MD5 check failed: the trailer does not match the protobuf bytes');
  try {
    return readAggregate(body);
  } catch (error) {
    if (error instanceof ProtobufError) throw new KplError(`malformed protobuf: ${error.message}`);
    throw error;
  }
}

interface RawRecord {
  pk: number;
  ehk: number | null;
  data: Uint8Array;
  tags: { key: string; value: string | null }[];
}

function readAggregate(body: Uint8Array): KplSubRecord[] {
  const partitionKeys: string[] = [];
  const hashKeys: string[] = [];
  const raw: RawRecord[] = [];
  const reader = new ProtobufReader(body);
  for (let f = reader.next(); f; f = reader.next()) {
    if (f.field === 1 && f.bytes) partitionKeys.push(text.decode(f.bytes));
    else if (f.field === 2 && f.bytes) hashKeys.push(text.decode(f.bytes));
    else if (f.field === 3 && f.bytes) raw.push(readRecord(f.bytes));
  }
  return raw.map((r, i) => {
    const partitionKey = partitionKeys[r.pk];
    if (partitionKey === undefined) throw new KplError(`record ${i} names partition key ${r.pk}, but the table has ${partitionKeys.length}`);
    let explicitHashKey: string | null = null;
    if (r.ehk !== null) {
      const key = hashKeys[r.ehk];
      if (key === undefined) throw new KplError(`record ${i} names explicit hash key ${r.ehk}, but the table has ${hashKeys.length}`);
      explicitHashKey = key;
    }
    return { partitionKey, explicitHashKey, data: r.data, tags: r.tags };
  });
}

function readRecord(bytes: Uint8Array): RawRecord {
  const reader = new ProtobufReader(bytes);
  let pk: number | null = null;
  let ehk: number | null = null;
  let data: Uint8Array | null = null;
  const tags: RawRecord['tags'] = [];
  for (let f = reader.next(); f; f = reader.next()) {
    if (f.field === 1 && f.varint !== undefined) pk = Number(f.varint);
    else if (f.field === 2 && f.varint !== undefined) ehk = Number(f.varint);
    else if (f.field === 3 && f.bytes) data = f.bytes;
    else if (f.field === 4 && f.bytes) tags.push(readTag(f.bytes));
  }
  if (pk === null) throw new KplError('a record has no partition_key_index');
  if (data === null) throw new KplError('a record has no data');
  return { pk, ehk, data, tags };
}

function readTag(bytes: Uint8Array): { key: string; value: string | null } {
  const reader = new ProtobufReader(bytes);
  let key: string | null = null;
  let value: string | null = null;
  for (let f = reader.next(); f; f = reader.next()) {
    if (f.field === 1 && f.bytes) key = text.decode(f.bytes);
    else if (f.field === 2 && f.bytes) value = text.decode(f.bytes);
  }
  if (key === null) throw new KplError('a tag has no key');
  return { key, value };
}
