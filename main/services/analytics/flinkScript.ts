// analytics.exportFlink: compiles the query, looks up the source (and sink) stream's ARN on the active connection
// and writes the Flink SQL script, or says what cannot be translated.
import type { ExportFlinkParams, ExportFlinkResult } from '../../../shared/contract/analytics';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { exportFlinkSql } from '../../analytics/flinkExport';
import { readSummary } from '../streams/streamReaders';
import { compileInput } from './queryCheck';

/** The region is the ARN's fourth field (arn:partition:kinesis:region:account:stream/name). */
function regionOf(arn: string): string {
  return arn.split(':')[3] ?? '';
}

export async function flinkScript(params: ExportFlinkParams, kinesis: KinesisClient): Promise<ExportFlinkResult> {
  const checked = compileInput(params, params.streamName);
  if (!checked.ok) return { ok: false, untranslatable: [], error: checked.error };
  const source = await readSummary(kinesis, params.streamName);
  const sink = params.sinkStreamName ? await readSummary(kinesis, params.sinkStreamName) : null;
  const result = exportFlinkSql(checked.plan, params.schema, {
    streamArn: source.arn,
    region: regionOf(source.arn),
    startPosition: params.startPosition,
    ...(params.startTimestamp !== undefined ? { startTimestamp: new Date(params.startTimestamp).toISOString() } : {}),
    ...(sink ? { sinkStreamArn: sink.arn } : {}),
    ...(params.sourceTable ? { sourceTable: params.sourceTable } : {}),
    ...(params.sinkTable ? { sinkTable: params.sinkTable } : {}),
  });
  return result.ok ? result : { ...result, error: null };
}
