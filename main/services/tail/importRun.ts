// Runs an import into a stream: NDJSON lines (see importer.ts) from a file on this machine (tail.importFile,
// with progress while it runs and a final report), or from one chunk the renderer read from a browser File
// (tail.importChunk, answered with the chunk's report).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import type { TailImportChunkParams, TailImportChunkResult, TailImportFileParams, WriteItem } from '../../../shared/contract/tail';
import { importLines } from './importer';
import { openTargetWriter, WRITE_PROGRESS_MS } from './targetWriter';
import type { SessionConnection } from './tailSession';

const importing = (stream: string) => `import records into ${stream}`;

export async function importFile(
  jobId: string,
  params: z.output<typeof TailImportFileParams>,
  target: SessionConnection,
  signal: AbortSignal,
  send: (item: WriteItem) => Promise<void>,
): Promise<void> {
  const startedAt = Date.now();
  const writer = await openTargetWriter(target, params.target.stream, params.target.confirmAccountId, importing(params.target.stream), signal);
  await send(writer.progress(jobId));
  let next = Date.now() + WRITE_PROGRESS_MS;
  let error: unknown = null;
  try {
    const lines = createInterface({ input: createReadStream(params.path, 'utf8'), crlfDelay: Infinity });
    await importLines(lines, 1, writer, signal, async () => {
      if (Date.now() < next) return;
      next = Date.now() + WRITE_PROGRESS_MS;
      await send(writer.progress(jobId));
    });
  } catch (e) {
    error = e;
    await writer.flush().catch(() => undefined);
  }
  await send(writer.report(jobId, error !== null ? 'failed' : signal.aborted ? 'cancelled' : 'completed', error, startedAt));
}

export async function importChunk(
  params: z.output<typeof TailImportChunkParams>,
  target: SessionConnection,
  signal: AbortSignal,
): Promise<z.output<typeof TailImportChunkResult>> {
  const writer = await openTargetWriter(target, params.target.stream, params.target.confirmAccountId, importing(params.target.stream), signal);
  await importLines(params.ndjson.split(/\r?\n/), params.firstLine, writer, signal);
  const { read, sent, acknowledged, failed, failures, failedListTruncated, error } = writer.report('', 'completed', null, Date.now());
  return { read, sent, acknowledged, failed, failures, failedListTruncated, error };
}
