// app://shardscope/… serves the built renderer from disk with a strict CSP. The page has no network access at all:
// it reaches main only through the preload bridge.
import { readFile } from 'node:fs/promises';
import { contentTypeFor, resolveStaticPath } from '../server/webHostStatic';
import { APP_HOST } from './ipcBridge';

export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export type ReadFile = (file: string) => Promise<Uint8Array>;

export function createAppProtocolHandler(rendererDir: string, read: ReadFile = readFile): (request: Request) => Promise<Response> {
  return async (request) => {
    const headers = { 'Content-Security-Policy': APP_CSP, 'X-Content-Type-Options': 'nosniff' };
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.host !== APP_HOST) return new Response('Not found', { status: 404, headers });
    const file = resolveStaticPath(rendererDir, url.pathname);
    if (!file) return new Response('Not found', { status: 404, headers });
    try {
      const body = await read(file);
      return new Response(new Uint8Array(body), { status: 200, headers: { ...headers, 'Content-Type': contentTypeFor(file) } });
    } catch {
      return new Response('Not found', { status: 404, headers });
    }
  };
}
