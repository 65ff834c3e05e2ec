// Filtering and sorting of the list, pure so the benchmark's keystroke measures exactly this plus React.
import type { StreamListRow } from '../../../shared/contract/streams';
import type { DetailCell } from './streamListStore';
import type { SortColumn } from './streamsUi';
import type { Throughput } from './streamThroughput';

type Value = string | number | null;

function detailValue(cell: DetailCell | undefined, column: SortColumn): Value {
  if (cell?.state !== 'ok') return null;
  const row = cell.row;
  switch (column) {
    case 'open':
      return row.openShardCount;
    case 'closed':
      return row.closedShardCount;
    case 'retention':
      return row.retentionHours;
    case 'encryption':
      return row.encryption.type;
    case 'consumers':
      return row.consumerCount;
    default:
      return null;
  }
}

function sortValue(row: StreamListRow, cell: DetailCell | undefined, column: SortColumn, throughput: ReadonlyMap<string, Throughput>): Value {
  switch (column) {
    case 'throughput':
      return throughput.get(row.name)?.recordsPerSecond ?? null;
    case 'name':
      return row.name;
    case 'status':
      return (cell?.state === 'ok' ? cell.row.status : row.status) ?? null;
    case 'mode':
      return (cell?.state === 'ok' ? cell.row.mode : row.mode) ?? null;
    case 'created':
      return row.createdAt;
    default:
      return detailValue(cell, column);
  }
}

function compare(a: Value, b: Value): number {
  // Unknown values (details not loaded yet) always sort last, whatever the direction.
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function matches(row: StreamListRow, cell: DetailCell | undefined, needle: string): boolean {
  if (row.name.toLowerCase().includes(needle)) return true;
  if (cell?.state !== 'ok' || !cell.row.tags) return false;
  return Object.entries(cell.row.tags).some(([key, value]) => `${key}=${value}`.toLowerCase().includes(needle));
}

export function visibleRows(
  rows: readonly StreamListRow[],
  details: ReadonlyMap<string, DetailCell>,
  filter: string,
  sort: { column: SortColumn; descending: boolean },
  /** Records/s in over the last minute, for the streams whose figures are known (local engine only). */
  throughput: ReadonlyMap<string, Throughput> = new Map(),
): StreamListRow[] {
  const needle = filter.trim().toLowerCase();
  const kept = needle ? rows.filter((row) => matches(row, details.get(row.name), needle)) : [...rows];
  const sign = sort.descending ? -1 : 1;
  const keyed = kept.map((row) => ({ row, value: sortValue(row, details.get(row.name), sort.column, throughput) }));
  keyed.sort((a, b) => {
    const nullsLast = a.value === null || b.value === null;
    const primary = nullsLast ? compare(a.value, b.value) : sign * compare(a.value, b.value);
    return primary !== 0 ? primary : compare(a.row.name, b.row.name);
  });
  return keyed.map((entry) => entry.row);
}
