// Performs the requests of a live key check that the core planned, and hands
// each answer's status and parsed body back for the core to read. The key
// goes only to https://api.openai.com, in the Authorization header, never in
// a URL; nothing is logged or stored, and redirects are refused so the key
// cannot be forwarded anywhere else.
const api = globalThis.browser ?? globalThis.chrome;

export const API_ORIGIN = 'https://api.openai.com';
/** The optional host permission the check needs, asked for on first use. */
export const API_PERMISSION = { origins: [`${API_ORIGIN}/*`] };
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
 */
export function requestApiPermission() {
  return api.permissions.request(API_PERMISSION).catch(() => false);
}

async function runProbe(probe, key) {
  // The plan comes from our own core; this check keeps the rule local too.
  if (new URL(probe.url).origin !== API_ORIGIN) return { id: probe.id, outcome: 'network_error' };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
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
    const text = await response.text();
    let body = null;
    try {
      const parsed = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed;
    } catch (_) { /* not JSON: the core reads a null body as an unfamiliar answer */ }
    return { id: probe.id, outcome: { kind: 'reply', status: response.status, body } };
  } catch (_) {
    return { id: probe.id, outcome: controller.signal.aborted ? 'timeout' : 'network_error' };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `probes` one after the other with `key`; every answer comes back. */
export async function runLiveCheck(probes, key) {
  if (!(await apiAllowed())) return probes.map((p) => ({ id: p.id, outcome: 'no_permission' }));
  const results = [];
  for (const probe of probes) results.push(await runProbe(probe, key));
  return results;
}
