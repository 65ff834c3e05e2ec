// The shards table and the lineage graph, from shards as ListShards returns them (strings only, so the
// renderer can run this too). Generations are layered from the roots down; within a generation shards are
// ordered by where their range starts, so the graph reads like the key space from left to right.
import type { LineageEdge, LineageGraph, LineageNode, ShardRow } from '../contract/streams';
import { HASH_KEY_SPACE, rangeShare } from './hashKey';

/** The fields of an SDK `Shard` this needs. */
export interface ShardLike {
  ShardId?: string | undefined;
  ParentShardId?: string | undefined;
  AdjacentParentShardId?: string | undefined;
  HashKeyRange?: { StartingHashKey?: string | undefined; EndingHashKey?: string | undefined } | undefined;
  SequenceNumberRange?: { StartingSequenceNumber?: string | undefined; EndingSequenceNumber?: string | undefined } | undefined;
}

/** A hash key's place on the key space, in percent with 4 decimals. */
export function keySpacePercent(hashKey: bigint): number {
  return Number((hashKey * 1_000_000n) / HASH_KEY_SPACE) / 10_000;
}

export function shardRow(shard: ShardLike): ShardRow {
  const startingHashKey = shard.HashKeyRange?.StartingHashKey ?? '0';
  const endingHashKey = shard.HashKeyRange?.EndingHashKey ?? '0';
  const ending = shard.SequenceNumberRange?.EndingSequenceNumber;
  return {
    shardId: shard.ShardId ?? '',
    startingHashKey,
    endingHashKey,
    sharePercent: rangeShare({ StartingHashKey: startingHashKey, EndingHashKey: endingHashKey }),
    offsetPercent: keySpacePercent(BigInt(startingHashKey)),
    startingSequenceNumber: shard.SequenceNumberRange?.StartingSequenceNumber ?? '',
    endingSequenceNumber: ending ?? null,
    parentShardId: shard.ParentShardId ?? null,
    adjacentParentShardId: shard.AdjacentParentShardId ?? null,
    open: ending === undefined,
  };
}

function byKeySpace(a: ShardRow, b: ShardRow): number {
  const start = BigInt(a.startingHashKey) - BigInt(b.startingHashKey);
  if (start !== 0n) return start < 0n ? -1 : 1;
  return a.shardId < b.shardId ? -1 : a.shardId > b.shardId ? 1 : 0;
}

/** The shards table: every shard, ordered by starting hash key, then id (so a parent precedes its children). */
export function shardTable(shards: readonly ShardLike[]): ShardRow[] {
  return shards.map(shardRow).sort(byKeySpace);
}

export function lineageGraph(rows: readonly ShardRow[]): LineageGraph {
  const byId = new Map(rows.map((row) => [row.shardId, row]));
  const parentsOf = (row: ShardRow) => [row.parentShardId, row.adjacentParentShardId].filter((id): id is string => id !== null && byId.has(id));
  const generation = new Map<string, number>();
  // Parents whose shards were trimmed away are not listed; their children are roots. The guard stops a cycle
  // that a broken backend might report from recursing forever.
  const generationOf = (row: ShardRow, depth: number): number => {
    const known = generation.get(row.shardId);
    if (known !== undefined) return known;
    const parents = depth > rows.length ? [] : parentsOf(row);
    let value = 0;
    for (const id of parents) {
      const parent = byId.get(id);
      if (parent) value = Math.max(value, generationOf(parent, depth + 1) + 1);
    }
    generation.set(row.shardId, value);
    return value;
  };
  const layers: ShardRow[][] = [];
  for (const row of [...rows].sort(byKeySpace)) {
    const g = generationOf(row, 0);
    (layers[g] ??= []).push(row);
  }
  const nodes: LineageNode[] = [];
  layers.forEach((layer, g) =>
    layer.forEach((row, index) =>
      nodes.push({ shardId: row.shardId, generation: g, index, open: row.open, offsetPercent: row.offsetPercent, sharePercent: row.sharePercent }),
    ),
  );
  const edges: LineageEdge[] = [];
  for (const row of rows) {
    if (row.parentShardId !== null && byId.has(row.parentShardId)) edges.push({ from: row.parentShardId, to: row.shardId, kind: 'parent' });
    if (row.adjacentParentShardId !== null && byId.has(row.adjacentParentShardId)) {
      edges.push({ from: row.adjacentParentShardId, to: row.shardId, kind: 'adjacent-parent' });
    }
  }
  return { nodes, edges, generations: layers.length };
}
