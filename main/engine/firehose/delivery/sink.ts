// Where delivery's bytes go. Every destination writes objects and sends HTTP requests through a DeliverySink; the
// real sinks write files or call S3 and the network, the recording sink (recordingSink.ts) keeps everything and
// answers as a healthy destination would. The preview and the real delivery run the same code, only the sink differs.
export interface StoredObject {
  bucket: string;
  key: string;
  body: Uint8Array;
  contentType: string;
  contentEncoding?: string;
}

export interface OutgoingRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: Uint8Array;
  timeoutMs: number;
}

export interface IncomingResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** A request that got no HTTP answer; `code` is the suffix of Firehose's error code (HttpEndpoint.ConnectionFailed, …). */
export class TransportError extends Error {
  constructor(readonly code: 'ConnectionFailed' | 'ConnectionReset' | 'RequestTimeout' | 'ResponseTooLarge', message: string) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface ObjectStore {
  putObject(object: StoredObject): Promise<void>;
}

export interface HttpTransport {
  send(request: OutgoingRequest): Promise<IncomingResponse>;
}

export interface DeliverySink extends ObjectStore, HttpTransport {}

export function combineSink(objects: ObjectStore, http: HttpTransport): DeliverySink {
  return { putObject: (o) => objects.putObject(o), send: (r) => http.send(r) };
}
