// Fewer points than pixels: a chart cannot show more than one value per pixel column, and drawing 1,440 points ×
// several lines × a dozen charts is what makes a screen slow. Each bucket keeps its lowest and highest point (in
// time order), so peaks and dips survive, unlike averaging or picking every n-th point.

/** Indices of the points to keep out of `length`, for at most about `maxPoints` points. */
export function minMaxIndices(values: readonly (number | null)[], maxPoints: number): number[] {
  const n = values.length;
  if (n <= maxPoints || maxPoints < 4) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.floor(maxPoints / 2);
  const size = n / buckets;
  const kept: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.min(n, Math.floor((b + 1) * size));
    let lo = -1;
    let hi = -1;
    for (let i = start; i < end; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      if (lo < 0 || v < (values[lo] as number)) lo = i;
      if (hi < 0 || v > (values[hi] as number)) hi = i;
    }
    if (lo < 0) {
      kept.push(start);
      continue;
    }
    if (lo === hi) kept.push(lo);
    else kept.push(Math.min(lo, hi), Math.max(lo, hi));
  }
  return kept;
}

/** The largest value in each of `columns` equal slices of the series (a heat map's pixel columns). */
export function bucketMax(values: ArrayLike<number>, columns: number): Float64Array {
  const out = new Float64Array(Math.max(0, columns));
  const n = values.length;
  if (n === 0 || columns <= 0) return out;
  for (let c = 0; c < columns; c++) {
    const start = Math.floor((c * n) / columns);
    const end = Math.max(start + 1, Math.floor(((c + 1) * n) / columns));
    let max = 0;
    for (let i = start; i < end && i < n; i++) {
      const v = values[i] as number;
      if (v > max) max = v;
    }
    out[c] = max;
  }
  return out;
}
