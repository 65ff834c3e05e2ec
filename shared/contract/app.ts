// Schemas for the application itself: what it is, where it keeps data, and the state of the local engine.
import { z } from 'zod';

export const transportSchema = z.enum(['electron', 'websocket', 'memory']);
export type Transport = z.infer<typeof transportSchema>;

export const appInfoSchema = z.strictObject({
  name: z.string(),
  version: z.string(),
  /** Where Shardscope keeps its SQLite files and settings. */
  dataDir: z.string(),
  /** How this client is talking to main. */
  transport: transportSchema,
  /** Node's process.platform of main, e.g. linux, darwin, win32. */
  platform: z.string(),
  arch: z.string(),
  versions: z.strictObject({
    node: z.string(),
    /** null outside the desktop shell. */
    electron: z.string().nullable(),
    chrome: z.string().nullable(),
  }),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const engineStateSchema = z.enum(['starting', 'running', 'stopped', 'failed']);
export type EngineState = z.infer<typeof engineStateSchema>;

export const engineStatusSchema = z.strictObject({
  state: engineStateSchema,
  /** The Kinesis endpoint users point their own tools at, when running. */
  endpoint: z.url().nullable(),
  /** One human sentence on the state, e.g. why it failed. */
  message: z.string(),
  /** When the state last changed, epoch milliseconds. */
  since: z.number().int(),
});
export type EngineStatus = z.infer<typeof engineStatusSchema>;
