// Which rows of a fixed-height list are on screen, so only those are rendered (a few spare above and below).
import { useLayoutEffect, useState, type RefObject } from 'react';

const OVERSCAN = 6;

export interface VirtualWindow {
  start: number;
  end: number;
}

export function useVirtualWindow(viewport: RefObject<HTMLElement | null>, count: number, rowHeight: number): VirtualWindow {
  const [box, setBox] = useState({ top: 0, height: 600 });
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const measure = () => setBox((old) => (old.top === el.scrollTop && old.height === el.clientHeight ? old : { top: el.scrollTop, height: el.clientHeight }));
    // The observer reports the first size at once, then every resize.
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    el.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', measure);
    };
  }, [viewport]);
  const first = Math.floor(box.top / rowHeight);
  const start = Math.max(0, Math.min(first, count) - OVERSCAN);
  const end = Math.min(count, first + Math.ceil(box.height / rowHeight) + OVERSCAN);
  return { start, end };
}
