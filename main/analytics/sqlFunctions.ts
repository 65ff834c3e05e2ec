// The function names each part of the grammar accepts. Anything else is refused at parse time by name.
export const aggregateFunctions = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'APPROXIMATE_DISTINCT', 'APPROX_COUNT_DISTINCT']);

export const scalarFunctions = new Set([
  'UPPER', 'LOWER', 'SUBSTRING', 'TRIM', 'CHAR_LENGTH', 'CHARACTER_LENGTH',
  'ABS', 'ROUND', 'FLOOR', 'CEIL', 'CEILING', 'MOD', 'COALESCE', 'CURRENT_TIMESTAMP',
]);

/** Well-known SQL functions and clauses we recognise only to refuse them with their name. */
export const refusedFunctions = new Set([
  'ROW_NUMBER', 'RANK', 'DENSE_RANK', 'LAG', 'LEAD', 'FIRST_VALUE', 'LAST_VALUE', 'NTILE', 'LISTAGG', 'STDDEV',
  'VARIANCE', 'COUNT_DISTINCT_ITEMS_TUMBLING', 'RANDOM_CUT_FOREST', 'RANDOM_CUT_FOREST_WITH_EXPLANATION', 'HOTSPOTS',
  'SESSION', 'TUMBLE_START', 'TUMBLE_END', 'HOP_START', 'HOP_END', 'MONOTONIC', 'JSON_VALUE', 'REGEX_REPLACE',
]);
