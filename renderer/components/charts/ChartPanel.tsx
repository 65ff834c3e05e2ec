// One chart with its title, a one-line summary, and its exports: the data as CSV, the picture as PNG (to the
// clipboard, or as a download when the clipboard refuses, saying why).
import { useRef, useState, type ReactNode } from 'react';
import { copyPng, downloadBlob, elementPng, exportName, toCsv } from './chartExport';
import { useNearView } from './useNearView';

export interface ChartCsv {
  header: string[];
  rows: (string | number | null)[][];
}

/** `height` is the chart's: while the panel is far from view the chart is not drawn and a box that tall holds its place. */
export function ChartPanel({ id, title, summary, fileParts, csv, children, aside, height }: { id: string; title: string; summary?: ReactNode; fileParts: readonly string[]; csv(): ChartCsv; children: ReactNode; aside?: ReactNode; height: number }) {
  const body = useRef<HTMLElement>(null);
  const near = useNearView(body);
  const [notice, setNotice] = useState<{ text: string; png?: Blob } | null>(null);
  const [busy, setBusy] = useState(false);

  const saveCsv = () => {
    const { header, rows } = csv();
    downloadBlob(new Blob([toCsv(header, rows)], { type: 'text/csv' }), exportName([...fileParts, id], 'csv'));
    setNotice({ text: `Saved ${rows.length.toLocaleString()} rows as CSV.` });
  };
  const copy = async () => {
    if (!body.current || busy) return;
    setBusy(true);
    try {
      // The picture is the title, the summary and the chart, without the buttons.
      const png = await elementPng(body.current, (node) => !(node instanceof HTMLElement && node.dataset.noExport !== undefined));
      const outcome = await copyPng(png);
      setNotice(outcome.copied ? { text: 'Copied the chart as PNG.' } : { text: `${outcome.reason} Save it as a file instead.`, png });
    } catch (error) {
      setNotice({ text: `The chart could not be drawn as an image: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section ref={body} className="chart-panel" aria-labelledby={`${id}-title`} data-testid={`chart-${id}`}>
      <header className="chart-panel-header">
        <div className="chart-panel-titles">
          <h3 id={`${id}-title`}>{title}</h3>
          {summary ? <p className="chart-panel-summary">{summary}</p> : null}
        </div>
        <div className="chart-panel-actions" data-no-export="">
          {aside}
          <button type="button" className="button button-small" onClick={saveCsv} title="Save this chart's data as a CSV file" aria-label={`Export ${title} as CSV`}>
            CSV
          </button>
          <button type="button" className="button button-small" onClick={() => void copy()} disabled={busy} title="Copy this chart to the clipboard as a PNG image" aria-label={`Copy ${title} as PNG`}>
            {busy ? 'Copying…' : 'Copy PNG'}
          </button>
        </div>
      </header>
      <div className="chart-panel-body" style={{ minHeight: height }}>
        {near ? children : null}
      </div>
      {notice ? (
        <p className="chart-panel-notice small" role="status" data-no-export="">
          {notice.text}{' '}
          {notice.png ? (
            <button type="button" className="link-button" onClick={() => (downloadBlob(notice.png as Blob, exportName([...fileParts, id], 'png')), setNotice({ text: 'Saved the chart as a PNG file.' }))}>
              Save PNG
            </button>
          ) : null}
          <button type="button" className="link-button" onClick={() => setNotice(null)} aria-label="Dismiss">
            ✕
          </button>
        </p>
      ) : null}
    </section>
  );
}
