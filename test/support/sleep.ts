/** Waits `ms` milliseconds: the one sleep of the tests and benchmarks. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
