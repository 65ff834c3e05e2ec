// How a decoded row is shown: a one-line preview for the table, and the full view (pretty JSON, text, or a hex
// dump) for the detail pane, cut to the first 64 KiB with plain wording about the rest, or fetched whole in
// 512 KiB slices (a frame is at most 1 MiB).
import { formatBytes, hexDump, hexPreview } from '../../../shared/domain/hexDump';
import type { DecodedRow } from './decoders';

export const PREVIEW_CHARS = 200;
export const VIEW_CAP = 64 * 1024;
export const SLICE_CAP = 512 * 1024;
const SLICE_WIRE_BYTES = 700 * 1024;

export function previewOf(row: DecodedRow): string {
  switch (row.view.kind) {
    case 'json':
      return clip(compactJson(row));
    case 'text':
      return clip(row.view.text.slice(0, PREVIEW_CHARS * 2).replace(/\s+/g, ' '));
    case 'binary':
      return hexPreview(row.decoded, 64);
  }
}

function compactJson(row: DecodedRow): string {
  // Stringifying a 10 MiB document for 200 characters is waste: cut the source text instead when it is big.
  if (row.decoded.length > 16 * 1024) return new TextDecoder().decode(row.decoded.subarray(0, PREVIEW_CHARS * 4)).replace(/\s+/g, ' ');
  return JSON.stringify(row.view.kind === 'json' ? row.view.value : null) ?? 'undefined';
}

function clip(text: string): string {
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
}

export function fullView(row: DecodedRow): string {
  switch (row.view.kind) {
    case 'json':
      return JSON.stringify(row.view.value, null, 2) ?? 'undefined';
    case 'text':
      return row.view.text;
    case 'binary':
      return hexDump(row.decoded);
  }
}

export interface ViewSlice {
  view: string;
  offset: number;
  viewLength: number;
  truncated: boolean;
  hiddenNote: string | null;
  nextOffset: number | null;
}

/** `size` is the row's data in bytes, named in the note next to the view's own length in characters. */
export function sliceView(text: string, all: boolean, offset: number, size: number): ViewSlice {
  const cap = all ? SLICE_CAP : VIEW_CAP;
  const from = all ? Math.min(offset, text.length) : 0;
  let view = text.slice(from, from + cap);
  // A frame is at most 1 MiB: non-ASCII text (3 bytes a character) or control characters (6 escaped) can make a
  // slice of characters too big on the wire, so halve it until it fits.
  while (all && view.length > 1024 && Buffer.byteLength(JSON.stringify(view)) > SLICE_WIRE_BYTES) view = view.slice(0, Math.ceil(view.length / 2));
  const end = from + view.length;
  const truncated = from > 0 || end < text.length;
  let hiddenNote: string | null = null;
  if (!all && end < text.length) {
    const n = (x: number) => x.toLocaleString('en-US');
    hiddenNote = `Showing the first ${n(end)} of ${n(text.length)} characters (the data is ${formatBytes(size)}). The other ${n(text.length - end)} characters are hidden; show all to see them.`;
  } else if (all && truncated) {
    hiddenNote = `Characters ${from.toLocaleString('en-US')} to ${end.toLocaleString('en-US')} of ${text.length.toLocaleString('en-US')}.`;
  }
  return { view, offset: from, viewLength: text.length, truncated, hiddenNote, nextOffset: end < text.length && all ? end : null };
}
