// A record key as typed: a partition key, or an explicit hash key (decimal). Checked the way Kinesis checks it.
import type { KeyInput } from '../../shared/contract/streams';
import { isValidHashKey } from '../../shared/domain/hashKey';

export type KeyKind = 'partition' | 'hash';

export const keyKinds = [
  { id: 'partition', label: 'Partition key' },
  { id: 'hash', label: 'Explicit hash key' },
] as const satisfies readonly { id: KeyKind; label: string }[];

/** What is wrong with the typed key, or null; an empty key is `emptyProblem`. */
export function keyProblem(kind: KeyKind, text: string, emptyProblem: string | null): string | null {
  if (text === '') return emptyProblem;
  if (kind === 'partition') return text.length > 256 ? 'A partition key is at most 256 characters.' : null;
  return isValidHashKey(text) ? null : 'A hash key is a decimal number from 0 to 2¹²⁸ − 1.';
}

export function keyInput(kind: KeyKind, text: string): KeyInput | null {
  if (keyProblem(kind, text, 'empty') !== null) return null;
  return kind === 'partition' ? { partitionKey: text } : { explicitHashKey: text };
}
