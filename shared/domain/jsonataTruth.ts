// JSONata's own $boolean rules, so a filter such as `items[price > 10]` matches when it selects anything. Main
// filters whole records with it and the renderer the rows it keeps: one definition for both.
export function jsonataTruthy(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.some(jsonataTruthy);
  if (typeof value === 'string') return value.length > 0;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'function') return false;
  return Object.keys(value).length > 0;
}
