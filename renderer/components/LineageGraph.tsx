// Shards as generations, parents above children (SVG). Within a generation a shard sits where its range sits
// on the key space, nudged right when it would overlap its neighbour, so children line up under parents.
import type { LineageGraph as Graph } from '../../shared/contract/streams';
import { shortShardId } from './KeySpaceBar';

const NODE_W = 112;
const NODE_H = 40;
const GAP = 12;
const ROW = 84;
const PAD = 16;
const BASE_WIDTH = 760;

export function LineageGraph({ graph, highlight }: { graph: Graph; highlight?: string | null }) {
  const positions = new Map<string, { x: number; y: number }>();
  let width = BASE_WIDTH;
  for (let g = 0; g < graph.generations; g++) {
    const layer = graph.nodes.filter((n) => n.generation === g).sort((a, b) => a.index - b.index);
    let next = PAD;
    for (const node of layer) {
      const centre = PAD + ((node.offsetPercent + node.sharePercent / 2) / 100) * (BASE_WIDTH - 2 * PAD);
      const x = Math.max(next, centre - NODE_W / 2);
      positions.set(node.shardId, { x, y: PAD + g * ROW });
      next = x + NODE_W + GAP;
    }
    width = Math.max(width, next - GAP + PAD);
  }
  const height = PAD * 2 + Math.max(0, graph.generations - 1) * ROW + NODE_H;
  return (
    <div className="lineage-scroll">
      <svg className="lineage" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Shard lineage: ${graph.nodes.length} shards in ${graph.generations} generation${graph.generations === 1 ? '' : 's'}`} data-testid="lineage-graph">
        {graph.edges.map((edge) => {
          const from = positions.get(edge.from);
          const to = positions.get(edge.to);
          if (!from || !to) return null;
          const x1 = from.x + NODE_W / 2;
          const y1 = from.y + NODE_H;
          const x2 = to.x + NODE_W / 2;
          const y2 = to.y;
          const mid = (y1 + y2) / 2;
          return <path key={`${edge.from}>${edge.to}`} className={`lineage-edge${edge.kind === 'adjacent-parent' ? ' lineage-edge-adjacent' : ''}`} d={`M${x1},${y1} C${x1},${mid} ${x2},${mid} ${x2},${y2}`} />;
        })}
        {graph.nodes.map((node) => {
          const at = positions.get(node.shardId);
          if (!at) return null;
          return (
            <g key={node.shardId} transform={`translate(${at.x},${at.y})`} className={`lineage-node${node.open ? '' : ' lineage-closed'}${node.shardId === highlight ? ' lineage-highlight' : ''}`}>
              <title>{`${node.shardId} · ${node.open ? 'open' : 'closed'} · ${node.sharePercent}% of the key space`}</title>
              <rect width={NODE_W} height={NODE_H} rx={7} />
              <text x={NODE_W / 2} y={17} textAnchor="middle" className="lineage-id">
                {shortShardId(node.shardId)}
              </text>
              <text x={NODE_W / 2} y={31} textAnchor="middle" className="lineage-sub">
                {node.open ? 'open' : 'closed'} · {node.sharePercent.toFixed(1)}%
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
