// The shared tail of the single-figure bench scripts: run one measurement, print it as JSON with the command and
// the machine, and exit (non-zero on failure).
import { cpus } from 'node:os';

export function printRun(script: string, name: string, measure: () => Promise<unknown>): void {
  measure().then(
    (figures) => {
      const report = {
        command: `node --import tsx bench/${script} ${process.argv.slice(2).join(' ')}`.trim(),
        at: new Date().toISOString(),
        machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
        [name]: figures,
      };
      process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
