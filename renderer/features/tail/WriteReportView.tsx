// The final report of an import or replay into a stream.
import type { WriteReport } from '../../../shared/contract/tail';
import { errorFromShape } from '../../api/errors';
import { ErrorNote } from '../../components/ErrorNote';

export type Counts = Pick<WriteReport, 'read' | 'sent' | 'acknowledged' | 'failed'>;

/** The exact final report of an import or replay: the counts, and every failure main listed. */
export function WriteReportView({ report, what }: { report: Counts & { failures: WriteReport['failures']; failedListTruncated: boolean; state?: WriteReport['state']; error?: WriteReport['error']; elapsedMs?: number }; what: string }) {
  const words = report.state === 'cancelled' ? 'Cancelled' : report.state === 'failed' ? 'Stopped by an error' : 'Done';
  return (
    <div className="stack" data-testid="write-report">
      <p className={report.failed > 0 || report.state === 'failed' ? 'td-problem' : 'notice'}>
        {words}: {report.read.toLocaleString()} {what} read, {report.sent.toLocaleString()} sent, {report.acknowledged.toLocaleString()} written,{' '}
        {report.failed.toLocaleString()} failed{report.elapsedMs !== undefined ? ` in ${(report.elapsedMs / 1000).toFixed(1)} s` : ''}.
      </p>
      {report.error ? <ErrorNote error={errorFromShape(report.error)} title="The job stopped" /> : null}
      {report.failures.length > 0 ? (
        <div className="tail-failures">
          <table className="table">
            <thead>
              <tr>
                <th>{report.failures[0]?.line !== null ? 'Line' : 'Source record'}</th>
                <th>Partition key</th>
                <th>Code</th>
                <th>Message</th>
              </tr>
            </thead>
            <tbody>
              {report.failures.map((f, i) => (
                <tr key={i}>
                  <td className="mono">{f.line ?? `${f.shardId ?? ''} ${f.sequenceNumber ?? ''}`}</td>
                  <td className="mono">{f.partitionKey ?? '—'}</td>
                  <td className="mono">{f.code}</td>
                  <td>{f.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.failedListTruncated ? <p className="small muted">Only the first {report.failures.length.toLocaleString()} failures are listed.</p> : null}
        </div>
      ) : null}
    </div>
  );
}
