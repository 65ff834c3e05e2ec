// The two streaming dialects as the editor knows them: their keywords for highlighting and completion, the
// functions both accept, and a first query for each. The parser in main is the authority; these lists only colour
// and suggest, so a word missing here is still accepted if main accepts it.
import { SQLDialect } from '@codemirror/lang-sql';
import type { SqlDialect } from '../../../shared/contract/analytics';

export type AnalyticsDialect = SqlDialect;

export const dialectLabels: Record<AnalyticsDialect, string> = { flink: 'Flink SQL', kda: 'KDA SQL' };

const common =
  'select from where group by having as and or not null is in like between case when then else end cast join left inner on ' +
  'interval true false distinct all millisecond second seconds minute minutes hour hours day days to both leading trailing for ' +
  'current_timestamp timestamp window partition order range rows preceding current row over';

const flinkOnly = 'create temporary table if exists insert into with watermark tumble hop cumulate descriptor data timecol size slide step system_time of proctime';
const kdaOnly = 'stream pump replace started description step rowtime windowed stagger cursor top_k_items_tumbling';

const functions =
  'count sum avg min max approximate_distinct approx_count_distinct upper lower substring trim char_length character_length ' +
  'abs round floor ceil ceiling mod coalesce';

const types = 'varchar char string integer int smallint tinyint bigint double float real decimal boolean timestamp timestamp_ltz';

/** The record columns every query sees, whatever the schema. */
export const systemColumns = ['ROWTIME', 'APPROXIMATE_ARRIVAL_TIME', 'PARTITION_KEY', 'SEQUENCE_NUMBER', 'SHARD_ID'] as const;

/** Window columns a Flink window function adds. */
export const windowColumns = ['window_start', 'window_end', 'window_time'] as const;

export const functionNames = functions.toUpperCase().split(' ');

function define(extra: string): SQLDialect {
  return SQLDialect.define({
    keywords: `${common} ${extra}`,
    builtin: functions,
    types,
    // Both dialects quote names with double quotes; Flink also with backticks.
    identifierQuotes: '"`',
    doubleQuotedStrings: false,
    operatorChars: '+-*/<>=!|%',
  });
}

export const sqlDialects: Record<AnalyticsDialect, SQLDialect> = { flink: define(flinkOnly), kda: define(kdaOnly) };

/** The stream the query reads from, as written in each dialect. */
export function sourceName(dialect: AnalyticsDialect, stream: string): string {
  return dialect === 'kda' ? 'SOURCE_SQL_STREAM_001' : stream;
}

function flinkName(stream: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(stream) ? stream : `\`${stream}\``;
}

/** A tumbling count per partition key: the first query each dialect offers. */
export function exampleQuery(dialect: AnalyticsDialect, stream: string): string {
  if (dialect === 'kda') {
    return [
      'CREATE OR REPLACE STREAM "DEST_SQL_STREAM" (pk VARCHAR(256), records INTEGER);',
      'CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DEST_SQL_STREAM"',
      '  SELECT STREAM PARTITION_KEY, COUNT(*)',
      '  FROM "SOURCE_SQL_STREAM_001"',
      '  GROUP BY PARTITION_KEY, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL \'10\' SECOND);',
    ].join('\n');
  }
  return [
    'SELECT window_start, window_end, PARTITION_KEY, COUNT(*) AS records',
    `FROM TABLE(TUMBLE(TABLE ${flinkName(stream || 'my_stream')}, DESCRIPTOR(ROWTIME), INTERVAL '10' SECOND))`,
    'GROUP BY window_start, window_end, PARTITION_KEY',
  ].join('\n');
}
