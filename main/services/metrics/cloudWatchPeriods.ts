// CloudWatch keeps Kinesis's 1-minute data for 15 days, 5-minute data for 63 days and 1-hour data for 455 days
// (AWS's documented retention for standard-resolution metrics); a query for older data at a finer period gets
// nothing back. The period chosen is the finest the retention allows that keeps a chart under ~1,440 points.
const MINUTE = 60;
const DAY_MS = 24 * 3_600_000;

export const RETENTION = [
  { periodSeconds: 60, keptMs: 15 * DAY_MS },
  { periodSeconds: 300, keptMs: 63 * DAY_MS },
  { periodSeconds: 3600, keptMs: 455 * DAY_MS },
] as const;

const MAX_POINTS = 1440;

export interface PeriodChoice {
  periodSeconds: number;
  note: string | null;
}

export function choosePeriod(fromMs: number, toMs: number, nowMs: number): PeriodChoice {
  const spanSeconds = Math.max(MINUTE, (toMs - fromMs) / 1000);
  let period = Math.max(MINUTE, Math.ceil(spanSeconds / MAX_POINTS / MINUTE) * MINUTE);
  const age = nowMs - fromMs;
  const tier = RETENTION.find((r) => age <= r.keptMs);
  if (!tier) return { periodSeconds: Math.max(period, 3600), note: 'CloudWatch keeps Kinesis metrics for 455 days: older data is gone.' };
  let note: string | null = null;
  if (tier.periodSeconds > period) {
    note = `CloudWatch keeps 1-minute data for 15 days and 5-minute data for 63 days: this range is shown at ${tier.periodSeconds / 60}-minute resolution.`;
    period = tier.periodSeconds;
  }
  // Periods above a minute must be multiples of 60 for standard-resolution metrics.
  return { periodSeconds: Math.ceil(period / MINUTE) * MINUTE, note };
}
