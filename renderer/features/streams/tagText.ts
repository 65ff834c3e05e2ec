// Tags as the user types them: one `key=value` per line. Keys up to 128 characters, values up to 256.
export function parseTagLines(text: string): { tags: Record<string, string> } | { problem: string } {
  const tags: Record<string, string> = {};
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf('=');
    const key = (eq < 0 ? line : line.slice(0, eq)).trim();
    const value = eq < 0 ? '' : line.slice(eq + 1).trim();
    if (!key) return { problem: `Line ${i + 1}: a tag needs a key before the =.` };
    if (key.length > 128) return { problem: `Line ${i + 1}: a tag key is at most 128 characters.` };
    if (value.length > 256) return { problem: `Line ${i + 1}: a tag value is at most 256 characters.` };
    if (key in tags) return { problem: `Line ${i + 1}: the key “${key}” appears twice.` };
    tags[key] = value;
  }
  if (Object.keys(tags).length > 50) return { problem: 'A stream has at most 50 tags.' };
  return { tags };
}

export function tagLines(tags: Record<string, string>): string {
  return Object.entries(tags)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}
