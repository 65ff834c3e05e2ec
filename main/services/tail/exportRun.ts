// Runs an export: rows to text, written to a file in main (Electron: the path from the save dialog) or sent back
// in chunks for a browser download (web mode), with progress items along the way.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { TailExportItem, TailExportParams } from '../../../shared/contract/tail';
import type { z } from 'zod';
import { exportHeader, exportLine, selectRows } from './exporter';
import type { TailSession } from './tailSession';

/** Characters per chunk item: JSON escaping can grow text up to 6 times, and a frame is at most 1 MiB. */
export const CHUNK_CHARS = 128 * 1024;
const PROGRESS_EVERY = 1000;

export async function runExport(session: TailSession, params: z.output<typeof TailExportParams>, send: (item: TailExportItem) => Promise<void>, signal: AbortSignal): Promise<void> {
  const rows = selectRows(session, params.selection.kind === 'all' ? null : params.selection.ids);
  const file = params.destination.kind === 'file' ? createWriteStream(params.destination.path, { flags: 'w' }) : null;
  const failed = file ? once(file, 'error').then(([e]) => { throw e; }) : null;
  failed?.catch(() => undefined);
  let pending = '';
  let chunkIndex = 0;
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (file) {
      if (!file.write(text)) await Promise.race([once(file, 'drain'), failed]);
      return;
    }
    pending += text;
    while (pending.length >= CHUNK_CHARS) {
      await send({ type: 'chunk', index: chunkIndex++, text: pending.slice(0, CHUNK_CHARS) });
      pending = pending.slice(CHUNK_CHARS);
    }
  };
  try {
    await write(exportHeader(params.format));
    await send({ type: 'progress', done: 0, total: rows.length, bytes });
    for (let i = 0; i < rows.length && !signal.aborted; i++) {
      const row = rows[i];
      if (row) await write(await exportLine(session, row, params.format));
      if ((i + 1) % PROGRESS_EVERY === 0) await send({ type: 'progress', done: i + 1, total: rows.length, bytes });
    }
    if (pending.length > 0) await send({ type: 'chunk', index: chunkIndex++, text: pending });
    if (file) {
      file.end();
      await Promise.race([once(file, 'finish'), failed]);
    }
    await send({ type: 'progress', done: rows.length, total: rows.length, bytes });
    await send({ type: 'done', records: rows.length, bytes, path: params.destination.kind === 'file' ? params.destination.path : null });
  } finally {
    if (file && !file.closed) file.destroy();
  }
}
