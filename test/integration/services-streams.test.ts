// The stream browser's services against the local engine, through the real dispatcher and SDK: create, list
// across pages, per-row details, detail with shards and lineage after resharding, key routing checked against
// where PutRecord really puts records, the actions, and AWS errors passed through with their codes.
import { CreateStreamCommand, MergeShardsCommand, SplitShardCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamDetail } from '../../shared/contract/streams';
import { collect, startServicesKit, type ServicesKit } from '../support/services-kit';

describe('streams services on the local engine', () => {
  let kit: ServicesKit;
  let kinesis: KinesisClient;

  beforeAll(async () => {
    kit = await startServicesKit();
    kinesis = kit.manager.clients().kinesis;
  });
  afterAll(async () => kit?.close());

  async function untilActive(name: string): Promise<string[]> {
    const items = await collect<{ status: string }>((h) => kit.client.subscribe('streams.watch', { name, intervalMs: 250 }, h));
    return items.map((i) => i.status);
  }

  it('creates provisioned and on-demand streams, and reports AWS errors with their codes', async () => {
    const created = await kit.client.call('streams.create', { name: 'orders', capacity: { mode: 'PROVISIONED', shardCount: 2 }, tags: { team: 'core' } });
    expect(created.name).toBe('orders');
    expect((await untilActive('orders')).at(-1)).toBe('ACTIVE');
    await kit.client.call('streams.create', { name: 'clicks', capacity: { mode: 'ON_DEMAND' } });
    await untilActive('clicks');

    const detail = await kit.client.call('streams.describe', { name: 'clicks' });
    expect(detail.summary).toMatchObject({ name: 'clicks', mode: 'ON_DEMAND', status: 'ACTIVE' });
    await expect(kit.client.call('streams.create', { name: 'orders', capacity: { mode: 'PROVISIONED', shardCount: 1 } })).rejects.toMatchObject({
      code: 'ResourceInUseException',
      message: expect.stringContaining('orders'),
    });
    await expect(kit.client.call('streams.describe', { name: 'nope' })).rejects.toMatchObject({
      code: 'ResourceNotFoundException',
      message: expect.stringContaining('nope'),
    });
    await expect(kit.client.call('streams.create', { name: 'bad name!', capacity: { mode: 'ON_DEMAND' } })).rejects.toMatchObject({
      code: 'ValidationException',
    });
  });

  it('lists in pages (cursor, and more than one ListStreams call per page) without losing or repeating a name', async () => {
    const names = Array.from({ length: 130 }, (_, i) => `bulk-${String(i).padStart(3, '0')}`);
    for (let i = 0; i < names.length; i += 20) {
      await Promise.all(names.slice(i, i + 20).map((StreamName) => kinesis.send(new CreateStreamCommand({ StreamName, ShardCount: 1 }))));
    }
    const everything = await kit.client.call('streams.list', { limit: 1000 });
    expect(everything.nextCursor).toBeNull();
    const listed = everything.streams.map((s) => s.name);
    expect(listed.filter((n) => n.startsWith('bulk-'))).toEqual(names);
    expect(new Set(listed).size).toBe(listed.length);
    const row = everything.streams.find((s) => s.name === 'bulk-007');
    expect(row).toMatchObject({ status: 'ACTIVE', mode: 'PROVISIONED', arn: expect.stringContaining(':stream/bulk-007') });
    expect(row?.createdAt).toBeGreaterThan(Date.now() - 600_000);

    const paged: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await kit.client.call('streams.list', cursor === undefined ? { limit: 40 } : { limit: 40, cursor });
      expect(page.streams.length).toBeLessThanOrEqual(40);
      paged.push(...page.streams.map((s) => s.name));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor !== undefined);
    expect(pages).toBe(Math.ceil(listed.length / 40));
    expect(paged).toEqual(listed);
    await expect(kit.client.call('streams.list', { cursor: 'garbage' })).rejects.toMatchObject({ code: 'ValidationException' });
  });

  it('gives per-row details for a batch of names, and a row error for a missing stream', async () => {
    const { rows } = await kit.client.call('streams.details', { names: ['orders', 'clicks', 'missing-stream', 'bulk-001'] });
    expect(rows.map((r) => r.name)).toEqual(['orders', 'clicks', 'missing-stream', 'bulk-001']);
    const [orders, clicks, missing] = rows;
    if (!orders?.ok || !clicks?.ok) throw new Error(`expected details, got ${JSON.stringify(rows)}`);
    expect(orders.details).toMatchObject({
      status: 'ACTIVE',
      mode: 'PROVISIONED',
      retentionHours: 24,
      encryption: { type: 'NONE', keyId: null },
      openShardCount: 2,
      closedShardCount: 0,
      tags: { team: 'core' },
      problems: [],
    });
    expect(clicks.details.mode).toBe('ON_DEMAND');
    expect(missing).toMatchObject({ ok: false, error: { code: 'ResourceNotFoundException' } });
  });

  it('describes shards, closed ones included, and their lineage after a split and a merge', async () => {
    await kit.client.call('streams.create', { name: 'reshard', capacity: { mode: 'PROVISIONED', shardCount: 2 } });
    await untilActive('reshard');
    const before = await kit.client.call('streams.describe', { name: 'reshard' });
    const first = before.shards[0];
    if (!first) throw new Error('no shards');
    const middle = ((BigInt(first.startingHashKey) + BigInt(first.endingHashKey)) / 2n).toString();
    await kinesis.send(new SplitShardCommand({ StreamName: 'reshard', ShardToSplit: first.shardId, NewStartingHashKey: middle }));
    await untilActive('reshard');
    const split = await kit.client.call('streams.describe', { name: 'reshard' });
    const children = split.shards.filter((s) => s.parentShardId === first.shardId);
    expect(children).toHaveLength(2);
    const [left, right] = children;
    if (!left || !right) throw new Error('split children missing');
    await kinesis.send(new MergeShardsCommand({ StreamName: 'reshard', ShardToMerge: left.shardId, AdjacentShardToMerge: right.shardId }));
    await untilActive('reshard');

    const detail: StreamDetail = await kit.client.call('streams.describe', { name: 'reshard' });
    expect(detail.shards).toHaveLength(5);
    const open = detail.shards.filter((s) => s.open);
    expect(open).toHaveLength(2);
    expect(open.reduce((sum, s) => sum + s.sharePercent, 0)).toBeCloseTo(100, 2);
    for (const shard of detail.shards) {
      expect(shard.open).toBe(shard.endingSequenceNumber === null);
      expect(shard.startingSequenceNumber).toMatch(/^\d+$/);
    }
    const parent = detail.shards.find((s) => s.shardId === first.shardId);
    expect(parent).toMatchObject({ open: false, sharePercent: 50, offsetPercent: 0, endingSequenceNumber: expect.stringMatching(/^\d+$/) });
    const merged = detail.shards.find((s) => s.parentShardId === left.shardId);
    expect(merged).toMatchObject({ adjacentParentShardId: right.shardId, open: true, sharePercent: 50, startingHashKey: '0' });
    if (!merged) throw new Error('no merged shard');

    const generation = Object.fromEntries(detail.lineage.nodes.map((n) => [n.shardId, n.generation]));
    expect(detail.lineage.generations).toBe(3);
    expect(generation[first.shardId]).toBe(0);
    expect(generation[left.shardId]).toBe(1);
    expect(generation[right.shardId]).toBe(1);
    expect(generation[merged.shardId]).toBe(2);
    expect(detail.lineage.edges).toEqual(
      expect.arrayContaining([
        { from: first.shardId, to: left.shardId, kind: 'parent' },
        { from: first.shardId, to: right.shardId, kind: 'parent' },
        { from: left.shardId, to: merged.shardId, kind: 'parent' },
        { from: right.shardId, to: merged.shardId, kind: 'adjacent-parent' },
      ]),
    );
    expect(detail.lineage.edges).toHaveLength(4);
    const gen1 = detail.lineage.nodes.filter((n) => n.generation === 1).sort((a, b) => a.index - b.index);
    expect(gen1.map((n) => n.shardId)).toEqual([left.shardId, right.shardId]);
  });

  it('routes keys to the shard PutRecord really uses, after resharding too', async () => {
    for (const name of ['orders', 'reshard']) {
      for (let i = 0; i < 25; i++) {
        const partitionKey = `customer-${i * 7919}`;
        const route = await kit.client.call('streams.route', { name, partitionKey });
        expect(route.md5Hex).toBe(createHash('md5').update(partitionKey, 'utf8').digest('hex'));
        expect(route.hashKey).toBe(BigInt(`0x${route.md5Hex}`).toString());
        const put = await kit.client.call('producers.put', { stream: name, partitionKey, data: { format: 'text', value: `r${i}` } });
        expect(route.shardId).toBe(put.shardId);
      }
    }
    const top = (2n ** 128n - 1n).toString();
    const byHash = await kit.client.call('streams.route', { name: 'orders', explicitHashKey: top, partitionKey: 'ignored' });
    expect(byHash).toMatchObject({ md5Hex: null, hashKey: top, positionPercent: 99.9999 }); // truncated, never rounded up past the range
    const put = await kit.client.call('producers.put', { stream: 'orders', explicitHashKey: top, data: { format: 'text', value: 'top' } });
    expect(byHash.shardId).toBe(put.shardId);
    expect(byHash.endingHashKey).toBe(top);
    await expect(kit.client.call('streams.route', { name: 'orders' })).rejects.toMatchObject({ code: 'ValidationException' });
  });

  it('changes retention up and down, edits tags, and switches capacity mode', async () => {
    expect(await kit.client.call('streams.setRetention', { name: 'orders', hours: 72 })).toEqual({ name: 'orders', previousHours: 24, hours: 72, change: 'increased' });
    expect(await kit.client.call('streams.setRetention', { name: 'orders', hours: 48 })).toMatchObject({ previousHours: 72, change: 'decreased' });
    expect(await kit.client.call('streams.setRetention', { name: 'orders', hours: 48 })).toMatchObject({ change: 'unchanged' });
    expect((await kit.client.call('streams.describe', { name: 'orders' })).summary.retentionHours).toBe(48);

    const many = Object.fromEntries(Array.from({ length: 23 }, (_, i) => [`k${i}`, `v${i}`]));
    const tagged = await kit.client.call('streams.setTags', { name: 'orders', tags: { ...many, team: 'payments' } });
    expect(tagged.added.sort()).toEqual(Object.keys(many).sort());
    expect(tagged.updated).toEqual(['team']);
    expect(tagged.removed).toEqual([]);
    const trimmed = await kit.client.call('streams.setTags', { name: 'orders', tags: { team: 'payments', owner: 'ana' } });
    expect(trimmed).toMatchObject({ added: ['owner'], updated: [], tags: { team: 'payments', owner: 'ana' } });
    expect(trimmed.removed.sort()).toEqual(Object.keys(many).sort());

    expect(await kit.client.call('streams.setCapacityMode', { name: 'orders', mode: 'ON_DEMAND' })).toMatchObject({ previousMode: 'PROVISIONED', change: 'switched' });
    await untilActive('orders');
    expect((await kit.client.call('streams.describe', { name: 'orders' })).summary.mode).toBe('ON_DEMAND');
    expect(await kit.client.call('streams.setCapacityMode', { name: 'orders', mode: 'ON_DEMAND' })).toMatchObject({ change: 'unchanged' });
    await expect(kit.client.call('streams.setRetention', { name: 'missing-stream', hours: 30 })).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
  });

  it('reports consumers and limits, or says why it could not', async () => {
    const detail = await kit.client.call('streams.describe', { name: 'clicks' });
    expect(detail.tags).toEqual({});
    expect(detail.consumers !== null || detail.problems.some((p) => p.part === 'consumers')).toBe(true);
    expect(detail.limits).toMatchObject({ shardLimit: expect.any(Number), openShardCount: expect.any(Number) });
  });

  it('deletes only when the name is typed again, and the watch sees it go', async () => {
    await expect(kit.client.call('streams.delete', { name: 'clicks', confirmName: 'click' })).rejects.toMatchObject({ code: 'ConfirmationMismatch' });
    expect((await kit.client.call('streams.describe', { name: 'clicks' })).summary.status).toBe('ACTIVE');
    await kit.client.call('streams.delete', { name: 'clicks', confirmName: 'clicks' });
    const statuses = await collect<{ status: string }>((h) => kit.client.subscribe('streams.watch', { name: 'clicks', intervalMs: 250, untilActive: false }, h));
    expect(statuses.at(-1)?.status).toBe('GONE');
    const { streams } = await kit.client.call('streams.list', {});
    expect(streams.map((s) => s.name)).not.toContain('clicks');
    await expect(kit.client.call('streams.delete', { name: 'clicks', confirmName: 'clicks' })).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
  });
});
