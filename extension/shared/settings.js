// The admin's settings, as every extension context reads them: managed
// storage (set by an organization's deployment policy) wins over what the
// admin chose on the options page. Nothing here is secret, but the address
// decides where a key may go, so it is only believed when content scripts
// could not have written it: a policy value, or a value in storage.local
// that matches what only the options page can set up (the host permission
// the admin granted and the content script registered for it). Anything
// else is ignored, keys go to the hosted Innoslate, and the options page
// says why.
const api = globalThis.browser ?? globalThis.chrome;

export const DEFAULT_DESTINATION = 'https://cloud.innoslate.com';
export const LOCAL_KEYS = { destination: 'innoslate.origin', ttlMinutes: 'vault.ttl_minutes', guideOff: 'guide.off' };
export const TTL_MINUTES = { min: 1, max: 30, default: 10 };
export const SELF_HOSTED_SCRIPT_ID = 'innoslate-self-hosted';

async function managed() {
  try {
    return (await api.storage.managed.get(['innoslateOrigin', 'keyLifetimeMinutes'])) || {};
  } catch (_) {
    // No policy installed (the usual case, and always on Firefox without one).
    return {};
  }
}

export function clampMinutes(value) {
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n)) return TTL_MINUTES.default;
  return Math.min(TTL_MINUTES.max, Math.max(TTL_MINUTES.min, n));
}

/**
 * An address as the browser's own URL parser reads it: `{origin, dropped}`
 * (the parts of the input that are not part of an origin, in words), or
 * `{error}`. A missing scheme means https. User names and passwords are
 * refused, never dropped silently.
 */
export function canonicalOrigin(input) {
  const text = String(input ?? '').trim();
  if (!text) return { error: 'Enter your Innoslate address, for example https://innoslate.example.com.' };
  let url;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch (_) {
    return { error: 'This is not a web address. Enter one like https://innoslate.example.com.' };
  }
  if (url.username || url.password) {
    return { error: 'Leave out the user name or password: enter only https:// and the host name.' };
  }
  if (url.origin === 'null') return { error: 'Use https:// and the host name of your Innoslate.' };
  const dropped = [];
  if (url.pathname !== '/') dropped.push(`the path ${url.pathname}`);
  if (url.search) dropped.push('the query');
  if (url.hash) dropped.push('the fragment');
  return { origin: url.origin, dropped };
}

/** The match pattern that covers `origin` (patterns carry no port). */
export function matchPatternOf(origin) {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

// Whether the options page set `origin` up: the admin granted the host
// permission and the content script is registered for it.
async function setUpByOptions(origin) {
  const pattern = matchPatternOf(origin);
  try {
    const [granted, scripts] = await Promise.all([
      api.permissions.contains({ origins: [pattern] }),
      api.scripting.getRegisteredContentScripts({ ids: [SELF_HOSTED_SCRIPT_ID] }),
    ]);
    return granted && scripts.some((s) => s.matches.includes(pattern));
  } catch (_) {
    return false;
  }
}

/** { destination, destinationManaged, destinationError, ttlMinutes, ttlManaged, guideOff } */
export async function readSettings() {
  const [policy, local] = await Promise.all([managed(), api.storage.local.get(Object.values(LOCAL_KEYS))]);
  const policyTtl = Number.isInteger(policy.keyLifetimeMinutes);
  const settings = {
    destination: DEFAULT_DESTINATION,
    destinationManaged: false,
    destinationError: '',
    ttlMinutes: clampMinutes(policyTtl ? policy.keyLifetimeMinutes : local[LOCAL_KEYS.ttlMinutes]),
    ttlManaged: policyTtl,
    // Harmless if forged: it only hides or shows the guide, and the popup shows it.
    guideOff: local[LOCAL_KEYS.guideOff] === true,
  };
  if (typeof policy.innoslateOrigin === 'string' && policy.innoslateOrigin.trim() !== '') {
    const read = canonicalOrigin(policy.innoslateOrigin);
    settings.destinationManaged = true;
    if (read.origin && read.dropped.length === 0) settings.destination = read.origin;
    else settings.destinationError = `Your organization's policy sets the Innoslate address to "${policy.innoslateOrigin.trim()}", which is not an address of the form https://host. Ask your administrator to correct it; until then no key is filled anywhere.`;
    if (settings.destinationError) settings.destination = '';
    return settings;
  }
  const stored = local[LOCAL_KEYS.destination];
  if (stored === undefined || stored === DEFAULT_DESTINATION) return settings;
  const read = canonicalOrigin(stored);
  if (typeof stored === 'string' && read.origin === stored && await setUpByOptions(stored)) {
    settings.destination = stored;
  } else {
    settings.destinationError = `The saved Innoslate address "${String(stored).slice(0, 200)}" was not set up on this page (or its permission was removed), so it is ignored and keys go only to ${DEFAULT_DESTINATION}. Save your address again to use it.`;
  }
  return settings;
}
