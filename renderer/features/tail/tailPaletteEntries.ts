// The tailer's command-palette entries: each opens the Tail screen and asks it to carry the action out.
import type { PaletteSource } from '../../state/palette';
import { requestTail, type TailAction } from './tailUi';

const commands: { id: string; label: string; hint: string; action: TailAction }[] = [
  { id: 'tail-toggle', label: 'Start or stop tailing', hint: 'Ctrl+Enter', action: 'toggle' },
  { id: 'tail-pause', label: 'Pause or resume the tail', hint: 'Space', action: 'pause' },
  { id: 'tail-filter', label: 'Filter the tail', hint: '/', action: 'filter' },
  { id: 'tail-follow', label: 'Follow the newest row', hint: 'F', action: 'follow' },
  { id: 'tail-permalink', label: 'Copy the selected record’s permalink', hint: 'L', action: 'permalink' },
  { id: 'tail-export', label: 'Export tail rows (NDJSON or CSV)…', hint: 'E', action: 'export' },
  { id: 'tail-import', label: 'Import NDJSON into a stream…', hint: 'I', action: 'import' },
  { id: 'tail-replay', label: 'Replay a range into another stream…', hint: 'R', action: 'replay' },
];

export const tailPaletteEntries: PaletteSource = {
  id: 'tail',
  entries: () => commands.map((c) => ({ id: c.id, label: c.label, group: 'Tail', hint: c.hint, run: () => requestTail(c.action) })),
};
