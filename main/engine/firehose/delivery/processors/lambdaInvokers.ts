// How a Lambda processor reaches its function. One interface, two implementations: a real function through
// @aws-sdk/client-lambda (AWS, LocalStack, any endpoint the connection names), and a local JavaScript module run in
// a worker thread with Lambda's handler signature and a timeout.
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

export interface LambdaInvocation {
  /** The function's answer, when it answered. */
  payload?: Uint8Array;
  /** Set when the function failed (Lambda's FunctionError); the message is in `errorMessage`. */
  functionError?: string;
  errorMessage?: string;
}

export interface LambdaInvoker {
  invoke(functionArn: string, payload: Uint8Array): Promise<LambdaInvocation>;
}

export function sdkLambdaInvoker(client: LambdaClient): LambdaInvoker {
  return {
    async invoke(functionArn, payload) {
      const out = await client.send(new InvokeCommand({ FunctionName: functionArn, InvocationType: 'RequestResponse', Payload: payload }));
      const result: LambdaInvocation = {};
      if (out.Payload) result.payload = out.Payload;
      if (out.FunctionError) {
        result.functionError = out.FunctionError;
        result.errorMessage = out.Payload ? new TextDecoder().decode(out.Payload) : out.FunctionError;
      }
      return result;
    },
  };
}

// The worker runs the module's `handler(event, context)` (async or callback style) once and posts the JSON result.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  try {
    const mod = await import(workerData.moduleUrl);
    const handler = mod.handler ?? mod.default?.handler ?? mod.default;
    if (typeof handler !== 'function') throw new Error('the module exports no handler function');
    const event = JSON.parse(workerData.event);
    const context = { functionName: workerData.functionName, invokedFunctionArn: workerData.functionArn, awsRequestId: workerData.requestId,
      getRemainingTimeInMillis: () => Math.max(0, workerData.deadline - Date.now()) };
    const result = await new Promise((resolve, reject) => {
      const maybe = handler(event, context, (err, value) => (err ? reject(err) : resolve(value)));
      if (maybe && typeof maybe.then === 'function') maybe.then(resolve, reject);
    });
    parentPort.postMessage({ ok: true, payload: JSON.stringify(result ?? null) });
  } catch (error) {
    parentPort.postMessage({ ok: false, errorType: error && error.name || 'Error', errorMessage: String(error && error.message || error) });
  }
})();
`;

/** A local module as the function: a fresh worker per invocation, terminated when `timeoutMs` passes. */
export function moduleLambdaInvoker(modulePath: string, options: { timeoutMs: number }): LambdaInvoker {
  const moduleUrl = pathToFileURL(modulePath).href;
  return {
    invoke(functionArn, payload) {
      return new Promise((resolve) => {
        const worker = new Worker(WORKER_SOURCE, {
          eval: true,
          workerData: { moduleUrl, event: new TextDecoder().decode(payload), functionArn, functionName: functionArn.split(':').pop(), requestId: crypto.randomUUID(), deadline: Date.now() + options.timeoutMs },
        });
        let settled = false;
        const finish = (result: LambdaInvocation) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          void worker.terminate();
          resolve(result);
        };
        const timer = setTimeout(() => finish({ functionError: 'Unhandled', errorMessage: `Task timed out after ${(options.timeoutMs / 1000).toFixed(2)} seconds` }), options.timeoutMs);
        worker.once('message', (m: { ok: boolean; payload?: string; errorType?: string; errorMessage?: string }) => {
          if (m.ok) finish({ payload: new TextEncoder().encode(m.payload ?? 'null') });
          else finish({ functionError: 'Unhandled', errorMessage: JSON.stringify({ errorType: m.errorType, errorMessage: m.errorMessage }) });
        });
        worker.once('error', (error) => finish({ functionError: 'Unhandled', errorMessage: error.message }));
        // A handler whose promise never settles lets the worker's event loop drain: Lambda would wait for the
        // timeout, and so do we. A non-zero exit is a crash, reported at once.
        worker.once('exit', (code) => {
          if (code !== 0) finish({ functionError: 'Unhandled', errorMessage: `The function's process exited with code ${code} before answering` });
        });
      });
    },
  };
}
