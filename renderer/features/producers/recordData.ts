// Checks record data as the user types it, so only valid JSON or base64 is ever sent.
import type { RecordDataInput } from '../../../shared/contract/producers';

/** The web host's frames are at most 1 MiB, so a file (sent as base64, a third larger) is capped below that. */
export const MAX_FILE_BYTES = 512 * 1024;

export type DataFormat = 'text' | 'json' | 'base64' | 'file';

export function dataProblem(format: DataFormat, value: string): string | null {
  if (format === 'json') {
    if (value.trim() === '') return 'Type a JSON value, e.g. {"event": "click"}.';
    try {
      JSON.parse(value);
      return null;
    } catch (error) {
      return `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  if (format === 'base64') {
    const compact = value.replace(/\s+/g, '');
    if (compact === '') return 'Type base64 data, e.g. aGVsbG8=.';
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return 'Not valid base64: use A–Z, a–z, 0–9, + and /, padded with = to a multiple of 4 characters.';
    return null;
  }
  if (format === 'file') return value === '' ? 'Choose a file.' : null;
  return null;
}

export function toDataInput(format: DataFormat, value: string): RecordDataInput {
  if (format === 'file') return { format: 'base64', value };
  if (format === 'base64') return { format, value: value.replace(/\s+/g, '') };
  return { format, value };
}

/** Bytes the record's data will have once decoded. */
export function dataBytes(format: DataFormat, value: string): number {
  if (format === 'file' || format === 'base64') {
    const compact = value.replace(/\s+/g, '');
    return Math.floor((compact.length * 3) / 4) - (compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0);
  }
  return new TextEncoder().encode(value).length;
}

/** Reads a file as base64 in the window (no path ever goes to main). */
export function readFileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}
