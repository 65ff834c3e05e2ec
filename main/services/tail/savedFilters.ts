// Saved filters per stream (and per connection, since two accounts may share a stream name), kept in the app's
// settings database through its key/value table, one JSON list per connection and stream.
import { ErrorCode, RpcError } from '../../../shared/contract/errors';
import { SavedFilter, type TailFilter } from '../../../shared/contract/tail';
import { z } from 'zod';
import { filterProblems } from './filters';

export interface KeyValueStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
}

const MAX_PER_STREAM = 100;

/** A JSON list kept under one key; an absent, unreadable or outdated value reads as an empty list. */
export function readStoredList<T>(store: KeyValueStore, storeKey: string, schema: z.ZodType<T[]>): T[] {
  const text = store.get(storeKey);
  if (!text) return [];
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
const StoredList = z.array(SavedFilter);

export class SavedFilters {
  constructor(private readonly store: KeyValueStore) {}

  list(connectionId: string, stream: string): SavedFilter[] {
    return readStoredList(this.store, key(connectionId, stream), StoredList);
  }

  save(connectionId: string, stream: string, name: string, filter: TailFilter): SavedFilter[] {
    const problems = filterProblems(filter);
    if (problems.length > 0) throw new RpcError(ErrorCode.ValidationException, `The filter does not compile: ${problems.map((p) => p.message).join('; ')}`);
    const others = this.list(connectionId, stream).filter((f) => f.name !== name);
    if (others.length >= MAX_PER_STREAM) throw new RpcError(ErrorCode.LimitExceededException, `A stream keeps at most ${MAX_PER_STREAM} saved filters.`);
    const next = [...others, { name, filter, savedAt: Date.now() }].sort((a, b) => a.name.localeCompare(b.name));
    this.store.set(key(connectionId, stream), JSON.stringify(next));
    return next;
  }

  delete(connectionId: string, stream: string, name: string): SavedFilter[] {
    const next = this.list(connectionId, stream).filter((f) => f.name !== name);
    if (next.length === 0) this.store.delete(key(connectionId, stream));
    else this.store.set(key(connectionId, stream), JSON.stringify(next));
    return next;
  }
}

function key(connectionId: string, stream: string): string {
  return `tail.filters:${connectionId}:${stream}`;
}
