// A filter as the table applies it to the rows kept, from what each row carries: its partition key, its
// preview (the first 200 characters of the decoded data) and its JSON-path columns. Main applies the same
// filter to whole records when a tail starts with it; here a record longer than its preview is judged by its
// preview, which the filter bar says.
import jsonata from 'jsonata';
import type { TailFilter, TailRow } from '../../../shared/contract/tail';
import type { RowTest } from './keptRowsView';
import { jsonataTruthy as truthy } from '../../../shared/domain/jsonataTruth';

/** The row's searchable text: what text and regex filters look at. */
function rowText(row: TailRow): string {
  return `${row.preview}\n${row.columns.filter((c): c is string => c !== null).join('\n')}`;
}


function jsonInput(row: TailRow): unknown {
  if (row.viewKind === 'text') return row.preview;
  if (row.viewKind !== 'json') return undefined;
  try {
    return JSON.parse(row.preview) as unknown;
  } catch {
    // A preview cut at 200 characters is not JSON any more.
    return undefined;
  }
}

/** The row test for a filter, or null for no filter. Throws when a part does not compile (checked before). */
export function rowTest(filter: TailFilter | undefined): RowTest | null {
  if (!filter || (!filter.text && !filter.regex && !filter.jsonata)) return null;
  const needle = filter.text?.toLowerCase() ?? null;
  const regex = filter.regex ? new RegExp(filter.regex.pattern, (filter.regex.flags ?? 'i').replace(/[gy]/g, '')) : null;
  const expression = filter.jsonata ? jsonata(filter.jsonata) : null;
  const plain = (row: TailRow): boolean => {
    if (needle && !row.partitionKey.toLowerCase().includes(needle) && !rowText(row).toLowerCase().includes(needle)) return false;
    if (regex && !regex.test(row.partitionKey) && !regex.test(rowText(row))) return false;
    return true;
  };
  if (!expression) return plain;
  return async (row) => {
    if (!plain(row)) return false;
    const input = jsonInput(row);
    if (input === undefined) return false;
    try {
      return truthy(await expression.evaluate(input, { partitionKey: row.partitionKey, shardId: row.shardId, sequenceNumber: row.sequenceNumber, arrival: row.arrivalMs, chain: row.chain }));
    } catch {
      return false;
    }
  };
}
