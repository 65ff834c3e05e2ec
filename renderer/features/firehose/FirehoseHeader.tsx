// The Firehose screen's title row, with the actions of the list or of one delivery stream beside it.
import type { ReactNode } from 'react';

export function FirehoseHeader({ subtitle, children }: { subtitle: string; children?: ReactNode }) {
  return (
    <header className="screen-header screen-header-row">
      <div>
        <h1 id="screen-title" tabIndex={-1}>
          Firehose
        </h1>
        <p>{subtitle}</p>
      </div>
      {children ? <div className="header-actions">{children}</div> : null}
    </header>
  );
}
