// What the HTTP front knows about a request, for any service the engine serves.
import type { WireEncoder } from './wire';

export interface RequestContext {
  /** From the SigV4 credential scope, else the engine's default region. */
  region: string;
  requestId: string;
  wire: WireEncoder;
  /** The Origin header, when a browser sent the request. */
  origin?: string;
}
