// The columns every load table of the wizard shares (observed shards, projected shards): share of the key space,
// records/s, bytes/s and utilisation as a heat chip.
import type { ShardLoadRate } from '../../../shared/contract/reshard';
import { rangeShare } from '../../../shared/domain/hashKey';
import { bytesRate, heatClass, percent, recordsRate } from './reshardFormat';

export function LoadHeaders() {
  return (
    <>
      <th scope="col" className="num">
        Key space
      </th>
      <th scope="col" className="num">
        Records
      </th>
      <th scope="col" className="num">
        Bytes
      </th>
      <th scope="col" className="num">
        Of capacity
      </th>
    </>
  );
}

export function LoadCells({ shard }: { shard: { startingHashKey: string; endingHashKey: string; load: ShardLoadRate; utilisationPercent: number } }) {
  return (
    <>
      <td className="num">{percent(rangeShare({ StartingHashKey: shard.startingHashKey, EndingHashKey: shard.endingHashKey }))}</td>
      <td className="num">{recordsRate(shard.load.recordsPerSecond)}</td>
      <td className="num">{bytesRate(shard.load.bytesPerSecond)}</td>
      <td className="num">
        <span className={`heat-chip ${heatClass(shard.utilisationPercent)}`}>{percent(shard.utilisationPercent)}</span>
      </td>
    </>
  );
}
