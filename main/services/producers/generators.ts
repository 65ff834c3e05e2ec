// The generators of the app: several may run at once, each with an id. They all stop when the active
// connection changes, since their records were meant for the connection they started on.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { ErrorCode, RpcError } from '../../../shared/contract/errors';
import type { ConnectionEvent } from '../../../shared/contract/connections';
import type { GeneratorPreviewParams, GeneratorStartParams, GeneratorStatus } from '../../../shared/contract/producers';
import { createRecordSource, type RecordSource, type ShapeSpec } from '../../../shared/domain/generatedRecords';
import type { KeyDistributionSpec } from '../../../shared/domain/keyDistribution';
import { TemplateError } from '../../../shared/domain/recordTemplate';
import { kinesisOf } from '../streams/kinesisSource';
import { checkGeneratorAllowed, type GuardSource } from './generatorGuard';
import { GeneratorRun } from './generatorRun';

export interface GeneratorSource extends GuardSource {
  activeId(): string;
  on(listener: (event: ConnectionEvent) => void): () => void;
}

/** Finished generators kept for the list, newest first. */
const KEEP_FINISHED = 20;

function recordSource(shape: ShapeSpec, keys: KeyDistributionSpec, seed: number | undefined): RecordSource {
  try {
    return createRecordSource(shape, keys, seed);
  } catch (error) {
    if (error instanceof TemplateError) throw new RpcError(ErrorCode.ValidationException, error.message);
    throw error;
  }
}

export class Generators {
  private readonly runs = new Map<string, GeneratorRun>();
  private readonly off: () => void;

  constructor(private readonly source: GeneratorSource) {
    this.off = source.on((event) => {
      if (event.type === 'active-changed') void this.stopAll('connection-changed');
    });
  }

  async start(params: z.output<typeof GeneratorStartParams>): Promise<GeneratorStatus> {
    const connectionId = this.source.activeId();
    const records = recordSource(params.shape, params.keys, params.seed);
    await checkGeneratorAllowed(this.source, connectionId, params.confirmAccountId);
    const id = randomUUID();
    const run = new GeneratorRun(
      { id, stream: params.stream, connectionId, shape: params.shape.kind, ratePerSecond: params.ratePerSecond, maxRecords: params.maxRecords, durationMs: params.durationMs },
      records,
      () => {
        if (this.source.activeId() !== connectionId) throw new RpcError('ConnectionChanged', 'The active connection changed; the generator stops.');
        return kinesisOf(this.source);
      },
    );
    this.runs.set(id, run);
    void run.done.then(() => this.prune());
    return run.status();
  }

  async stop(id: string): Promise<GeneratorStatus> {
    return this.get(id).stop('requested');
  }

  status(id: string): GeneratorStatus {
    return this.get(id).status();
  }

  /** Resolves when the generator has stopped and its calls have returned. */
  done(id: string): Promise<void> {
    return this.get(id).done;
  }

  list(): GeneratorStatus[] {
    return [...this.runs.values()].map((run) => run.status()).sort((a, b) => b.startedAt - a.startedAt);
  }

  preview(params: z.output<typeof GeneratorPreviewParams>): { records: { partitionKey: string; text: string }[] } {
    const next = recordSource(params.shape, params.keys, params.seed);
    return { records: Array.from({ length: params.count }, () => next(Date.now())) };
  }

  async stopAll(reason: 'connection-changed' | 'shutdown'): Promise<void> {
    await Promise.all([...this.runs.values()].filter((run) => run.running).map((run) => run.stop(reason)));
  }

  async close(): Promise<void> {
    this.off();
    await this.stopAll('shutdown');
  }

  private get(id: string): GeneratorRun {
    const run = this.runs.get(id);
    if (!run) throw new RpcError('ResourceNotFoundException', `No generator with id ${id}.`);
    return run;
  }

  private prune(): void {
    const finished = [...this.runs.values()].filter((run) => !run.running && run.status().state !== 'stopping');
    finished.sort((a, b) => b.status().startedAt - a.status().startedAt);
    for (const run of finished.slice(KEEP_FINISHED)) this.runs.delete(run.plan.id);
  }
}
