// Whether an element is on screen or near it, so a page of many charts draws only those that can be seen: the rest
// keep their place (a box of the same height) and draw when scrolled to.
import { useLayoutEffect, useState, type RefObject } from 'react';

/** How far outside the scrolled view a chart is still drawn, so a short scroll finds it ready. */
const MARGIN_PX = 300;

export function useNearView(ref: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // What is in view now is known before the first paint and drawn in that frame; the observer then draws what
    // comes near as the page scrolls (and what is just below the fold, a moment later).
    const box = el.getBoundingClientRect();
    if (box.top < window.innerHeight && box.bottom > 0) setNear(true);
    const observer = new IntersectionObserver(([entry]) => setNear(entry?.isIntersecting ?? false), { rootMargin: `${MARGIN_PX}px 0px` });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return near;
}
