// What to send to turn one tag set into another: AddTagsToStream for new and changed values,
// RemoveTagsFromStream for keys that are gone.
export interface TagDiff {
  added: string[];
  updated: string[];
  removed: string[];
  /** Added and updated tags, with their new values. */
  toSet: Record<string, string>;
}

export function diffTags(current: Readonly<Record<string, string>>, wanted: Readonly<Record<string, string>>): TagDiff {
  const diff: TagDiff = { added: [], updated: [], removed: [], toSet: {} };
  for (const [key, value] of Object.entries(wanted)) {
    if (!Object.prototype.hasOwnProperty.call(current, key)) diff.added.push(key);
    else if (current[key] !== value) diff.updated.push(key);
    else continue;
    diff.toSet[key] = value;
  }
  for (const key of Object.keys(current)) if (!Object.prototype.hasOwnProperty.call(wanted, key)) diff.removed.push(key);
  return diff;
}

/** Splits a list in pieces of at most `size` (tag calls take a bounded number of keys). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
