// Which shards a session reads, and when. A child starts only once every parent the session reads is drained,
// so records of one partition key come out in order across a split or a merge. Children appear either in
// ListShards at start or in the ChildShards of a drained parent's last answer.
import type { Shard } from '@aws-sdk/client-kinesis';
import type { ChildShardInfo } from './shardRecords';

export interface ShardNode {
  shardId: string;
  parents: string[];
  open: boolean;
}

export function shardNodes(shards: readonly Shard[]): ShardNode[] {
  return shards.map((s) => ({
    shardId: s.ShardId ?? '',
    parents: [s.ParentShardId, s.AdjacentParentShardId].filter((p): p is string => typeof p === 'string' && p !== ''),
    open: s.SequenceNumberRange?.EndingSequenceNumber === undefined,
  }));
}

export type ShardPhase = 'waiting' | 'started' | 'drained' | 'done';

export class Lineage {
  private readonly nodes = new Map<string, ShardNode>();
  private readonly phase = new Map<string, ShardPhase>();

  constructor(all: readonly ShardNode[]) {
    for (const node of all) this.nodes.set(node.shardId, node);
  }

  /**
   * The shards to read. `latestOnly` (LATEST) reads just the open ones among `selected`; otherwise the selected
   * shards whose selected parents are absent start now, and the others wait for their parents.
   */
  plan(selected: readonly string[], latestOnly: boolean): { start: string[]; waiting: string[] } {
    const chosen = selected.filter((id) => this.nodes.has(id));
    const start: string[] = [];
    const waiting: string[] = [];
    for (const id of chosen) {
      const node = this.nodes.get(id);
      if (!node) continue;
      if (latestOnly) {
        if (node.open) start.push(id);
        continue;
      }
      const blocked = node.parents.some((p) => chosen.includes(p));
      (blocked ? waiting : start).push(id);
    }
    for (const id of start) this.phase.set(id, 'started');
    for (const id of waiting) this.phase.set(id, 'waiting');
    return { start, waiting };
  }

  has(shardId: string): boolean {
    return this.phase.has(shardId);
  }

  phaseOf(shardId: string): ShardPhase | undefined {
    return this.phase.get(shardId);
  }

  /** A reader stopped without draining (end position, failure): its children will not be read. */
  finished(shardId: string): void {
    this.phase.set(shardId, 'done');
  }

  /** A parent is drained: returns the children that may start now (each exactly once). */
  drained(shardId: string, children: readonly ChildShardInfo[]): string[] {
    this.phase.set(shardId, 'drained');
    for (const child of children) {
      const known = this.nodes.get(child.shardId);
      this.nodes.set(child.shardId, { shardId: child.shardId, parents: child.parentShards.length ? child.parentShards : (known?.parents ?? []), open: true });
      if (!this.phase.has(child.shardId)) this.phase.set(child.shardId, 'waiting');
    }
    const ready: string[] = [];
    for (const [id, phase] of this.phase) {
      if (phase !== 'waiting') continue;
      const parents = this.nodes.get(id)?.parents ?? [];
      // Parents the session never read (not selected) do not hold a child back.
      if (parents.every((p) => { const ph = this.phase.get(p); return ph === undefined || ph === 'drained'; })) {
        this.phase.set(id, 'started');
        ready.push(id);
      }
    }
    return ready;
  }

  /** True while some shard is started or waiting on a parent that is still being read. */
  get active(): boolean {
    for (const [id, phase] of this.phase) {
      if (phase === 'started') return true;
      if (phase === 'waiting' && (this.nodes.get(id)?.parents ?? []).some((p) => this.phase.get(p) === 'started')) return true;
    }
    return false;
  }

  waitingShards(): string[] {
    return [...this.phase].filter(([, p]) => p === 'waiting').map(([id]) => id);
  }
}
