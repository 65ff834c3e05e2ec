// S3 prefix expressions, as the developer guide's "Custom prefixes" page defines them: parsing, the rules on which
// expression may appear where (checked when a delivery stream is created), and evaluation for one S3 object.
import type { Random } from '../../../../../shared/domain/random';
import { DatePatternError, formatJavaDate, parseDatePattern } from './javaDateFormat';

export type ExpressionNamespace = 'timestamp' | 'firehose' | 'partitionKeyFromQuery' | 'partitionKeyFromLambda';
export type PrefixPart = { literal: string } | { namespace: ExpressionNamespace; value: string };

/** The values `!{firehose:error-output-type}` takes. */
export type ErrorOutputType =
  | 'processing-failed'
  | 'AmazonOpenSearchService-failed'
  | 'elasticsearch-failed'
  | 'splunk-failed'
  | 'http-endpoint-failed'
  | 'format-conversion-failed'
  | 'activePartitionExceeded';

/** The implicit time path Firehose appends to a prefix that has no timestamp expression (no '/' inserted). */
export const IMPLICIT_TIMESTAMP = 'yyyy/MM/dd/HH/';

// AWS's own wording, typo included, as CreateDeliveryStream returns it (InvalidArgumentException).
const CONSTRAINT = 'Ths supplied prefix(es) do not satisfy the following constraint: ';

export class PrefixRuleError extends Error {
  readonly code = 'InvalidArgumentException';
  constructor(rule: string) {
    super(CONSTRAINT + rule);
    this.name = 'PrefixRuleError';
  }
}

const NAMESPACES: readonly string[] = ['timestamp', 'firehose', 'partitionKeyFromQuery', 'partitionKeyFromLambda'];

/** Splits a prefix into literal text and expressions; a `!{` that is not a well-formed expression is an error. */
export function parsePrefix(prefix: string): PrefixPart[] {
  const parts: PrefixPart[] = [];
  let i = 0;
  while (i < prefix.length) {
    const start = prefix.indexOf('!{', i);
    if (start < 0) {
      parts.push({ literal: prefix.slice(i) });
      break;
    }
    if (start > i) parts.push({ literal: prefix.slice(i, start) });
    const end = prefix.indexOf('}', start);
    const body = end < 0 ? '' : prefix.slice(start + 2, end);
    const colon = body.indexOf(':');
    const namespace = colon < 0 ? '' : body.slice(0, colon);
    const value = colon < 0 ? '' : body.slice(colon + 1);
    if (end < 0 || !NAMESPACES.includes(namespace) || value === '') {
      throw new PrefixRuleError(`Expression '${prefix.slice(start, end < 0 ? undefined : end + 1)}' is not valid: '!{' may only start an expression of the form !{namespace:value}`);
    }
    parts.push({ namespace: namespace as ExpressionNamespace, value });
    i = end + 1;
  }
  return parts;
}

const expressions = (parts: PrefixPart[]) => parts.filter((p): p is Extract<PrefixPart, { namespace: ExpressionNamespace }> => 'namespace' in p);

export interface PrefixRuleInput {
  prefix?: string | undefined;
  errorOutputPrefix?: string | undefined;
  dynamicPartitioning: boolean;
  /** Redshift's intermediate S3 takes neither expressions nor an ErrorOutputPrefix. */
  redshift?: boolean;
  /** Processor types configured, to check that each partition key namespace has its source. */
  processors?: readonly string[];
}

/** Checks the rules of the "Custom prefixes" and "Dynamic partitioning" pages; throws PrefixRuleError. */
export function checkPrefixRules(input: PrefixRuleInput): void {
  const prefix = parsePrefix(input.prefix ?? '');
  const errorPrefix = input.errorOutputPrefix ? parsePrefix(input.errorOutputPrefix) : [];
  const inPrefix = expressions(prefix);
  const inError = expressions(errorPrefix);
  for (const e of [...inPrefix, ...inError]) checkExpression(e);
  if (input.redshift) {
    if (inPrefix.length) throw new PrefixRuleError('Prefix cannot contain expressions for a Redshift destination');
    if (input.errorOutputPrefix) throw new PrefixRuleError('ErrorOutputPrefix must be null for a Redshift destination');
  }
  if (inPrefix.some((e) => e.namespace === 'firehose' && e.value === 'error-output-type')) {
    throw new PrefixRuleError('Prefix cannot contain the firehose:error-output-type expression');
  }
  if (inError.some((e) => e.namespace.startsWith('partitionKeyFrom'))) {
    throw new PrefixRuleError('ErrorOutputPrefix cannot contain partitionKeyFromQuery or partitionKeyFromLambda expressions');
  }
  if (inError.length && !inError.some((e) => e.namespace === 'firehose' && e.value === 'error-output-type')) {
    throw new PrefixRuleError('ErrorOutputPrefix must contain !{firehose:error-output-type} when it contains expressions');
  }
  if (inPrefix.length && !input.errorOutputPrefix) {
    throw new PrefixRuleError('ErrorOutputPrefix cannot be null or empty when Prefix contains expressions');
  }
  const keyExpressions = inPrefix.filter((e) => e.namespace.startsWith('partitionKeyFrom'));
  if (keyExpressions.length && !input.dynamicPartitioning) {
    throw new PrefixRuleError('Prefix can contain partitionKeyFromQuery or partitionKeyFromLambda expressions only when dynamic partitioning is enabled');
  }
  if (input.dynamicPartitioning && !keyExpressions.length) {
    throw new PrefixRuleError('Prefix must contain at least one partitionKeyFromQuery or partitionKeyFromLambda expression when dynamic partitioning is enabled');
  }
  const processors = input.processors ?? [];
  if (keyExpressions.some((e) => e.namespace === 'partitionKeyFromQuery') && !processors.includes('MetadataExtraction')) {
    throw new PrefixRuleError('Prefix uses partitionKeyFromQuery, which needs a MetadataExtraction processor');
  }
  if (keyExpressions.some((e) => e.namespace === 'partitionKeyFromLambda') && !processors.includes('Lambda')) {
    throw new PrefixRuleError('Prefix uses partitionKeyFromLambda, which needs a Lambda processor');
  }
}

function checkExpression(e: { namespace: ExpressionNamespace; value: string }): void {
  if (e.namespace === 'firehose' && e.value !== 'random-string' && e.value !== 'error-output-type') {
    throw new PrefixRuleError(`Unknown firehose expression '!{firehose:${e.value}}': use random-string or error-output-type`);
  }
  if (e.namespace === 'timestamp') {
    try {
      parseDatePattern(e.value);
    } catch (error) {
      if (error instanceof DatePatternError) throw new PrefixRuleError(`Timestamp pattern '${e.value}' is not valid: ${error.message}`);
      throw error;
    }
  }
}

/** The partition key a prefix names but the record does not carry: the record goes to the error prefix. */
export class MissingPartitionKeyError extends Error {
  constructor(readonly namespace: ExpressionNamespace, readonly key: string) {
    super(`The ${namespace} key '${key}' is not among the record's partition keys`);
    this.name = 'MissingPartitionKeyError';
  }
}

export interface PrefixContext {
  /** The approximate arrival time of the object's oldest record: every timestamp expression uses this instant. */
  arrivalMs: number;
  timeZone: string;
  random: Random;
  errorOutputType?: ErrorOutputType;
  queryKeys?: Readonly<Record<string, string>>;
  lambdaKeys?: Readonly<Record<string, string>>;
}

/** An 11-character random string, as `!{firehose:random-string}` gives (the guide's example: `046b6c7f-0b`). */
export function randomString(random: Random): string {
  return random.uuid().slice(0, 11);
}

/** The evaluated prefix, with the implicit `yyyy/MM/dd/HH/` appended (plain concatenation) when it has no timestamp. */
export function evaluatePrefix(parts: readonly PrefixPart[], ctx: PrefixContext): string {
  let out = '';
  let hasTimestamp = false;
  for (const part of parts) {
    if ('literal' in part) {
      out += part.literal;
      continue;
    }
    switch (part.namespace) {
      case 'timestamp':
        hasTimestamp = true;
        out += formatJavaDate(part.value, ctx.arrivalMs, ctx.timeZone);
        break;
      case 'firehose':
        out += part.value === 'random-string' ? randomString(ctx.random) : (ctx.errorOutputType ?? '');
        break;
      case 'partitionKeyFromQuery':
      case 'partitionKeyFromLambda': {
        const keys = part.namespace === 'partitionKeyFromQuery' ? ctx.queryKeys : ctx.lambdaKeys;
        const value = keys?.[part.value];
        if (value === undefined) throw new MissingPartitionKeyError(part.namespace, part.value);
        out += value;
        break;
      }
    }
  }
  if (!hasTimestamp) out += formatJavaDate(IMPLICIT_TIMESTAMP, ctx.arrivalMs, ctx.timeZone);
  return out;
}

/**
 * The prefix failed records use: ErrorOutputPrefix when set, else `<Prefix><error-output-type>/` (which the implicit
 * time path then follows), as the guide describes for a null ErrorOutputPrefix.
 */
export function errorPrefixParts(prefix: string | undefined, errorOutputPrefix: string | undefined): PrefixPart[] {
  if (errorOutputPrefix) return parsePrefix(errorOutputPrefix);
  return [...parsePrefix(prefix ?? ''), { namespace: 'firehose', value: 'error-output-type' }, { literal: '/' }];
}
