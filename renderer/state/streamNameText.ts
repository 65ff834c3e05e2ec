// A stream name as typed, checked with the rule AWS applies (shared/domain/resourceNames), in words that say what
// to change; every form that takes a stream name checks it here before anything is sent.
import { StreamName } from '../../shared/contract/streams';
import { isResourceName, RESOURCE_NAME_MAX_LENGTH } from '../../shared/domain/resourceNames';

export function nameProblem(name: string): string | null {
  if (name.length === 0) return 'Give the stream a name.';
  if (name.length > RESOURCE_NAME_MAX_LENGTH) return `A stream name is at most ${RESOURCE_NAME_MAX_LENGTH} characters; this one has ${name.length}.`;
  // The characters the shared rule refuses, each named once.
  const bad = [...new Set(name.split('').filter((c) => !isResourceName(c)))];
  if (bad.length > 0) return `Only letters, digits, _ . and - are allowed in a stream name; remove ${bad.map((c) => (c === ' ' ? 'the space' : `“${c}”`)).join(' ')}.`;
  return StreamName.safeParse(name).success ? null : 'This name is not allowed.';
}
