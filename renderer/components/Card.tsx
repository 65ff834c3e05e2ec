import type { ReactNode } from 'react';

export function Card({ id, title, children, aside, wide }: { id: string; title: string; children: ReactNode; aside?: ReactNode; wide?: boolean }) {
  return (
    <section className={wide ? 'card card-wide' : 'card'} aria-labelledby={`${id}-title`} data-testid={id}>
      <header className="card-header">
        <h2 id={`${id}-title`}>{title}</h2>
        {aside}
      </header>
      {children}
    </section>
  );
}

export function Facts({ rows }: { rows: [label: string, value: ReactNode, testId?: string][] }) {
  return (
    <dl className="facts">
      {rows.map(([label, value, testId]) => (
        <div className="fact" key={label}>
          <dt>{label}</dt>
          <dd data-testid={testId}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
