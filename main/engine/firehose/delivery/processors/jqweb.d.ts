// jq-web (jq compiled to WebAssembly) ships no types: its export is a promise of { json, raw }.
declare module 'jq-web' {
  interface Jq {
    json(input: unknown, filter: string): unknown;
    /** Runs jq over the JSON text; throws with jq's message on a compile or runtime error. */
    raw(input: string, filter: string, flags?: string[]): string;
  }
  const jq: Promise<Jq>;
  export default jq;
}
