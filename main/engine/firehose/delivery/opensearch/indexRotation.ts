// Index rotation: the index name gets the record's UTC arrival time appended. For OneWeek the guide's table gives
// `myindex-2016-w08` for 2016-02-25 while its note describes US weeks (which give w09); we follow the table, which
// is ISO-8601 week numbering, and offer the US rule as an option.
import type { IndexRotationPeriod } from '../config/schemas';
import { isoWeek, usWeek, zonedFields } from '../s3/zonedTime';

export type WeekRule = 'iso' | 'us';

const two = (n: number) => String(n).padStart(2, '0');

export function rotatedIndexName(indexName: string, period: IndexRotationPeriod | undefined, arrivalMs: number, weekRule: WeekRule = 'iso'): string {
  const f = zonedFields(arrivalMs, 'UTC');
  switch (period ?? 'OneDay') {
    case 'NoRotation':
      return indexName;
    case 'OneHour':
      return `${indexName}-${f.year}-${two(f.month)}-${two(f.day)}-${two(f.hour)}`;
    case 'OneDay':
      return `${indexName}-${f.year}-${two(f.month)}-${two(f.day)}`;
    case 'OneWeek': {
      const w = weekRule === 'iso' ? isoWeek(f) : usWeek(f);
      return `${indexName}-${w.weekYear}-w${two(w.week)}`;
    }
    case 'OneMonth':
      return `${indexName}-${f.year}-${two(f.month)}`;
  }
}
