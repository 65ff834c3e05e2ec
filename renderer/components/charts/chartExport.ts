// A chart's data as CSV, and its picture as PNG: saved through the browser's download (the desktop app asks where
// to save), copied to the clipboard where the page may write images. A refused clipboard is not an error the user
// can fix in the moment, so the caller offers the download instead and says why.
import { toBlob } from 'html-to-image';

export { downloadBlob } from '../download';

/** RFC 4180 CSV: a header row, then one row per entry; fields quoted when they hold a comma, quote or newline. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const field = (v: string | number | null) => {
    if (v === null) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

/** A file name safe on every OS, from parts and the current time. */
export function exportName(parts: readonly string[], ext: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return `${[...parts, stamp].join('-').replace(/[^A-Za-z0-9._-]+/g, '_')}.${ext}`;
}

/** The element as a PNG, on the page's own background (a transparent PNG is unreadable in a dark editor). */
export async function elementPng(element: HTMLElement, keep?: (node: HTMLElement) => boolean): Promise<Blob> {
  const background = getComputedStyle(document.documentElement).getPropertyValue('--surface').trim() || '#ffffff';
  const blob = await toBlob(element, { backgroundColor: background, pixelRatio: Math.min(2, window.devicePixelRatio || 1), cacheBust: false, ...(keep ? { filter: keep } : {}) });
  if (!blob) throw new Error('The chart could not be drawn as an image.');
  return blob;
}

export type CopyOutcome = { copied: true } | { copied: false; reason: string };

/** Writes a PNG to the clipboard; says why not when the page may not. */
export async function copyPng(blob: Blob): Promise<CopyOutcome> {
  if (typeof ClipboardItem === 'undefined' || !navigator.clipboard?.write) {
    return { copied: false, reason: 'This window cannot put images on the clipboard.' };
  }
  try {
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
    return { copied: true };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { copied: false, reason: `The clipboard refused the image (${why}).` };
  }
}
