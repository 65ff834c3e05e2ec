// The Metrics screen's keys, while no field has the focus: 1–4 pick 15 min / 1 h / 6 h / 24 h, C a custom range,
// L live following on or off, Esc resets the zoom (then the shard), R reads again.
import { useEffect } from 'react';
import { metricsUi, patchMetricsUi, pickRange, RANGES, toggleLive } from './metricsUi';

function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.closest('dialog') !== null);
}

export function useMetricsKeyboard(reload: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      const ui = metricsUi.get();
      const preset = RANGES.find((r) => r.key === event.key);
      if (preset) pickRange(preset.id);
      else if (event.key === 'c' || event.key === 'C') pickRange('custom');
      else if (event.key === 'l' || event.key === 'L') toggleLive();
      else if (event.key === 'r' || event.key === 'R') reload();
      else if (event.key === 'Escape' && (ui.zoom || ui.shard)) patchMetricsUi(ui.zoom ? { zoom: null } : { shard: null });
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [reload]);
}
