// Which Node versions Shardscope runs on, said once in one line. The AWS SDK prints an eight-line warning on Node
// below 22 every time a process builds its first client; the SDK documents an environment switch to silence it,
// set here before any client exists, so users see our one line instead.

/** The oldest Node the project supports (package.json "engines") and the one it recommends. */
export const SUPPORTED_NODE = '20.19';
export const RECOMMENDED_NODE_MAJOR = 22;

/** Silences the SDK's own warning; returns our one-line notice when this Node is older than recommended. */
export function nodeSupportNotice(version = process.version): string | undefined {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const major = Number(/^v?(\d+)\./.exec(version)?.[1] ?? 0);
  if (major >= RECOMMENDED_NODE_MAJOR) return undefined;
  return `Node ${version}: Shardscope supports Node ${SUPPORTED_NODE} and later; Node ${RECOMMENDED_NODE_MAJOR} or later is recommended.`;
}
