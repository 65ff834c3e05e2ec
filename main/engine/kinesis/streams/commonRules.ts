// Member rules shared by many actions, with the constraints of the Kinesis service model.
import { RESOURCE_NAME_MAX_LENGTH, RESOURCE_NAME_PATTERN } from '../../../../shared/domain/resourceNames';
import { t } from '../../core/rules';

export const streamName = t.string({ min: 1, max: RESOURCE_NAME_MAX_LENGTH, pattern: RESOURCE_NAME_PATTERN });
export const streamNameRequired = t.string({ min: 1, max: RESOURCE_NAME_MAX_LENGTH, pattern: RESOURCE_NAME_PATTERN, required: true });
export const streamArn = t.string({ min: 1, max: 2048, pattern: 'arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+' });
export const streamIdRule = t.string({ min: 1, max: 24, pattern: '[a-z0-9]{20}-[a-z0-9]{3}' });
export const shardIdRule = t.string({ min: 1, max: 128, pattern: '[a-zA-Z0-9_.-]+' });
export const shardIdRequired = t.string({ min: 1, max: 128, pattern: '[a-zA-Z0-9_.-]+', required: true });
export const sequenceNumberRule = t.string({ pattern: '0|([1-9]\\d{0,128})' });
export const hashKeyRule = t.string({ pattern: '0|([1-9]\\d{0,38})' });
export const nextTokenRule = t.string({ min: 1, max: 1048576 });
export const tagKey = t.string({ min: 1, max: 128 });
export const tagValue = t.string({ min: 0, max: 256 });
export const resourceArn = t.string({ min: 1, max: 2048, pattern: 'arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+' });

/** The members by which most actions name their stream: any of StreamName, StreamARN, StreamId. */
export const streamRef = { StreamName: streamName, StreamARN: streamArn, StreamId: streamIdRule };
export interface StreamRef {
  StreamName?: string;
  StreamARN?: string;
  StreamId?: string;
}
