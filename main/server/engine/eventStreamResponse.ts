// Sends a StreamedResponse (SubscribeToShard) over HTTP/1.1 (chunked) or HTTP/2 (DATA frames): status 200 with
// content type application/vnd.amazon.eventstream, an initial-response event, then the action's messages, each
// serialized in the request's protocol (JSON or CBOR) and framed by eventStreamCodec. The sink reports the
// transport's backpressure (write() returning false) so the subscription stops reading until 'drain'.
import type { ServerResponse } from 'node:http';
import type { Http2ServerResponse } from 'node:http2';
import type { EventSink, StreamedResponse, StreamMessage } from '../../engine/core/streamedResponse';
import { encodeEventMessage, type EventHeaders } from './eventStreamCodec';
import type { Protocol } from './protocol';

export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

type Res = ServerResponse | Http2ServerResponse;

function payloadContentType(protocol: Protocol): string {
  return protocol.wire.protocol === 'json' ? 'application/json' : protocol.contentType;
}

function frame(protocol: Protocol, message: StreamMessage | { kind: 'initial'; body: unknown }): Buffer {
  const contentType: [string, string] = [':content-type', payloadContentType(protocol)];
  let headers: EventHeaders;
  let body: unknown;
  if (message.kind === 'exception') {
    headers = [[':message-type', 'exception'], [':exception-type', message.type], contentType];
    body = { message: message.message };
  } else {
    const type = message.kind === 'initial' ? 'initial-response' : message.type;
    headers = [[':message-type', 'event'], [':event-type', type], contentType];
    body = message.body;
  }
  const serialized = protocol.serialize(body);
  return encodeEventMessage(headers, typeof serialized === 'string' ? Buffer.from(serialized, 'utf8') : serialized);
}

export function sendEventStream(res: Res, protocol: Protocol, response: StreamedResponse): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', EVENT_STREAM_CONTENT_TYPE);
  const writable = () => !res.destroyed && !res.writableEnded;
  const write = (chunk: Buffer): boolean => (res as { write(chunk: Buffer): boolean }).write(chunk);
  const sink: EventSink = {
    send: (message) => (writable() ? write(frame(protocol, message)) : false),
    onDrain: (listener) => void res.on('drain', listener),
    onClose: (listener) => void res.once('close', listener),
    end: () => {
      if (writable()) res.end();
    },
    get closed() {
      return !writable();
    },
  };
  write(frame(protocol, { kind: 'initial', body: response.initial }));
  response.start(sink);
}
