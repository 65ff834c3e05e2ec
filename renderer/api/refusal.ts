// Why the web host refused this page's WebSocket, in words that say what to do. A refused handshake reaches the
// page only as "code 1006", so the page asks the host's token check (main/server/webHostSecurity.ts): a host
// that answers but refuses the token means this address is from an earlier launch (each launch makes a new
// token) or the token is wrong; no answer means Shardscope is not running here.

export const TOKEN_CHECK_PATH = '/token-check';
const TOKEN_CHECK_HEADER = 'X-Shardscope-Token';
const OPEN_AT_START = 'Open the address printed at start (it ends in #token=…).';

export const NO_TOKEN_WORDS = `This address has no access token. ${OPEN_AT_START}`;

export async function whyRefused(token: string, fetcher: typeof fetch = fetch): Promise<string | null> {
  let status: number;
  try {
    status = (await fetcher(TOKEN_CHECK_PATH, { headers: { [TOKEN_CHECK_HEADER]: token }, cache: 'no-store' })).status;
  } catch {
    return `Shardscope is not running at ${window.location.host}. Start it again (npm start), then ${OPEN_AT_START.charAt(0).toLowerCase()}${OPEN_AT_START.slice(1)}`;
  }
  if (status === 403) {
    return `Shardscope is running at ${window.location.host}, but refused this window's access token: this address belongs to an earlier launch (each launch makes a new token), or the token is wrong. ${OPEN_AT_START}`;
  }
  return null;
}
