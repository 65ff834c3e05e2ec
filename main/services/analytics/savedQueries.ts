// Queries saved per connection (two accounts rarely share their streams), in the app's settings database
// through its key/value table: one JSON list per connection.
import { z } from 'zod';
import { SavedQuery } from '../../../shared/contract/analytics';
import { ErrorCode, RpcError } from '../../../shared/contract/errors';
import { readStoredList, type KeyValueStore } from '../tail/savedFilters';

const MAX_PER_CONNECTION = 200;
const StoredList = z.array(SavedQuery);

export class SavedQueries {
  constructor(private readonly store: KeyValueStore) {}

  list(connectionId: string): SavedQuery[] {
    return readStoredList(this.store, key(connectionId), StoredList);
  }

  save(connectionId: string, query: Omit<SavedQuery, 'savedAt'>): SavedQuery[] {
    const others = this.list(connectionId).filter((q) => q.name !== query.name);
    if (others.length >= MAX_PER_CONNECTION) throw new RpcError(ErrorCode.LimitExceededException, `A connection keeps at most ${MAX_PER_CONNECTION} saved queries.`);
    const next = [...others, { ...query, savedAt: Date.now() }].sort((a, b) => a.name.localeCompare(b.name));
    this.store.set(key(connectionId), JSON.stringify(next));
    return next;
  }

  delete(connectionId: string, name: string): SavedQuery[] {
    const next = this.list(connectionId).filter((q) => q.name !== name);
    if (next.length === 0) this.store.delete(key(connectionId));
    else this.store.set(key(connectionId), JSON.stringify(next));
    return next;
  }
}

function key(connectionId: string): string {
  return `analytics.queries:${connectionId}`;
}
