// The Analytics results as a file: CSV with a header and RFC 4180 quoting, or JSON lines; the row time first
// unless the query selected ROWTIME itself; timestamps as ISO-8601 UTC; NULL as an empty CSV field or JSON null.
import { describe, expect, it } from 'vitest';
import { resultLines, rowtimeColumnNeeded } from '../../renderer/features/analytics/exportResults';
import type { ResultColumn, ResultRow } from '../../renderer/features/analytics/resultTable';

const columns: ResultColumn[] = [
  { name: 'window_end', type: { base: 'TIMESTAMP' } },
  { name: 'region', type: { base: 'VARCHAR' } },
  { name: 'records', type: { base: 'BIGINT' } },
  { name: 'late', type: { base: 'BOOLEAN' } },
];
// 2026-01-02 03:04:05.006 UTC and a second later.
const t1 = Date.UTC(2026, 0, 2, 3, 4, 5, 6);
const t2 = t1 + 1000;
const rows: ResultRow[] = [
  { rowtime: t1, values: [t1, 'a,"b"', 7, true] },
  { rowtime: t2, values: [t2, null, 8, false] },
  { rowtime: t2, values: [t2, 'two\nlines', 0, null] },
];

describe('rowtimeColumnNeeded', () => {
  it('adds the row time unless a column is already called ROWTIME, in any case', () => {
    expect(rowtimeColumnNeeded(columns)).toBe(true);
    expect(rowtimeColumnNeeded([{ name: 'rowtime', type: { base: 'TIMESTAMP' } }])).toBe(false);
    expect(rowtimeColumnNeeded([{ name: 'ROWTIME_X', type: { base: 'TIMESTAMP' } }])).toBe(true);
  });
});

describe('resultLines', () => {
  it('writes CSV with a header, CRLF line ends, quoted fields where needed and empty NULLs', () => {
    expect(resultLines(columns, rows, 'csv')).toEqual([
      'ROWTIME,window_end,region,records,late\r\n',
      '2026-01-02T03:04:05.006Z,2026-01-02T03:04:05.006Z,"a,""b""",7,true\r\n',
      '2026-01-02T03:04:06.006Z,2026-01-02T03:04:06.006Z,,8,false\r\n',
      '2026-01-02T03:04:06.006Z,2026-01-02T03:04:06.006Z,"two\nlines",0,\r\n',
    ]);
  });

  it('writes one JSON object per line, the row time first, NULL as null', () => {
    expect(resultLines(columns, rows, 'jsonl')).toEqual([
      '{"ROWTIME":"2026-01-02T03:04:05.006Z","window_end":"2026-01-02T03:04:05.006Z","region":"a,\\"b\\"","records":7,"late":true}\n',
      '{"ROWTIME":"2026-01-02T03:04:06.006Z","window_end":"2026-01-02T03:04:06.006Z","region":null,"records":8,"late":false}\n',
      '{"ROWTIME":"2026-01-02T03:04:06.006Z","window_end":"2026-01-02T03:04:06.006Z","region":"two\\nlines","records":0,"late":null}\n',
    ]);
  });

  it('adds no row time when the query selected ROWTIME, and writes that column as a time', () => {
    const own: ResultColumn[] = [
      { name: 'ROWTIME', type: { base: 'TIMESTAMP' } },
      { name: 'n', type: { base: 'INTEGER' } },
    ];
    const one: ResultRow[] = [{ rowtime: t1, values: [t1, 3] }];
    expect(resultLines(own, one, 'csv')).toEqual(['ROWTIME,n\r\n', '2026-01-02T03:04:05.006Z,3\r\n']);
    expect(resultLines(own, one, 'jsonl')).toEqual(['{"ROWTIME":"2026-01-02T03:04:05.006Z","n":3}\n']);
  });

  it('writes only the header for no rows in CSV, and nothing in JSON lines', () => {
    expect(resultLines(columns, [], 'csv')).toEqual(['ROWTIME,window_end,region,records,late\r\n']);
    expect(resultLines(columns, [], 'jsonl')).toEqual([]);
  });
});
