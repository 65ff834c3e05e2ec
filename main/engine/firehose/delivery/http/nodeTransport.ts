// The network for HTTP destinations: node:http(s), one request per call, no redirects followed (a 3xx is an
// answer like any other), a response size cap, and a timeout; failures map to Firehose's connection error codes.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { TransportError, type HttpTransport, type IncomingResponse } from '../sink';

/** Firehose reads at most 1 MiB of a response. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

export function nodeHttpTransport(options: { rejectUnauthorized?: boolean } = {}): HttpTransport {
  return {
    send(req) {
      return new Promise<IncomingResponse>((resolve, reject) => {
        const url = new URL(req.url);
        const make = url.protocol === 'https:' ? httpsRequest : httpRequest;
        const outgoing = make(url, {
          method: req.method,
          headers: { ...req.headers, 'Content-Length': String(req.body.length) },
          timeout: req.timeoutMs,
          ...(url.protocol === 'https:' ? { rejectUnauthorized: options.rejectUnauthorized ?? true } : {}),
        }, (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_RESPONSE_BYTES) {
              res.destroy();
              reject(new TransportError('ResponseTooLarge', `The response is larger than ${MAX_RESPONSE_BYTES} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => {
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
            resolve({ status: res.statusCode ?? 0, headers, body: new Uint8Array(Buffer.concat(chunks)) });
          });
          res.on('error', (error) => reject(new TransportError('ConnectionReset', error.message)));
        });
        outgoing.on('timeout', () => {
          outgoing.destroy();
          reject(new TransportError('RequestTimeout', `No response within ${req.timeoutMs} ms`));
        });
        outgoing.on('error', (error: NodeJS.ErrnoException) => {
          reject(new TransportError(error.code === 'ECONNRESET' ? 'ConnectionReset' : 'ConnectionFailed', error.message));
        });
        outgoing.end(req.body);
      });
    },
  };
}
