// JSON.parse that returns undefined instead of throwing: stored settings may be from an older or broken write.
export function safeJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
