// The fault-rule form as text fields, checked with the contract's own rule schema before anything is sent
// (rates are typed as percentages), and rules described in words for the list.
import { FAULT_BOUNDS, FaultRule, type FAULT_ERROR_TYPES } from '../../../shared/contract/engine';

export interface FaultDraft {
  stream: string;
  action: string;
  errorRate: string;
  errorType: (typeof FAULT_ERROR_TYPES)[number];
  latencyMs: string;
  jitterMs: string;
  partialFailureRate: string;
  iteratorExpirySeconds: string;
}

export const emptyDraft: FaultDraft = { stream: '', action: '*', errorRate: '', errorType: 'InternalFailure', latencyMs: '', jitterMs: '', partialFailureRate: '', iteratorExpirySeconds: '' };

export const COMMON_ACTIONS = ['*', 'PutRecord', 'PutRecords', 'GetRecords', 'GetShardIterator', 'SubscribeToShard', 'DescribeStream', 'DescribeStreamSummary', 'ListShards', 'ListStreams'] as const;

type Field = keyof FaultDraft;
export type DraftCheck = { rule: FaultRule; problems: null } | { rule: null; problems: Partial<Record<Field | 'rule', string>> };

function numberIn(text: string, min: number, max: number, integer: boolean, words: string): { value?: number; problem?: string } {
  if (text.trim() === '') return {};
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) return { problem: words };
  return { value };
}

const percent = (text: string): { value?: number; problem?: string } => {
  const { value, problem } = numberIn(text, FAULT_BOUNDS.rate.min * 100, FAULT_BOUNDS.rate.max * 100, false, 'A percentage from 0 to 100.');
  return value === undefined ? (problem ? { problem } : {}) : { value: value / 100 };
};

export function checkDraft(draft: FaultDraft): DraftCheck {
  const problems: Partial<Record<Field | 'rule', string>> = {};
  const { min: dMin, max: dMax } = FAULT_BOUNDS.delayMs;
  const { min: eMin, max: eMax } = FAULT_BOUNDS.iteratorExpirySeconds;
  const errorRate = percent(draft.errorRate);
  const partialFailureRate = percent(draft.partialFailureRate);
  const latencyMs = numberIn(draft.latencyMs, dMin, dMax, true, `Whole milliseconds from ${dMin} to ${dMax.toLocaleString()}.`);
  const jitterMs = numberIn(draft.jitterMs, dMin, dMax, true, `Whole milliseconds from ${dMin} to ${dMax.toLocaleString()}.`);
  const expiry = numberIn(draft.iteratorExpirySeconds, eMin, eMax, true, `Whole seconds from ${eMin} to ${eMax}.`);
  for (const [field, result] of [['errorRate', errorRate], ['partialFailureRate', partialFailureRate], ['latencyMs', latencyMs], ['jitterMs', jitterMs], ['iteratorExpirySeconds', expiry]] as const) {
    if (result.problem) problems[field] = result.problem;
  }
  const candidate: FaultRule = {
    ...(draft.stream.trim() ? { stream: draft.stream.trim() } : {}),
    ...(draft.action.trim() ? { action: draft.action.trim() } : {}),
    ...(errorRate.value !== undefined ? { errorRate: errorRate.value, errorType: draft.errorType } : {}),
    ...(latencyMs.value !== undefined ? { latencyMs: latencyMs.value } : {}),
    ...(jitterMs.value !== undefined ? { jitterMs: jitterMs.value } : {}),
    ...(partialFailureRate.value !== undefined ? { partialFailureRate: partialFailureRate.value } : {}),
    ...(expiry.value !== undefined ? { iteratorExpirySeconds: expiry.value } : {}),
  };
  const parsed = FaultRule.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === 'stream' || field === 'action') problems[field] ??= issue.message;
    }
  }
  if (Object.keys(problems).length > 0 || !parsed.success) return { rule: null, problems };
  if (describeEffects(parsed.data).length === 0) return { rule: null, problems: { rule: 'Set at least one effect: an error rate, a delay, a partial-failure rate or an iterator expiry.' } };
  return { rule: parsed.data, problems: null };
}

const pct = (rate: number) => `${Number((rate * 100).toFixed(2))}%`;

export function describeEffects(rule: FaultRule): string[] {
  const parts: string[] = [];
  if (rule.errorRate !== undefined) parts.push(`${pct(rule.errorRate)} fail with ${rule.errorType ?? 'InternalFailure'}`);
  if (rule.latencyMs !== undefined || rule.jitterMs !== undefined) parts.push(`+${rule.latencyMs ?? 0} ms${rule.jitterMs ? ` (+ up to ${rule.jitterMs} ms jitter)` : ''}`);
  if (rule.partialFailureRate !== undefined) parts.push(`${pct(rule.partialFailureRate)} of PutRecords entries refused (${rule.partialFailureCode ?? 'InternalFailure'})`);
  if (rule.iteratorExpirySeconds !== undefined) parts.push(`iterators expire after ${rule.iteratorExpirySeconds} s`);
  return parts;
}

/** Identity of a rule in the list (rules have no ids; the same rule twice is one rule for removal). */
export const ruleKey = (rule: FaultRule) => JSON.stringify(rule);
