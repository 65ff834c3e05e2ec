// Every shard, closed ones included: ranges, share of the key space, sequence numbers and lineage.
import type { ShardRow } from '../../../shared/contract/streams';

function Long({ value }: { value: string | null }) {
  if (value === null) return <span className="muted">—</span>;
  return (
    <code className="long-number" title={value}>
      {value}
    </code>
  );
}

export function ShardsTable({ shards }: { shards: readonly ShardRow[] }) {
  if (shards.length === 0) return <p className="muted">This stream has no shards listed yet (it may still be being created).</p>;
  return (
    <div className="table-scroll">
      <table className="table shards-table" data-testid="shards-table">
        <thead>
          <tr>
            <th scope="col">Shard</th>
            <th scope="col">State</th>
            <th scope="col" className="num">
              Key space
            </th>
            <th scope="col">Parent</th>
            <th scope="col">Adjacent parent</th>
            <th scope="col">Hash key range</th>
            <th scope="col">Starting sequence number</th>
            <th scope="col">Ending sequence number</th>
          </tr>
        </thead>
        <tbody>
          {shards.map((s) => (
            <tr key={s.shardId} className={s.open ? '' : 'row-closed'}>
              <th scope="row">
                <code>{s.shardId}</code>
              </th>
              <td>{s.open ? <span className="status-pill status-ok">open</span> : <span className="status-pill status-idle">closed</span>}</td>
              <td className="num">{s.sharePercent.toFixed(4)}%</td>
              <td>{s.parentShardId ? <code>{s.parentShardId}</code> : <span className="muted">—</span>}</td>
              <td>{s.adjacentParentShardId ? <code>{s.adjacentParentShardId}</code> : <span className="muted">—</span>}</td>
              <td className="range">
                <Long value={s.startingHashKey} />
                <span className="range-to">to</span>
                <Long value={s.endingHashKey} />
              </td>
              <td className="seq">
                <Long value={s.startingSequenceNumber} />
              </td>
              <td className="seq">
                <Long value={s.endingSequenceNumber} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
