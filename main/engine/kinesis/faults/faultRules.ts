// The fault configuration: the input rules of SetFaults, which are also the format of the `--faults FILE` JSON.
import { streamName } from '../streams/commonRules';
import { t, type TypeOf } from '../../core/rules';

export const ERROR_TYPES = ['InternalFailure', 'ServiceUnavailable', 'ProvisionedThroughputExceeded', 'KMSThrottlingException'] as const;
export type InjectedErrorType = (typeof ERROR_TYPES)[number];

export const PARTIAL_FAILURE_CODES = ['InternalFailure', 'ProvisionedThroughputExceededException'] as const;

export const faultRule = t.struct({
  /** Absent: every stream. */
  StreamName: streamName,
  /** An API action name, or "*" / absent for every action. */
  Action: t.string({ min: 1, max: 64, pattern: '\\*|[A-Za-z]+' }),
  ErrorRate: t.double({ min: 0, max: 1 }),
  ErrorType: t.enum(ERROR_TYPES),
  LatencyMs: t.integer({ min: 0, max: 60000 }),
  JitterMs: t.integer({ min: 0, max: 60000 }),
  PartialFailureRate: t.double({ min: 0, max: 1 }),
  PartialFailureCode: t.enum(PARTIAL_FAILURE_CODES),
  IteratorExpirySeconds: t.integer({ min: 1, max: 300 }),
});

export type FaultRule = TypeOf<typeof faultRule>;

export const faultConfigMembers = {
  /** Seeds the fault PRNG; absent keeps the current seed. */
  Seed: t.integer({ min: 0, max: 2147483647 }),
  Rules: t.list(faultRule, { max: 100, required: true }),
};

export const faultConfigRules = t.struct(faultConfigMembers);
export type FaultConfig = TypeOf<typeof faultConfigRules>;
