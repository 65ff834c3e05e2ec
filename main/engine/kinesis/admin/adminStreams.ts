// How admin actions name streams: StreamName (in the request's region) or StreamARN, like Kinesis actions.
import type { KinesisContext } from '../kinesis';
import { streamArn, streamName } from '../streams/commonRules';
import { invalidArgument } from '../../core/errors';
import { parseStreamArn, type StreamState } from '../streams/streamModel';

export const adminStreamRef = { StreamName: streamName, StreamARN: streamArn };

/** The named stream's region and name without requiring it to exist (limits and faults may name it early). */
export function namedStream(ctx: KinesisContext, ref: { StreamName?: string; StreamARN?: string }): { region: string; name: string; stream?: StreamState } | undefined {
  let region = ctx.region;
  let name = ref.StreamName;
  if (ref.StreamARN !== undefined) {
    const parsed = parseStreamArn(ref.StreamARN);
    if (!parsed) throw invalidArgument(`StreamARN ${ref.StreamARN} is not a valid stream ARN.`);
    if (name !== undefined && name !== parsed.name) throw invalidArgument(`StreamARN ${ref.StreamARN} and StreamName ${name} do not refer to the same stream.`);
    region = parsed.region;
    name = parsed.name;
  }
  if (name === undefined) return undefined;
  return { region, name, stream: ctx.kinesis.findStream(region, name) };
}
