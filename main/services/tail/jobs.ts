// Running import and replay jobs, by id, so tail.cancel can stop one and still get its final report out.
import { randomUUID } from 'node:crypto';

export class TailJobs {
  private readonly jobs = new Map<string, AbortController>();

  start(): { id: string; signal: AbortSignal; finish(): void } {
    const id = randomUUID();
    const controller = new AbortController();
    this.jobs.set(id, controller);
    return { id, signal: controller.signal, finish: () => this.jobs.delete(id) };
  }

  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job) return false;
    job.abort();
    return true;
  }

  cancelAll(): void {
    for (const job of this.jobs.values()) job.abort();
  }
}

/** A job stops when cancelled or when its subscription goes away. */
export function eitherSignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  return AbortSignal.any([a, b]);
}
