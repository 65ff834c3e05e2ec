// The producer tools for the open stream: the composer and the data generator.
import type { ShardRow } from '../../../shared/contract/streams';
import { Composer } from './Composer';
import { GeneratorPanel } from './GeneratorPanel';
import './producers.css';

export function ProduceTab({ stream, shards }: { stream: string; shards: readonly ShardRow[] }) {
  return (
    <div className="stack-lg">
      <Composer stream={stream} shards={shards} />
      <GeneratorPanel stream={stream} />
    </div>
  );
}
