// The width of an element as it changes (charts pick how many points to keep from it).
import { useCallback, useState } from 'react';

/** The last width measured: an element shown again (another stream) starts from it rather than a guess. */
let lastWidth = 600;

export function useWidth<T extends HTMLElement>(): [(el: T | null) => (() => void) | undefined, number] {
  const [width, setWidth] = useState(lastWidth);
  const ref = useCallback((el: T | null) => {
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      lastWidth = Math.round(entry.contentRect.width);
      setWidth(lastWidth);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
