// A bar with one draggable split point, for choosing where to cut a range: the handle is a slider (pointer drag,
// arrow keys, Page Up/Down, Home/End) over a fraction 0..1 of the bar; marks show where weights sit (e.g. hot
// partition keys), so the user sees what moves from one side to the other. The caller maps fractions to values.
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export interface SliderMark {
  fraction: number;
  /** 0..1: drawn taller and darker the heavier it is. */
  weight: number;
  title: string;
}

const STEP = 0.01;
const FINE_STEP = 0.001;
const PAGE_STEP = 0.1;

const clamp = (f: number) => Math.min(1, Math.max(0, f));

export function SplitSlider({ fraction, onChange, label, valueText, marks, lowerLabel, upperLabel, testId }: {
  fraction: number;
  onChange(fraction: number): void;
  label: string;
  /** What a screen reader announces for the handle's position. */
  valueText: string;
  marks: readonly SliderMark[];
  lowerLabel: string;
  upperLabel: string;
  testId?: string;
}) {
  const bar = useRef<HTMLDivElement>(null);
  const fromPointer = (event: PointerEvent) => {
    const rect = bar.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return;
    onChange(clamp((event.clientX - rect.left) / rect.width));
  };
  const onKey = (event: KeyboardEvent) => {
    const step = event.shiftKey ? FINE_STEP : STEP;
    const moves: Record<string, number> = { ArrowRight: step, ArrowUp: step, ArrowLeft: -step, ArrowDown: -step, PageUp: PAGE_STEP, PageDown: -PAGE_STEP };
    if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      onChange(event.key === 'Home' ? 0 : 1);
      return;
    }
    const delta = moves[event.key];
    if (delta === undefined) return;
    event.preventDefault();
    onChange(clamp(fraction + delta));
  };
  const percent = `${(clamp(fraction) * 100).toFixed(3)}%`;
  return (
    <div className="split-slider" data-testid={testId}>
      <div
        className="split-slider-bar"
        ref={bar}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          fromPointer(event);
        }}
        onPointerMove={(event) => {
          if (event.currentTarget.hasPointerCapture(event.pointerId)) fromPointer(event);
        }}
      >
        <div className="split-slider-lower" style={{ width: percent }}>
          <span>{lowerLabel}</span>
        </div>
        <div className="split-slider-upper" style={{ left: percent }}>
          <span>{upperLabel}</span>
        </div>
        {marks.map((mark, i) => (
          <span key={i} className="split-slider-mark" style={{ left: `${clamp(mark.fraction) * 100}%`, height: `${30 + 70 * clamp(mark.weight)}%`, opacity: 0.35 + 0.65 * clamp(mark.weight) }} title={mark.title} aria-hidden="true" />
        ))}
        <div
          className="split-slider-handle"
          style={{ left: percent }}
          role="slider"
          tabIndex={0}
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Number((clamp(fraction) * 100).toFixed(3))}
          aria-valuetext={valueText}
          aria-keyshortcuts="ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight PageUp PageDown Home End"
          onKeyDown={onKey}
          data-testid={testId ? `${testId}-handle` : undefined}
        />
      </div>
    </div>
  );
}
