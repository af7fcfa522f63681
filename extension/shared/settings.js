// The admin's settings, as every extension context reads them: managed
// storage (set by an organization's deployment policy) wins over what the
// admin chose on the options page. Nothing here is secret, but the address
// decides where a key may go, so it is only believed when content scripts
// could not have written it: a policy value, or a value in storage.local
// that matches what only the options page can set up (the host permission
// the admin granted and the content script registered for it). Anything
// else is ignored, keys go to the hosted Innoslate, and the options page
// says why.
// @ts-check
const api = globalThis.browser ?? globalThis.chrome;

export const DEFAULT_DESTINATION = 'https://cloud.innoslate.com';
export const LOCAL_KEYS = { destination: 'innoslate.origin', ttlMinutes: 'vault.ttl_minutes', guideOff: 'guide.off' };
export const TTL_MINUTES = { min: 1, max: 30, default: 10 };
export const SELF_HOSTED_SCRIPT_ID = 'innoslate-self-hosted';
/** Days before a recorded key's expiry the toolbar shows it; policy `reminderDays`. */
export const REMINDER_DAYS = { min: 1, max: 60, default: 14 };
/** The live key check's policy values; only an organization's policy sets it. */
export const LIVE_CHECK = /** @type {const} */ (['off', 'ask', 'required']);

/**
 * The organization's policy, read once per page or worker: in a freshly
 * started Chromium the first managed-storage read can take seconds.
 * @type {Promise<{ innoslateOrigin?: unknown, keyLifetimeMinutes?: unknown, liveKeyCheck?: unknown, reminderDays?: unknown }> | null}
 */
let policyRead = null;

// A policy the organization changes while the browser runs is read again.
api.storage.onChanged.addListener((_, area) => {
  if (area === 'managed') policyRead = null;
});

/** @returns {Promise<{ innoslateOrigin?: unknown, keyLifetimeMinutes?: unknown, liveKeyCheck?: unknown, reminderDays?: unknown }>} */
function managed() {
  policyRead ??= readPolicy();
  return policyRead;
}

/** @returns {Promise<{ innoslateOrigin?: unknown, keyLifetimeMinutes?: unknown, liveKeyCheck?: unknown, reminderDays?: unknown }>} */
async function readPolicy() {
  try {
    return (await api.storage.managed.get(['innoslateOrigin', 'keyLifetimeMinutes', 'liveKeyCheck', 'reminderDays'])) || {};
  } catch (_) {
    // No policy installed (the usual case, and always on Firefox without one).
    return {};
  }
}

/**
 * Minutes within the allowed range; the default for anything unreadable.
 * @param {unknown} value a number or the text of a number
 * @returns {number}
 */
export function clampMinutes(value) {
  const n = Number.parseInt(String(value), 10);
  if (!Number.isFinite(n)) return TTL_MINUTES.default;
  return Math.min(TTL_MINUTES.max, Math.max(TTL_MINUTES.min, n));
}

/**
 * An address as the browser's own URL parser reads it: `{origin, dropped}`
 * (the parts of the input that are not part of an origin, in words), or
 * `{error}`. A missing scheme means https. User names and passwords are
 * refused, never dropped silently.
 */
/**
 * @param {unknown} input
 * @returns {{ origin: string, dropped: string[], error?: undefined } | { error: string, origin?: undefined, dropped?: undefined }}
 */
export function canonicalOrigin(input) {
  const text = String(input ?? '').trim();
  if (!text) return { error: 'Enter your Innoslate address, for example https://innoslate.example.com.' };
  /** @type {URL} */
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
  /** @type {string[]} */
  const dropped = [];
  if (url.pathname !== '/') dropped.push(`the path ${url.pathname}`);
  if (url.search) dropped.push('the query');
  if (url.hash) dropped.push('the fragment');
  return { origin: url.origin, dropped };
}

/**
 * The match pattern that covers `origin` (patterns carry no port).
 * @param {string} origin
 */
export function matchPatternOf(origin) {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

// Whether the options page set `origin` up: the admin granted the host
// permission and the content script is registered for it.
/** @param {string} origin */
async function setUpByOptions(origin) {
  const pattern = matchPatternOf(origin);
  try {
    const [granted, scripts] = await Promise.all([
      api.permissions.contains({ origins: [pattern] }),
      api.scripting.getRegisteredContentScripts({ ids: [SELF_HOSTED_SCRIPT_ID] }),
    ]);
    return granted && scripts.some((s) => (s.matches ?? []).includes(pattern));
  } catch (_) {
    return false;
  }
}

/**
 * The policy's reminderDays within range; the default when absent or unusable.
 * @param {unknown} value
 * @returns {number}
 */
export function reminderDaysOf(value) {
  if (!Number.isInteger(value)) return REMINDER_DAYS.default;
  return Math.min(REMINDER_DAYS.max, Math.max(REMINDER_DAYS.min, /** @type {number} */ (value)));
}

/**
 * The policy's liveKeyCheck value, or 'ask' when absent or unknown.
 * @param {unknown} value
 * @returns {'off' | 'ask' | 'required'}
 */
export function liveCheckOf(value) {
  return LIVE_CHECK.find((v) => v === value) ?? 'ask';
}

/**
 * @typedef {object} Settings
 * @property {string} destination the Innoslate address keys may go to ('' when the policy's is unusable)
 * @property {boolean} destinationManaged set by the organization's policy
 * @property {string} destinationError why a configured address is not used, for the options page
 * @property {number} ttlMinutes how long a captured key waits
 * @property {boolean} ttlManaged set by the organization's policy
 * @property {boolean} guideOff the admin switched the guide off
 * @property {'off' | 'ask' | 'required'} liveCheck the organization's rule for testing a key with OpenAI first
 * @property {number} reminderDays days before a recorded key expires that the toolbar shows it
 */

/**
 * @param {{ policy?: boolean }} [options] `policy: false` leaves the
 *   organization's policy out, for answers that use neither the address nor
 *   the lifetime (guide pages on OpenAI), so they need not wait for it.
 * @returns {Promise<Settings>}
 */
export async function readSettings({ policy: withPolicy = true } = {}) {
  const [policy, local] = await Promise.all([
    withPolicy ? managed() : /** @type {{ innoslateOrigin?: unknown, keyLifetimeMinutes?: unknown, liveKeyCheck?: unknown, reminderDays?: unknown }} */ ({}),
    api.storage.local.get(Object.values(LOCAL_KEYS)),
  ]);
  const policyTtl = Number.isInteger(policy.keyLifetimeMinutes);
  /** @type {Settings} */
  const settings = {
    destination: DEFAULT_DESTINATION,
    destinationManaged: false,
    destinationError: '',
    ttlMinutes: clampMinutes(policyTtl ? policy.keyLifetimeMinutes : local[LOCAL_KEYS.ttlMinutes]),
    ttlManaged: policyTtl,
    // Harmless if forged: it only hides or shows the guide, and the popup shows it.
    guideOff: local[LOCAL_KEYS.guideOff] === true,
    // Only the organization's policy sets it; an unknown value falls back to offering the test.
    liveCheck: liveCheckOf(policy.liveKeyCheck),
    reminderDays: reminderDaysOf(policy.reminderDays),
  };
  if (typeof policy.innoslateOrigin === 'string' && policy.innoslateOrigin.trim() !== '') {
    const read = canonicalOrigin(policy.innoslateOrigin);
    settings.destinationManaged = true;
    if (read.origin !== undefined && read.dropped.length === 0) settings.destination = read.origin;
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
