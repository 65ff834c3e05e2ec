// AWS's rule for stream and consumer names, defined once: the engine's input rules, the contract's schemas and the
// renderer's form checks all read it from here.

/** The pattern as AWS's API reference and its validation messages write it (unanchored). */
export const RESOURCE_NAME_PATTERN = '[a-zA-Z0-9_.-]+';
/** Stream and consumer names are 1 to 128 characters. */
export const RESOURCE_NAME_MAX_LENGTH = 128;

const anchored = new RegExp(`^${RESOURCE_NAME_PATTERN}$`);

/** True when `name` is a valid stream (or consumer) name. */
export function isResourceName(name: string): boolean {
  return name.length >= 1 && name.length <= RESOURCE_NAME_MAX_LENGTH && anchored.test(name);
}
