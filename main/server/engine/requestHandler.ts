// One request through the AWS JSON wire: headers → protocol → body → the service its X-Amz-Target names →
// AWS-shaped response.
// The same handler serves HTTP/1.1 and HTTP/2 (through the http2 compatibility API). The order of checks
// follows AWS: method, content type, target, body parse, auth, then the action's own validation.
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { Engine } from '../../engine/core/engine';
import { KinesisError } from '../../engine/core/errors';
import { StreamedResponse } from '../../engine/core/streamedResponse';
import { NO_OUTPUT } from '../../engine/core/wire';
import { sendEventStream } from './eventStreamResponse';
import { AMZ_CBOR, AMZ_JSON, cborProtocol, jsonProtocol, PLAIN_JSON, type Protocol } from './protocol';
import { missingQuerySignatureParts, missingSignatureParts, regionFromScope } from './requestInfo';

/** A bit over what a 10 MiB record needs once base64-encoded in JSON. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** A request whose body has not fully arrived by then is dropped (slowloris). */
export const BODY_TIMEOUT_MS = 30_000;

type Req = IncomingMessage | Http2ServerRequest;
type Res = ServerResponse | Http2ServerResponse;

function header(req: Req, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(res: Res, status: number, body: Buffer | string, contentType?: string): void {
  if (res.writableEnded || res.destroyed) return;
  res.statusCode = status;
  if (contentType) res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', typeof body === 'string' ? Buffer.byteLength(body) : body.length);
  res.end(body);
}

function sendXmlError(res: Res, type: string, message: string | undefined, status: number): void {
  const body = message === undefined ? `<${type}/>\n` : `<${type}>\n  <Message>${message}</Message>\n</${type}>\n`;
  send(res, status, body);
}

function sendError(res: Res, protocol: Protocol, error: KinesisError): void {
  res.setHeader('x-amzn-ErrorType', error.type);
  send(res, error.status, protocol.serialize(error.toBody()), protocol.contentType);
}

function readBody(req: Req, res: Res): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const declared = Number(header(req, 'content-length') ?? 0);
    if (declared > MAX_BODY_BYTES) {
      res.setHeader('Connection', 'close');
      send(res, 413, '');
      req.destroy?.();
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (body: Buffer | undefined) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(body);
    };
    const timer = setTimeout(() => {
      send(res, 408, '');
      req.destroy?.();
      finish(undefined);
    }, BODY_TIMEOUT_MS);
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        res.setHeader('Connection', 'close');
        send(res, 413, '');
        req.destroy?.();
        finish(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
    req.on('error', () => finish(undefined));
    req.on('close', () => finish(undefined));
  });
}

export function createRequestHandler(engine: Engine): (req: Req, res: Res) => void {
  return (req, res) => {
    handle(engine, req, res).catch((error: unknown) => {
      console.error('engine: request failed', error);
      if (!res.headersSent) send(res, 500, JSON.stringify({ __type: 'InternalFailure' }), AMZ_JSON);
    });
  };
}

async function handle(engine: Engine, req: Req, res: Res): Promise<void> {
  const requestId = randomUUID();
  res.setHeader('x-amzn-RequestId', requestId);
  const origin = header(req, 'origin');
  // AWS's x-amz-id-2 is base64 of 72 random bytes (96 characters); a CORS preflight answer carries none.
  if (!(origin && req.method === 'OPTIONS')) res.setHeader('x-amz-id-2', randomBytes(72).toString('base64'));
  if (origin) {
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS') {
      const headers = header(req, 'access-control-request-headers');
      const method = header(req, 'access-control-request-method');
      if (headers) res.setHeader('Access-Control-Allow-Headers', headers);
      if (method) res.setHeader('Access-Control-Allow-Methods', method);
      res.setHeader('Access-Control-Max-Age', 172800);
      send(res, 200, '');
      return;
    }
    res.setHeader('Access-Control-Expose-Headers', 'x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date');
  }

  const body = await readBody(req, res);
  if (body === undefined) return;

  if (req.method !== 'POST') {
    sendXmlError(res, 'AccessDeniedException', 'Unable to determine service/operation name to be authorized', 403);
    return;
  }
  const contentType = (header(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const contentValid = contentType === AMZ_JSON || contentType === AMZ_CBOR || contentType === PLAIN_JSON;
  const [service, operation, ...extra] = (header(req, 'x-amz-target') ?? '').split('.');
  const target = service === undefined || extra.length > 0 ? undefined : engine.service(service);
  const known = target !== undefined && operation !== undefined && target.has(operation);
  // Only signed (AWS) services count here: the admin API answers a request without a body as an unknown operation.
  const operationValid = known && target.signed;
  const protocol = contentType === AMZ_CBOR ? cborProtocol : jsonProtocol;

  if (body.length === 0) {
    const type = operationValid ? 'SerializationException' : 'UnknownOperationException';
    const bodyProtocol = contentType === AMZ_JSON ? jsonProtocol : cborProtocol;
    sendError(res, bodyProtocol, new KinesisError(type));
    return;
  }
  if (!contentValid) {
    if (!service || !operation) {
      sendXmlError(res, 'AccessDeniedException', 'Unable to determine service/operation name to be authorized', 403);
    } else {
      sendXmlError(res, 'UnknownOperationException', undefined, 404);
    }
    return;
  }
  const input = protocol.parse(body);
  if (contentType === PLAIN_JSON) {
    // AWS answers plain application/json in its old coral envelope and never runs the action.
    const type = typeof input === 'object' && input !== null ? 'UnknownOperationException' : 'SerializationException';
    send(res, type === 'UnknownOperationException' ? 404 : 400, JSON.stringify({ Output: { __type: `com.amazon.coral.service#${type}` }, Version: '1.0' }), PLAIN_JSON);
    return;
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    sendError(res, protocol, new KinesisError('SerializationException'));
    return;
  }
  if (known && !target.signed) {
    // The engine's admin API (docs/engine-admin.md): no signature needed; refused from browsers.
    const region = regionFromScope(header(req, 'authorization'), undefined) ?? engine.config.defaultRegion;
    try {
      const result = await target.dispatch(operation, input, { region, requestId, wire: protocol.wire, origin });
      send(res, 200, protocol.serialize(result ?? {}), protocol.contentType);
    } catch (error) {
      if (!(error instanceof KinesisError)) console.error(`engine: admin ${operation} failed`, error);
      sendError(res, protocol, error instanceof KinesisError ? error : new KinesisError('InternalFailure', undefined, 500));
    }
    return;
  }
  if (!operationValid || !target || !operation) {
    sendError(res, protocol, new KinesisError('UnknownOperationException'));
    return;
  }

  const url = req.url ?? '/';
  const query = url.includes('?') ? new URLSearchParams(url.slice(url.indexOf('?') + 1)) : undefined;
  const authorization = header(req, 'authorization');
  const queryAuth = query?.has('X-Amz-Algorithm') ?? false;
  if (authorization && queryAuth) {
    sendError(res, protocol, new KinesisError('InvalidSignatureException', "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.", 400));
    return;
  }
  if (!authorization && !queryAuth) {
    sendError(res, protocol, new KinesisError('MissingAuthenticationTokenException', 'Missing Authentication Token', 400));
    return;
  }
  const missing = authorization
    ? missingSignatureParts(authorization, Boolean(header(req, 'x-amz-date') ?? header(req, 'date')))
    : query && missingQuerySignatureParts(query);
  if (missing) {
    sendError(res, protocol, new KinesisError('IncompleteSignatureException', missing, 400));
    return;
  }

  const region = regionFromScope(authorization, query) ?? engine.config.defaultRegion;
  try {
    const result = await target.dispatch(operation, input, { region, requestId, wire: protocol.wire, origin });
    if (result instanceof StreamedResponse) {
      sendEventStream(res, protocol, result);
      return;
    }
    send(res, 200, result === NO_OUTPUT ? '' : protocol.serialize(result ?? {}), protocol.contentType);
  } catch (error) {
    if (error instanceof KinesisError) {
      sendError(res, protocol, error);
      return;
    }
    console.error(`engine: ${operation} failed`, error);
    sendError(res, protocol, new KinesisError('InternalFailure', undefined, 500));
  }
}
