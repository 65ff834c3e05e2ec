// Tabs with the WAI-ARIA keyboard model: arrows move between tabs, Home/End jump, the panel follows.
import { useRef, type ReactNode } from 'react';

export interface TabSpec<T extends string> {
  id: T;
  label: string;
}

export function Tabs<T extends string>({ tabs, current, onChange, label, children }: { tabs: TabSpec<T>[]; current: T; onChange(id: T): void; label: string; children: ReactNode }) {
  const list = useRef<HTMLDivElement>(null);
  const move = (delta: number | 'first' | 'last') => {
    const index = tabs.findIndex((tab) => tab.id === current);
    const next = delta === 'first' ? 0 : delta === 'last' ? tabs.length - 1 : (index + delta + tabs.length) % tabs.length;
    const tab = tabs[next];
    if (!tab) return;
    onChange(tab.id);
    requestAnimationFrame(() => list.current?.querySelector<HTMLElement>(`[data-tab="${tab.id}"]`)?.focus());
  };
  return (
    <>
      <div
        className="tabs"
        role="tablist"
        aria-label={label}
        ref={list}
        onKeyDown={(event) => {
          const keys: Record<string, number | 'first' | 'last'> = { ArrowRight: 1, ArrowLeft: -1, Home: 'first', End: 'last' };
          const delta = keys[event.key];
          if (delta === undefined) return;
          event.preventDefault();
          move(delta);
        }}
      >
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            data-tab={tab.id}
            aria-selected={tab.id === current}
            aria-controls={`panel-${tab.id}`}
            tabIndex={tab.id === current ? 0 : -1}
            className="tab"
            onClick={() => onChange(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`panel-${current}`} aria-labelledby={`tab-${current}`}>
        {children}
      </div>
    </>
  );
}
