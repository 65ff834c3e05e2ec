// S3 object names: `<evaluated prefix><stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid><extension>` (the developer
// guide's "Amazon S3 object name format"). The time is the oldest record's arrival, in the prefix's time zone.
import type { Random } from '../../../../../shared/domain/random';
import type { CompressionFormat } from '../config/schemas';
import { formatJavaDate } from './javaDateFormat';
import { evaluatePrefix, type PrefixContext, type PrefixPart } from './prefixExpressions';

/** The maximum length of an evaluated prefix. */
export const MAX_EVALUATED_PREFIX = 512;

const EXTENSIONS: Record<CompressionFormat, string> = {
  UNCOMPRESSED: '',
  GZIP: '.gz',
  ZIP: '.zip',
  Snappy: '.snappy',
  // The guide's table says .hsnappy; a probe of the service saw .snappy. We follow the guide (unverified).
  HADOOP_SNAPPY: '.hsnappy',
};

/** The extension an object gets: FileExtension replaces the compression's one; '' means unset. */
export function objectExtension(compression: CompressionFormat | undefined, fileExtension: string | undefined): string {
  return fileExtension ? fileExtension : EXTENSIONS[compression ?? 'UNCOMPRESSED'];
}

export interface ObjectKeyInput extends PrefixContext {
  prefix: readonly PrefixPart[];
  streamName: string;
  version: number;
  random: Random;
  extension: string;
}

export class PrefixTooLongError extends Error {
  constructor(readonly evaluated: string) {
    super(`The evaluated prefix is ${evaluated.length} characters; S3 prefixes may be at most ${MAX_EVALUATED_PREFIX}`);
    this.name = 'PrefixTooLongError';
  }
}

export function objectKey(input: ObjectKeyInput): string {
  const prefix = evaluatePrefix(input.prefix, input);
  if (prefix.length > MAX_EVALUATED_PREFIX) throw new PrefixTooLongError(prefix);
  const time = formatJavaDate('yyyy-MM-dd-HH-mm-ss', input.arrivalMs, input.timeZone);
  return `${prefix}${input.streamName}-${input.version}-${time}-${input.random.uuid()}${input.extension}`;
}
