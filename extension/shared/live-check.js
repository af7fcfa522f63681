// Performs the requests of a live key check that the core planned, and hands
// each answer's status and parsed body back for the core to read. The key
// goes only to https://api.openai.com, in the Authorization header, never in
// a URL; nothing is logged or stored, and redirects are refused so the key
// cannot be forwarded anywhere else.
// @ts-check
const api = globalThis.browser ?? globalThis.chrome;

export const API_ORIGIN = 'https://api.openai.com';
/** The optional host permission the check needs, asked for on first use. */
export const API_PERMISSION = { origins: [`${API_ORIGIN}/*`] };
/** Why the permission is asked for, shown next to the button that asks. */
export const PERMISSION_WHY = 'The first time, your browser asks you to allow the extension to contact api.openai.com: the test sends the key there, and nowhere else, to ask OpenAI what it may do.';
const TIMEOUT_MS = 10_000;

/** Whether the admin has allowed the extension to reach the API. */
export async function apiAllowed() {
  try {
    return await api.permissions.contains(API_PERMISSION);
  } catch (_) {
    return false;
  }
}

/**
 * Asks for the permission. Must be called straight from the admin's click
 * (browsers show the prompt only during a user action); resolves at once,
 * without a prompt, when it is already granted.
 * @returns {Promise<boolean>}
 */
export function requestApiPermission() {
  return api.permissions.request(API_PERMISSION).catch(() => false);
}

/**
 * @param {Core.Probe} probe
 * @param {string} key
 * @param {{ organization?: string }} seen receives the key's organisation as the API names it
 * @returns {Promise<Core.WireResult>}
 */
async function runProbe(probe, key, seen) {
  // The plan comes from our own core; this check keeps the rule local too.
  if (new URL(probe.url).origin !== API_ORIGIN) return { id: probe.id, failure: 'network_error' };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  /** @type {Record<string, string>} */
  const headers = { Authorization: `Bearer ${key}` };
  if (probe.body) headers['Content-Type'] = 'application/json';
  try {
    const response = await fetch(probe.url, {
      method: probe.method,
      headers,
      body: probe.body ?? undefined,
      redirect: 'error',
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      signal: controller.signal,
    });
    // OpenAI names the key's organisation in a documented header; the core
    // cleans it before the key's record keeps it.
    seen.organization ??= response.headers.get('openai-organization')?.slice(0, 200) || undefined;
    const text = await response.text();
    /** @type {Core.ApiBody | null} */
    let body = null;
    try {
      const parsed = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed;
    } catch (_) { /* not JSON: the core reads a missing body as an answer it does not know */ }
    return { id: probe.id, status: response.status, body };
  } catch (_) {
    return { id: probe.id, failure: controller.signal.aborted ? 'timeout' : 'network_error' };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `probes` side by side with `key` (so the whole check takes at most
 * one time limit); every answer comes back. Without the permission nothing
 * is sent and every answer says so.
 * @param {Core.Probe[]} probes
 * @param {string} key
 * @param {{ organization?: string }} [seen] receives the `openai-organization` header of an answer
 * @returns {Promise<Core.WireResult[]>}
 */
export async function runLiveCheck(probes, key, seen = {}) {
  if (!(await apiAllowed())) return probes.map((p) => ({ id: p.id, failure: /** @type {const} */ ('no_permission') }));
  return Promise.all(probes.map((probe) => runProbe(probe, key, seen)));
}
