// Pretty JSON that folds: objects and arrays are <details> (open at first), so keyboard and screen readers
// fold them like any disclosure.
import type { ReactNode } from 'react';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function scalar(value: Json): ReactNode {
  if (value === null) return <span className="jt-null">null</span>;
  if (typeof value === 'string') return <span className="jt-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="jt-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="jt-bool">{String(value)}</span>;
  return null;
}

function Node({ name, value, last }: { name: string | null; value: Json; last: boolean }): ReactNode {
  const label = name === null ? null : <span className="jt-key">{JSON.stringify(name)}: </span>;
  const comma = last ? '' : ',';
  if (value === null || typeof value !== 'object') {
    return (
      <div className="jt-line">
        {label}
        {scalar(value)}
        {comma}
      </div>
    );
  }
  const entries: [string | null, Json][] = Array.isArray(value) ? value.map((v) => [null, v]) : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div className="jt-line">
        {label}
        {open}
        {close}
        {comma}
      </div>
    );
  }
  return (
    <details open className="jt-node">
      <summary className="jt-line">
        {label}
        {open}
        <span className="jt-fold">
          {' '}
          {entries.length} {Array.isArray(value) ? (entries.length === 1 ? 'item' : 'items') : entries.length === 1 ? 'key' : 'keys'} {close}
          {comma}
        </span>
      </summary>
      <div className="jt-children">
        {entries.map(([k, v], i) => (
          <Node key={i} name={k} value={v} last={i === entries.length - 1} />
        ))}
      </div>
      <div className="jt-line">
        {close}
        {comma}
      </div>
    </details>
  );
}

/** The parsed value, or null when the text is not (complete) JSON. */
export function parseJson(text: string): { value: Json } | null {
  try {
    return { value: JSON.parse(text) as Json };
  } catch {
    return null;
  }
}

export function JsonTree({ value }: { value: Json }) {
  return (
    <div className="json-tree" data-testid="json-tree">
      <Node name={null} value={value} last />
    </div>
  );
}
