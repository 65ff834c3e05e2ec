// Tag rules shared by AddTagsToStream/RemoveTagsFromStream and TagResource/UntagResource: allowed characters,
// the 50-tags-per-resource limit, and where a resource's tags live (streams in stream_tags, consumers by ARN).
import type { KinesisContext } from '../kinesis';
import { invalidArgument } from '../../core/errors';
import type { ResolvedResource } from './resources';

export const MAX_TAGS_PER_RESOURCE = 50;

// AWS's tag pattern `^([\p{L}\p{Z}\p{N}_.:/=+\-@%]*)$`: Unicode letters, separators (space, no-break space, …)
// and digits, and _ . : / = + - @ % (% then gets its own message below). \p{Z} rather than \s: tab, newline and
// other control characters are refused, as AWS refuses them.
const INVALID_TAG_CHARACTER = /[^\p{L}\p{Z}\p{N}_.:/=+\-@%]/u;

/** InvalidArgumentException when a tag key or value has a character outside AWS's tag pattern. */
export function checkTagPattern(texts: readonly string[]): void {
  if (texts.some((text) => INVALID_TAG_CHARACTER.test(text))) {
    throw invalidArgument('Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.');
  }
}

function describe(ctx: KinesisContext, resource: ResolvedResource): string {
  return resource.kind === 'stream'
    ? `stream ${resource.stream.name} under account ${ctx.accountId}`
    : `consumer ${resource.arn} under account ${ctx.accountId}`;
}

/** InvalidArgumentException for characters AWS refuses in tag keys and values, with its two messages. */
function checkTagCharacters(texts: readonly string[], failure: () => string): void {
  checkTagPattern(texts);
  if (texts.some((text) => text.includes('%'))) {
    throw invalidArgument(`${failure()} because some tags contained illegal characters. The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.`);
  }
}

/** CreateStream's tags: the same characters as AddTagsToStream, and at most 50. */
export function checkNewStreamTags(ctx: KinesisContext, streamName: string, tags: Record<string, string>): void {
  const failure = () => `Failed to create stream ${streamName} under account ${ctx.accountId}`;
  checkTagCharacters([...Object.keys(tags), ...Object.values(tags)], failure);
  if (Object.keys(tags).length > MAX_TAGS_PER_RESOURCE) {
    throw invalidArgument(`${failure()} because a given stream cannot have more than ${MAX_TAGS_PER_RESOURCE} tags associated with it.`);
  }
}

/** The resource's tags sorted by key. */
export function tagsOf(ctx: KinesisContext, resource: ResolvedResource): [string, string][] {
  return resource.kind === 'stream' ? ctx.store.tagsOf(resource.stream.id) : ctx.kinesis.resources.tagsOf(resource.arn);
}

/** Adds or overwrites tags, refusing a result with more than 50 tags. */
export function addTags(ctx: KinesisContext, resource: ResolvedResource, tags: Record<string, string>): void {
  const keys = Object.keys(tags);
  checkTagCharacters([...keys, ...Object.values(tags)], () => `Failed to add tags to ${describe(ctx, resource)}`);
  const total = new Set([...tagsOf(ctx, resource).map(([key]) => key), ...keys]).size;
  if (total > MAX_TAGS_PER_RESOURCE) {
    throw invalidArgument(`Failed to add tags to ${describe(ctx, resource)} because a given ${resource.kind} cannot have more than ${MAX_TAGS_PER_RESOURCE} tags associated with it.`);
  }
  if (resource.kind === 'stream') ctx.store.setTags(resource.stream.id, tags);
  else ctx.kinesis.resources.setTags(resource.arn, resource.stream.id, tags);
}

/** Removes tags by key; keys the resource does not have are ignored, as on AWS. */
export function removeTags(ctx: KinesisContext, resource: ResolvedResource, keys: readonly string[]): void {
  checkTagCharacters(keys, () => `Failed to remove tags from ${describe(ctx, resource)}`);
  if (resource.kind === 'stream') ctx.store.removeTags(resource.stream.id, keys);
  else ctx.kinesis.resources.removeTags(resource.arn, keys);
}

export function tagList(tags: [string, string][]): { Key: string; Value: string }[] {
  return tags.map(([Key, Value]) => ({ Key, Value }));
}
