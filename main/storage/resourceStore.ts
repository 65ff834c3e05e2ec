// Statements for the engine's non-stream resources: tags and policies of stream/consumer ARNs, channels,
// and per-region account settings. Stream tags stay in stream_tags (EngineStore); this holds the rest.
// Rows tied to a stream carry its row id with ON DELETE CASCADE, so deleting a stream drops them too.
import type { SqliteDatabase } from './database';

export interface ChannelRow {
  id: number;
  region: string;
  name: string;
  channelId: string;
  arn: string;
  status: string;
  /** When the pending transition (CREATING/UPDATING/DELETING) completes, epoch ms; null when settled. */
  statusDueMs: number | null;
  createdMs: number;
  /** The source stream's ARN (one per channel, as AWS allows today). */
  streamArn: string;
  /** Everything else the channel was configured with, as the API returns it. */
  config: Record<string, unknown>;
}

export type NewChannel = Omit<ChannelRow, 'id'>;

interface ChannelDbRow {
  id: number;
  region: string;
  name: string;
  channel_id: string;
  arn: string;
  status: string;
  status_due_ms: number | null;
  created_ms: number;
  stream_arn: string;
  config: string;
}

function toChannelRow(row: ChannelDbRow): ChannelRow {
  return {
    id: row.id,
    region: row.region,
    name: row.name,
    channelId: row.channel_id,
    arn: row.arn,
    status: row.status,
    statusDueMs: row.status_due_ms,
    createdMs: row.created_ms,
    streamArn: row.stream_arn,
    config: JSON.parse(row.config) as Record<string, unknown>,
  };
}

function prepare(db: SqliteDatabase) {
  return {
    tagsOf: db.prepare('SELECT key, value FROM resource_tags WHERE arn = ? ORDER BY key').raw(),
    setTag: db.prepare(`INSERT INTO resource_tags (arn, stream_id, key, value) VALUES (?, ?, ?, ?)
      ON CONFLICT (arn, key) DO UPDATE SET value = excluded.value`),
    removeTag: db.prepare('DELETE FROM resource_tags WHERE arn = ? AND key = ?'),
    policyOf: db.prepare('SELECT policy FROM resource_policies WHERE arn = ?').pluck(),
    setPolicy: db.prepare(`INSERT INTO resource_policies (arn, stream_id, policy) VALUES (?, ?, ?)
      ON CONFLICT (arn) DO UPDATE SET policy = excluded.policy, stream_id = excluded.stream_id`),
    deletePolicy: db.prepare('DELETE FROM resource_policies WHERE arn = ?'),
    insertChannel: db.prepare(`INSERT INTO channels (region, name, channel_id, arn, status, status_due_ms, created_ms, stream_arn, config)
      VALUES (@region, @name, @channelId, @arn, @status, @statusDueMs, @createdMs, @streamArn, @config)`),
    channelByArn: db.prepare('SELECT * FROM channels WHERE arn = ?'),
    channelByName: db.prepare('SELECT * FROM channels WHERE region = ? AND name = ?'),
    channelsIn: db.prepare('SELECT * FROM channels WHERE region = ? ORDER BY name'),
    updateChannel: db.prepare('UPDATE channels SET status = ?, status_due_ms = ?, config = ? WHERE id = ?'),
    deleteChannel: db.prepare('DELETE FROM channels WHERE id = ?'),
    accountSettings: db.prepare('SELECT settings FROM account_settings WHERE region = ?').pluck(),
    setAccountSettings: db.prepare(`INSERT INTO account_settings (region, settings) VALUES (?, ?)
      ON CONFLICT (region) DO UPDATE SET settings = excluded.settings`),
  };
}

export class ResourceStore {
  private readonly s: ReturnType<typeof prepare>;

  constructor(private readonly db: SqliteDatabase) {
    this.s = prepare(db);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  // ---- tags of ARNs that are not streams (consumers) -------------------------------------------------

  tagsOf(arn: string): [string, string][] {
    return this.s.tagsOf.all(arn) as [string, string][];
  }

  setTags(arn: string, streamRowId: number, tags: Record<string, string>): void {
    for (const [key, value] of Object.entries(tags)) this.s.setTag.run(arn, streamRowId, key, value);
  }

  removeTags(arn: string, keys: readonly string[]): void {
    for (const key of keys) this.s.removeTag.run(arn, key);
  }

  // ---- resource policies (streams and consumers) -------------------------------------------------------

  policyOf(arn: string): string | undefined {
    return this.s.policyOf.get(arn) as string | undefined;
  }

  setPolicy(arn: string, streamRowId: number, policy: string): void {
    this.s.setPolicy.run(arn, streamRowId, policy);
  }

  deletePolicy(arn: string): boolean {
    return this.s.deletePolicy.run(arn).changes > 0;
  }

  // ---- channels ----------------------------------------------------------------------------------------

  insertChannel(channel: NewChannel): number {
    return Number(this.s.insertChannel.run({ ...channel, config: JSON.stringify(channel.config) }).lastInsertRowid);
  }

  channelByArn(arn: string): ChannelRow | undefined {
    const row = this.s.channelByArn.get(arn) as ChannelDbRow | undefined;
    return row && toChannelRow(row);
  }

  channelByName(region: string, name: string): ChannelRow | undefined {
    const row = this.s.channelByName.get(region, name) as ChannelDbRow | undefined;
    return row && toChannelRow(row);
  }

  channelsIn(region: string): ChannelRow[] {
    return (this.s.channelsIn.all(region) as ChannelDbRow[]).map(toChannelRow);
  }

  updateChannel(id: number, status: string, statusDueMs: number | null, config: Record<string, unknown>): void {
    this.s.updateChannel.run(status, statusDueMs, JSON.stringify(config), id);
  }

  deleteChannel(id: number): void {
    this.s.deleteChannel.run(id);
  }

  // ---- account settings --------------------------------------------------------------------------------

  accountSettings(region: string): Record<string, unknown> {
    const text = this.s.accountSettings.get(region) as string | undefined;
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }

  setAccountSettings(region: string, settings: Record<string, unknown>): void {
    this.s.setAccountSettings.run(region, JSON.stringify(settings));
  }
}
