// The sink the preview uses: nothing leaves the process. Objects are kept; each request is kept with the answer a
// healthy destination gives by its contract (the HTTP endpoint echoes the requestId, the cluster accepts every
// document, HEC gives an ackId and acknowledges it), unless the caller supplies its own answers.
import { gunzipSync } from 'node:zlib';
import { expectedHttpEndpointResponse } from './http/httpEndpoint';
import { expectedBulkResponse } from './opensearch/bulk';
import type { DeliverySink, IncomingResponse, OutgoingRequest, StoredObject } from './sink';
import { expectedHecResponse } from './splunk/hec';

export interface RecordedExchange {
  request: OutgoingRequest;
  response: IncomingResponse;
}

export type Responder = (request: OutgoingRequest) => IncomingResponse;

export class RecordingSink implements DeliverySink {
  readonly objects: StoredObject[] = [];
  readonly exchanges: RecordedExchange[] = [];
  private ackIds = 0;

  constructor(private readonly respond?: Responder) {}

  putObject(object: StoredObject): Promise<void> {
    this.objects.push(object);
    return Promise.resolve();
  }

  send(request: OutgoingRequest): Promise<IncomingResponse> {
    const response = this.respond ? this.respond(request) : this.expectedResponse(request);
    this.exchanges.push({ request, response });
    return Promise.resolve(response);
  }

  /** The answer the destination's contract expects for `request`. */
  expectedResponse(request: OutgoingRequest): IncomingResponse {
    const path = new URL(request.url).pathname;
    if (path.endsWith('/_bulk')) return expectedBulkResponse(request.body);
    if (path.includes('/services/collector')) return expectedHecResponse(request, () => this.ackIds++);
    const body = request.headers['Content-Encoding'] === 'gzip' ? gunzipSync(request.body) : request.body;
    const { requestId, timestamp } = JSON.parse(new TextDecoder().decode(body)) as { requestId: string; timestamp: number };
    return expectedHttpEndpointResponse(requestId, timestamp);
  }
}
