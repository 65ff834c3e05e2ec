// Retries within a destination's retry duration, with Firehose's HTTP backoff: 1 s, doubling, ±15 % jitter,
// capped at 2 minutes. Time comes from the Timeline, so the preview can show the whole schedule at once.
import type { Random } from '../../../../shared/domain/random';
import type { Timeline } from './timeline';

export const INITIAL_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 120_000;

/** The wait before retry number `retry` (1 for the first retry). */
export function backoffMs(retry: number, random: Random): number {
  const base = Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** (retry - 1));
  return Math.round(base * (0.85 + 0.3 * random.next()));
}

export type AttemptResult<T> = { ok: true; value: T } | { ok: false; permanent?: boolean; errorCode: string; errorMessage: string };

export interface RetryOutcome<T> {
  result: AttemptResult<T>;
  attempts: number;
  startedMs: number;
  endedMs: number;
}

/** Runs `attempt` until it succeeds, fails permanently, or the next try would start past the retry duration. */
export async function retryWithin<T>(
  durationMs: number,
  deps: { timeline: Timeline; random: Random },
  attempt: (n: number) => Promise<AttemptResult<T>>,
): Promise<RetryOutcome<T>> {
  const startedMs = deps.timeline.now();
  for (let n = 1; ; n++) {
    const result = await attempt(n);
    if (result.ok || result.permanent) return { result, attempts: n, startedMs, endedMs: deps.timeline.now() };
    const wait = backoffMs(n, deps.random);
    if (deps.timeline.now() + wait - startedMs > durationMs) return { result, attempts: n, startedMs, endedMs: deps.timeline.now() };
    await deps.timeline.sleep(wait);
  }
}
