// The Redshift destination as far as it can go locally: the intermediate S3 object (written like any S3 object),
// the manifest that lists it, and the COPY statement Firehose would run. AWS does not publish the statement; this is
// a reconstruction from a statement Firehose ran (seen in a user's troubleshooting script) and Redshift's manifest
// format, and is labelled so wherever it is shown.
import type { RedshiftDestinationConfiguration } from '../config/schemas';
import { formatJavaDate } from '../s3/javaDateFormat';

export function manifestBody(objectUrls: readonly string[]): string {
  return JSON.stringify({ entries: objectUrls.map((url) => ({ url, mandatory: true })) });
}

/** `<prefix>manifests/yyyy/MM/dd/HH/<stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid>`, in UTC. */
export function manifestKey(prefix: string, streamName: string, version: number, arrivalMs: number, uuid: string): string {
  return `${prefix}manifests/${formatJavaDate('yyyy/MM/dd/HH/', arrivalMs)}${streamName}-${version}-${formatJavaDate('yyyy-MM-dd-HH-mm-ss', arrivalMs)}-${uuid}`;
}

export interface RenderedCopy {
  statement: string;
  reconstruction: true;
  warnings: string[];
}

export function copyStatement(config: RedshiftDestinationConfiguration, manifestUrl: string): RenderedCopy {
  const { DataTableName, DataTableColumns, CopyOptions } = config.CopyCommand;
  const columns = DataTableColumns ? ` (${DataTableColumns})` : '';
  const options = CopyOptions ? ` ${CopyOptions.trim().replace(/;$/, '')}` : '';
  const warnings: string[] = [];
  const compression = config.S3Configuration.CompressionFormat ?? 'UNCOMPRESSED';
  if (compression === 'GZIP' && !/\bGZIP\b/i.test(CopyOptions ?? '')) warnings.push('The intermediate objects are GZIP-compressed but CopyOptions has no GZIP: COPY would read compressed bytes as text.');
  if (compression === 'Snappy' || compression === 'ZIP' || compression === 'HADOOP_SNAPPY') warnings.push(`COPY cannot read ${compression} objects; Firehose refuses this compression for Redshift.`);
  return {
    statement: `COPY ${DataTableName}${columns} FROM '${manifestUrl}' CREDENTIALS 'aws_iam_role=${config.RoleARN}' MANIFEST${options};`,
    reconstruction: true,
    warnings,
  };
}
