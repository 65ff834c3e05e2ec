// Which port the web console listens on. `--port N` is used as given (0: any free port). Without it, the port of
// the last launch with this data folder, when it is still free: a reload of an old tab or a bookmark then
// reaches this launch, which tells it that its token is stale, instead of finding nothing there.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const FILE = 'web-port.json';

export interface PortChoice {
  port: number;
  /** The remembered port may be taken by now: then any free port will do. */
  fallbackToAny: boolean;
}

export function choosePort(given: number | undefined, dataDir: string): PortChoice {
  if (given !== undefined) return { port: given, fallbackToAny: false };
  return { port: rememberedPort(dataDir), fallbackToAny: true };
}

function rememberedPort(dataDir: string): number {
  try {
    const saved: unknown = JSON.parse(readFileSync(path.join(dataDir, FILE), 'utf8'));
    const port = typeof saved === 'object' && saved !== null && 'port' in saved ? saved.port : null;
    return typeof port === 'number' && Number.isInteger(port) && port > 0 && port <= 65535 ? port : 0;
  } catch {
    return 0;
  }
}

/** Keeps the port for the next launch; only when the user did not choose one. Failing to write is harmless. */
export function rememberPort(choice: PortChoice, dataDir: string, port: number): void {
  if (!choice.fallbackToAny) return;
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, FILE), `${JSON.stringify({ port })}\n`);
  } catch {
    // A read-only data folder only costs the stable port.
  }
}
