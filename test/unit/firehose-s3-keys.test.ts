// S3 object names and prefix expressions, on fixed instants; every expected string is written out by hand.
import { describe, expect, it } from 'vitest';
import { DatePatternError, formatJavaDate } from '../../main/engine/firehose/delivery/s3/javaDateFormat';
import { objectExtension, objectKey, PrefixTooLongError } from '../../main/engine/firehose/delivery/s3/objectKey';
import { checkPrefixRules, errorPrefixParts, evaluatePrefix, MissingPartitionKeyError, parsePrefix, PrefixRuleError } from '../../main/engine/firehose/delivery/s3/prefixExpressions';
import { scriptedRandom } from '../support/firehose';

const AUG_27_2018_1030 = Date.UTC(2018, 7, 27, 10, 30, 0, 0); // a Monday
const UUID = '046b6c7f-0b8a-43b9-b35d-6489e6daee91';

describe('Java DateTimeFormatter patterns', () => {
  it('formats numbers, text, quotes and day of year in UTC', () => {
    expect(formatJavaDate('yyyy/MM/dd/HH/', AUG_27_2018_1030)).toBe('2018/08/27/10/');
    expect(formatJavaDate("'year='yyyy'/month='MM", AUG_27_2018_1030)).toBe('year=2018/month=08');
    expect(formatJavaDate("yyyy''MM", AUG_27_2018_1030)).toBe("2018'08");
    expect(formatJavaDate("'it''s' yy", AUG_27_2018_1030)).toBe("it's 18");
    expect(formatJavaDate('EEE, MMM d', AUG_27_2018_1030)).toBe('Mon, Aug 27');
    expect(formatJavaDate('EEEE MMMM', AUG_27_2018_1030)).toBe('Monday August');
    expect(formatJavaDate('D', AUG_27_2018_1030)).toBe('239');
    expect(formatJavaDate('hh a, H:m:s.SSS', AUG_27_2018_1030 + 5_007)).toBe('10 AM, 10:30:5.007');
    expect(formatJavaDate('XXX Z', AUG_27_2018_1030)).toBe('Z +0000');
  });

  it('uses an IANA time zone through Intl', () => {
    expect(formatJavaDate('yyyy-MM-dd HH:mm XXX', AUG_27_2018_1030, 'Asia/Tokyo')).toBe('2018-08-27 19:30 +09:00');
    expect(formatJavaDate('HH Z', AUG_27_2018_1030, 'America/New_York')).toBe('06 -0400');
    // Crossing midnight backwards: 02:00 UTC is the previous day in Los Angeles (PDT, -7).
    expect(formatJavaDate('yyyy/MM/dd/HH', Date.UTC(2018, 7, 27, 2), 'America/Los_Angeles')).toBe('2018/08/26/19');
  });

  it('numbers weeks as Locale.US does (Sunday start, week 1 holds January 1st)', () => {
    const feb25 = Date.UTC(2016, 1, 25);
    expect(formatJavaDate('ww', feb25)).toBe('09');
    // 2016-12-31 is a Saturday; the week of 2017-01-01 (a Sunday) starts a new week 1.
    expect(formatJavaDate('YYYY-ww', Date.UTC(2016, 11, 31))).toBe('2016-53');
    expect(formatJavaDate('YYYY-ww', Date.UTC(2017, 0, 1))).toBe('2017-01');
  });

  it('refuses letters Java does not know, as Java does', () => {
    expect(() => formatJavaDate('yyyy-bb', AUG_27_2018_1030)).toThrow(DatePatternError);
    expect(() => formatJavaDate("'open", AUG_27_2018_1030)).toThrow(/incomplete string literal/);
  });
});

describe('prefix evaluation', () => {
  it('evaluates the guide’s worked example', () => {
    const parts = parsePrefix('myFirehose/DeliveredYear=!{timestamp:yyyy}/anyMonth/rand=!{firehose:random-string}');
    const out = evaluatePrefix(parts, { arrivalMs: AUG_27_2018_1030, timeZone: 'UTC', random: scriptedRandom([UUID]) });
    expect(out).toBe('myFirehose/DeliveredYear=2018/anyMonth/rand=046b6c7f-0b');
  });

  it('appends yyyy/MM/dd/HH/ to a prefix without a timestamp, with no / inserted', () => {
    const ctx = { arrivalMs: AUG_27_2018_1030, timeZone: 'UTC', random: scriptedRandom() };
    expect(evaluatePrefix(parsePrefix('legacy'), ctx)).toBe('legacy2018/08/27/10/');
    expect(evaluatePrefix(parsePrefix('logs/'), ctx)).toBe('logs/2018/08/27/10/');
    expect(evaluatePrefix(parsePrefix(''), ctx)).toBe('2018/08/27/10/');
    expect(evaluatePrefix(parsePrefix('!{timestamp:yyyy}/x/'), ctx)).toBe('2018/x/');
  });

  it('gives each random-string its own value and every timestamp the same instant', () => {
    const random = scriptedRandom(['aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb']);
    const out = evaluatePrefix(parsePrefix('!{firehose:random-string}/!{timestamp:HH}/!{firehose:random-string}/!{timestamp:HH}/'), { arrivalMs: AUG_27_2018_1030, timeZone: 'UTC', random });
    expect(out).toBe('aaaaaaaa-aa/10/bbbbbbbb-bb/10/');
  });

  it('fills partition keys and fails when one is missing', () => {
    const parts = parsePrefix('customer_id=!{partitionKeyFromQuery:customer_id}/device=!{partitionKeyFromLambda:device}/');
    const ctx = { arrivalMs: AUG_27_2018_1030, timeZone: 'UTC', random: scriptedRandom() };
    expect(evaluatePrefix(parts, { ...ctx, queryKeys: { customer_id: '1234567890' }, lambdaKeys: { device: 'mobile' } })).toBe('customer_id=1234567890/device=mobile/2018/08/27/10/');
    expect(() => evaluatePrefix(parts, { ...ctx, queryKeys: { customer_id: '1' } })).toThrow(MissingPartitionKeyError);
  });

  it('puts failed records under <Prefix><error-output-type>/ when ErrorOutputPrefix is null', () => {
    const ctx = { arrivalMs: AUG_27_2018_1030, timeZone: 'UTC', random: scriptedRandom(), errorOutputType: 'processing-failed' as const };
    expect(evaluatePrefix(errorPrefixParts('logs/', undefined), ctx)).toBe('logs/processing-failed/2018/08/27/10/');
    expect(evaluatePrefix(errorPrefixParts('logs/!{timestamp:yyyy}/', 'errors/!{firehose:error-output-type}/!{timestamp:yyyy}/'), ctx)).toBe('errors/processing-failed/2018/');
  });
});

describe('object keys', () => {
  it('is <prefix><stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid><ext>', () => {
    const key = objectKey({
      prefix: parsePrefix('data/'), streamName: 'orders', version: 3, arrivalMs: AUG_27_2018_1030 + 42_000,
      timeZone: 'UTC', random: scriptedRandom([UUID]), extension: '.gz',
    });
    expect(key).toBe(`data/2018/08/27/10/orders-3-2018-08-27-10-30-42-${UUID}.gz`);
  });

  it('uses the custom time zone in the name as in the prefix', () => {
    const key = objectKey({ prefix: parsePrefix(''), streamName: 's', version: 1, arrivalMs: AUG_27_2018_1030, timeZone: 'Asia/Tokyo', random: scriptedRandom([UUID]), extension: '' });
    expect(key).toBe(`2018/08/27/19/s-1-2018-08-27-19-30-00-${UUID}`);
  });

  it('takes the extension from the compression unless FileExtension replaces it', () => {
    expect(objectExtension('UNCOMPRESSED', undefined)).toBe('');
    expect(objectExtension('GZIP', undefined)).toBe('.gz');
    expect(objectExtension('ZIP', undefined)).toBe('.zip');
    expect(objectExtension('Snappy', undefined)).toBe('.snappy');
    expect(objectExtension('HADOOP_SNAPPY', undefined)).toBe('.hsnappy');
    expect(objectExtension('GZIP', '.json.gz')).toBe('.json.gz');
    expect(objectExtension('GZIP', '')).toBe('.gz');
  });

  it('refuses an evaluated prefix over 512 characters', () => {
    const long = 'x'.repeat(600);
    expect(() => objectKey({ prefix: parsePrefix(`!{partitionKeyFromQuery:k}/`), queryKeys: { k: long }, streamName: 's', version: 1, arrivalMs: 0, timeZone: 'UTC', random: scriptedRandom(), extension: '' })).toThrow(PrefixTooLongError);
  });
});

describe('prefix rules', () => {
  const message = (input: Parameters<typeof checkPrefixRules>[0]) => {
    try {
      checkPrefixRules(input);
      return 'ok';
    } catch (error) {
      expect(error).toBeInstanceOf(PrefixRuleError);
      return (error as Error).message;
    }
  };

  it('accepts the documented configurations', () => {
    expect(message({ prefix: 'logs/', dynamicPartitioning: false })).toBe('ok');
    expect(message({ prefix: 'y=!{timestamp:yyyy}/', errorOutputPrefix: 'e/!{firehose:error-output-type}/', dynamicPartitioning: false })).toBe('ok');
    expect(message({ prefix: 'firehoseTest/!{partitionKeyFromQuery:s3Prefix}', errorOutputPrefix: 'firehoseTest-errors/!{firehose:error-output-type}/', dynamicPartitioning: true, processors: ['MetadataExtraction'] })).toBe('ok');
  });

  it('answers with AWS’s wording', () => {
    expect(message({ prefix: 'y=!{timestamp:yyyy}/', dynamicPartitioning: false })).toBe(
      'Ths supplied prefix(es) do not satisfy the following constraint: ErrorOutputPrefix cannot be null or empty when Prefix contains expressions',
    );
  });

  it('refuses expressions where they are not allowed', () => {
    expect(message({ prefix: 'a/!{firehose:error-output-type}/', errorOutputPrefix: 'e/', dynamicPartitioning: false })).toMatch(/Prefix cannot contain the firehose:error-output-type/);
    expect(message({ prefix: 'a/', errorOutputPrefix: 'e/!{timestamp:yyyy}/', dynamicPartitioning: false })).toMatch(/must contain !\{firehose:error-output-type\}/);
    expect(message({ prefix: 'a/!{partitionKeyFromQuery:k}/', errorOutputPrefix: 'e/!{firehose:error-output-type}/!{partitionKeyFromQuery:k}', dynamicPartitioning: true, processors: ['MetadataExtraction'] })).toMatch(/ErrorOutputPrefix cannot contain partitionKeyFrom/);
    expect(message({ prefix: 'a/!{partitionKeyFromQuery:k}/', errorOutputPrefix: 'e/!{firehose:error-output-type}/', dynamicPartitioning: false })).toMatch(/only when dynamic partitioning is enabled/);
    expect(message({ prefix: 'a/', errorOutputPrefix: 'e/', dynamicPartitioning: true })).toMatch(/at least one partitionKeyFromQuery/);
    expect(message({ prefix: 'a/!{partitionKeyFromLambda:k}/', errorOutputPrefix: 'e/!{firehose:error-output-type}/', dynamicPartitioning: true, processors: ['MetadataExtraction'] })).toMatch(/needs a Lambda processor/);
    expect(message({ prefix: 'a/!{timestamp:yyyy}/', errorOutputPrefix: undefined, dynamicPartitioning: false, redshift: true })).toMatch(/Redshift/);
  });

  it('refuses malformed expressions and unknown names', () => {
    expect(message({ prefix: 'a/!{timestamp:yyyy/', dynamicPartitioning: false })).toMatch(/is not valid/);
    expect(message({ prefix: 'a/!{nope:x}/', dynamicPartitioning: false })).toMatch(/is not valid/);
    expect(message({ prefix: 'a/!{firehose:uuid}/', errorOutputPrefix: 'e/!{firehose:error-output-type}', dynamicPartitioning: false })).toMatch(/Unknown firehose expression/);
    expect(message({ prefix: 'a/!{timestamp:bbbb}/', errorOutputPrefix: 'e/!{firehose:error-output-type}', dynamicPartitioning: false })).toMatch(/Timestamp pattern 'bbbb' is not valid: Unknown pattern letter: b/);
  });
});
