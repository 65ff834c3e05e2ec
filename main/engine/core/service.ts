// A service the engine serves on its port: the X-Amz-Target prefix it answers (e.g. Kinesis_20131202) and its
// dispatcher. Services are built by installers passed to the Engine, so the core knows none of them.
import type { RequestContext } from './request';

export interface Service {
  /** The part of X-Amz-Target before the dot. */
  readonly targetPrefix: string;
  /** True for AWS services (SigV4 headers required); false for the engine's local, unsigned admin API. */
  readonly signed: boolean;
  has(action: string): boolean;
  /** Runs one action; errors are KinesisErrors, anything else is a bug and becomes InternalFailure upstream. */
  dispatch(action: string, body: unknown, request: RequestContext): Promise<unknown>;
}
