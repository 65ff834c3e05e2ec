// The result rows, newest window last, only the rows on screen in the DOM. Follows the newest row until the user
// scrolls up. Row keys are window and group, so a re-emitted group replaces its row in place.
import { useLayoutEffect, useRef, useState } from 'react';
import { useVirtualWindow } from '../../components/useVirtualWindow';
import { rowtimeColumnNeeded } from './exportResults';
import { formatClock, formatValue } from './resultFormat';
import { isNumeric, isTimestamp, typeText, type ResultColumn, type ResultRow } from './resultTable';

const ROW_HEIGHT = 28;

export function ResultsTable({ columns, rows }: { columns: readonly ResultColumn[]; rows: readonly ResultRow[] }) {
  const viewport = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  const { start, end } = useVirtualWindow(viewport, rows.length, ROW_HEIGHT);
  const withTime = rowtimeColumnNeeded(columns);
  const template = `${withTime ? 'minmax(96px, 0.8fr) ' : ''}${columns.map((c) => (isNumeric(c) ? 'minmax(72px, 0.7fr)' : isTimestamp(c) ? 'minmax(96px, 0.8fr)' : 'minmax(96px, 1fr)')).join(' ')}`;

  useLayoutEffect(() => {
    const el = viewport.current;
    if (el && following) el.scrollTop = el.scrollHeight;
  }, [rows, rows.length, following]);

  return (
    <div className="results-table" role="grid" aria-label="Result rows" aria-rowcount={rows.length + 1} data-testid="results-table" data-count={rows.length}>
      <div className="rt-row rt-head" role="row" style={{ gridTemplateColumns: template }}>
        {withTime ? (
          <span role="columnheader" className="rt-cell" title="The row's time: the window end for a window row">
            ROWTIME
          </span>
        ) : null}
        {columns.map((c) => (
          <span key={`${c.name}-${columns.indexOf(c)}`} role="columnheader" className={`rt-cell${isNumeric(c) ? ' rt-num' : ''}`} title={typeText(c)}>
            {c.name}
          </span>
        ))}
      </div>
      <div
        className="rt-viewport"
        ref={viewport}
        tabIndex={0}
        aria-label="Result rows, scroll to read older windows"
        onScroll={(e) => {
          const el = e.currentTarget;
          setFollowing(el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT);
        }}
      >
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {rows.slice(start, end).map((row, i) => (
            <div key={start + i} className="rt-row" role="row" aria-rowindex={start + i + 2} style={{ gridTemplateColumns: template, transform: `translateY(${(start + i) * ROW_HEIGHT}px)` }}>
              {withTime ? (
                <span role="gridcell" className="rt-cell rt-time" title={new Date(row.rowtime).toISOString()}>
                  {formatClock(row.rowtime)}
                </span>
              ) : null}
              {columns.map((c, j) => (
                <span key={j} role="gridcell" className={`rt-cell${isNumeric(c) ? ' rt-num' : ''}`}>
                  {formatValue(row.values[j] ?? null, c)}
                </span>
              ))}
            </div>
          ))}
        </div>
      </div>
      {!following && rows.length > 0 ? (
        <button type="button" className="button rt-follow" onClick={() => setFollowing(true)}>
          Follow the newest window
        </button>
      ) : null}
    </div>
  );
}
