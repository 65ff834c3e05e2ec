// The AWS code path of the services against software we did not write: a custom-endpoint connection pointed at
// kinesalite (ConnectionManager.addCustom + switchTo), driven through the same dispatcher and handlers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeneratorStatus } from '../../shared/contract/producers';
import { freePort, startPeer, type RunningPeer } from '../support/peers';
import { collect, startServicesKit, type ServicesKit } from '../support/services-kit';

describe('streams and producers services against kinesalite', () => {
  let kit: ServicesKit;
  let kinesalite: RunningPeer;

  beforeAll(async () => {
    kinesalite = await startPeer('kinesalite');
    kit = await startServicesKit();
    const added = kit.manager.addCustom({ name: 'kinesalite', endpoint: kinesalite.endpoint, region: 'us-east-1', credentials: { type: 'none' } });
    await kit.manager.switchTo(added.id);
  });
  afterAll(async () => {
    await kit?.close();
    await kinesalite?.stop();
  });

  it('lists, creates, describes, routes, puts and deletes', async () => {
    const name = `svc-${Date.now()}`;
    expect((await kit.client.call('streams.list', {})).streams.map((s) => s.name)).not.toContain(name);
    await kit.client.call('streams.create', { name, capacity: { mode: 'PROVISIONED', shardCount: 3 } });
    const watched = await collect<{ status: string }>((h) => kit.client.subscribe('streams.watch', { name, intervalMs: 250 }, h));
    expect(watched.at(-1)?.status).toBe('ACTIVE');
    for (let i = 0; i < 4; i++) await kit.client.call('streams.create', { name: `${name}-${i}`, capacity: { mode: 'PROVISIONED', shardCount: 1 } });

    const first = await kit.client.call('streams.list', { limit: 2 });
    expect(first.streams).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const rest = await kit.client.call('streams.list', { cursor: first.nextCursor ?? '' });
    expect([...first.streams, ...rest.streams].map((s) => s.name)).toEqual([name, ...[0, 1, 2, 3].map((i) => `${name}-${i}`)]);

    const { rows } = await kit.client.call('streams.details', { names: [name] });
    expect(rows[0]).toMatchObject({ ok: true, details: { status: 'ACTIVE', openShardCount: 3, closedShardCount: 0, retentionHours: 24 } });

    const detail = await kit.client.call('streams.describe', { name });
    expect(detail.summary).toMatchObject({ name, status: 'ACTIVE', openShardCount: 3, arn: expect.stringContaining(name) });
    expect(detail.shards).toHaveLength(3);
    expect(detail.lineage).toMatchObject({ generations: 1, edges: [] });

    const tagged = await kit.client.call('streams.setTags', { name, tags: { env: 'emu' } });
    expect(tagged.tags).toEqual({ env: 'emu' });
    expect(await kit.client.call('streams.setRetention', { name, hours: 48 })).toMatchObject({ change: 'increased' });

    for (const partitionKey of ['alpha', 'beta', 'gamma', 'delta']) {
      const route = await kit.client.call('streams.route', { name, partitionKey });
      const put = await kit.client.call('producers.put', { stream: name, partitionKey, data: { format: 'json', value: `{"k":"${partitionKey}"}` } });
      expect(put.shardId).toBe(route.shardId);
    }
    const batch = await kit.client.call('producers.putBatch', {
      stream: name,
      records: [
        { partitionKey: 'one', data: { format: 'text', value: '1' } },
        { partitionKey: 'two', data: { format: 'base64', value: 'AAEC' } },
      ],
    });
    expect(batch.failedCount).toBe(0);
    expect(batch.results.every((r) => r.ok)).toBe(true);

    const started = await kit.client.call('generator.start', { stream: name, shape: { kind: 'clickstream' }, ratePerSecond: 500, maxRecords: 120 });
    expect(started.connectionId).toMatch(/^custom:/); // custom endpoints run without an account confirmation
    const final = (await collect<GeneratorStatus>((h) => kit.client.subscribe('generator.progress', { id: started.id }, h))).at(-1);
    expect(final).toMatchObject({ state: 'stopped', stopReason: 'completed', sent: 120, acknowledged: 120, failed: 0 });

    await expect(kit.client.call('streams.delete', { name, confirmName: 'wrong' })).rejects.toMatchObject({ code: 'ConfirmationMismatch' });
    await kit.client.call('streams.delete', { name, confirmName: name });
    const gone = await collect<{ status: string }>((h) => kit.client.subscribe('streams.watch', { name, intervalMs: 250, untilActive: false }, h));
    expect(gone.at(-1)?.status).toBe('GONE');
    await expect(kit.client.call('streams.describe', { name })).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
  });
});

describe('an unreachable custom endpoint', () => {
  let kit: ServicesKit;

  beforeAll(async () => {
    kit = await startServicesKit();
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('is worded on the Streams screen exactly as the health check in Settings words it', async () => {
    const port = await freePort();
    const closed = kit.manager.addCustom({ name: 'nothing there', endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { type: 'none' } });
    await kit.manager.switchTo(closed.id);
    const health = await kit.manager.checkHealth(closed.id);
    if (health.status !== 'error') throw new Error(`expected a failed health check, got ${health.status}`);
    const expected = { code: 'EndpointUnreachable', message: health.failure.message };
    expect(health.failure.message).toBe(`Could not reach the endpoint http://127.0.0.1:${port}: the connection was refused (is anything listening there?)`);
    await expect(kit.client.call('streams.list', {})).rejects.toMatchObject(expected);
    await expect(kit.client.call('streams.describe', { name: 'orders' })).rejects.toMatchObject(expected);
    const { rows } = await kit.client.call('streams.details', { names: ['orders'] });
    expect(rows[0]).toMatchObject({ ok: false, error: expected });
  });
});
