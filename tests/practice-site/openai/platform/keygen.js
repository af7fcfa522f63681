// Practice secret keys in the current OpenAI shape:
// sk-<kind>- + 74 chars + "T3BlbkFJ" + 74 chars, chars from [A-Za-z0-9_-].
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const MARKER = 'T3BlbkFJ';
const HALF = 74;

function randomChars(count) {
  const bytes = new Uint8Array(count);
  crypto.getRandomValues(bytes);
  // 64 symbols: the low six bits pick one without bias.
  return Array.from(bytes, (b) => ALPHABET[b & 63]).join('');
}

/** @param {'proj'|'svcacct'} kind */
export function newSecretKey(kind = 'proj') {
  return `sk-${kind}-${randomChars(HALF)}${MARKER}${randomChars(HALF)}`;
}

/** What the keys table shows: "sk-..." and the last four characters. */
export function maskKey(key) {
  return `sk-...${key.slice(-4)}`;
}

/** A key's tracking id as the 2026 keys table shows it: "key_" and 16 characters. */
export function newTrackingId() {
  return `key_${randomChars(16).replace(/[-_]/g, 'x')}`;
}
