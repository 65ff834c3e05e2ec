// The JSON paths users pick as table columns: `user.id`, `items[0].sku`, `$.order.total`, `meta."content-type"`.
// Parsed once, evaluated synchronously per record (the main process computes columns for every row it pushes).

export type PathSegment = string | number;

export class JsonPathError extends Error {
  constructor(message: string, readonly position: number) {
    super(message);
    this.name = 'JsonPathError';
  }
}

export function parseJsonPath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let i = path.startsWith('$') ? 1 : 0;
  if (path.length === i) return segments;
  if (i === 1 && path[1] !== '.' && path[1] !== '[') throw new JsonPathError('expected "." or "[" after "$"', 1);
  let expectName = i === 0;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      if (expectName && i > 0 && path[i - 1] !== '$') throw new JsonPathError('expected a name', i);
      i++;
      expectName = true;
      continue;
    }
    if (c === '[') {
      const close = path.indexOf(']', i);
      const index = close < 0 ? NaN : Number(path.slice(i + 1, close));
      if (!Number.isInteger(index) || index < 0) throw new JsonPathError('expected an index such as [0]', i);
      segments.push(index);
      i = close + 1;
      expectName = false;
      continue;
    }
    if (!expectName) throw new JsonPathError(`unexpected "${c}"`, i);
    if (c === '"') {
      const close = path.indexOf('"', i + 1);
      if (close < 0) throw new JsonPathError('unterminated quoted name', i);
      segments.push(path.slice(i + 1, close));
      i = close + 1;
    } else {
      const m = /^[^.[\]"]+/.exec(path.slice(i));
      if (!m) throw new JsonPathError('expected a name', i);
      segments.push(m[0]);
      i += m[0].length;
    }
    expectName = false;
  }
  if (expectName) throw new JsonPathError('the path ends with "."', path.length);
  return segments;
}

/** The value at the path, or undefined when any step is missing. */
export function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
      if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}

/** A cell's text: strings as they are, everything else as compact JSON, capped at `max` characters. */
export function cellText(value: unknown, max = 200): string | null {
  if (value === undefined) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
