// The admin's settings, as every extension context reads them: managed
// storage (set by an organization's deployment policy) wins over what the
// admin chose on the options page. Nothing here is secret.
// @ts-check
const api = globalThis.browser ?? globalThis.chrome;

export const DEFAULT_DESTINATION = 'https://cloud.innoslate.com';
export const LOCAL_KEYS = { destination: 'innoslate.origin', ttlMinutes: 'vault.ttl_minutes', guideOff: 'guide.off' };
export const TTL_MINUTES = { min: 1, max: 30, default: 10 };

/** @returns {Promise<{ innoslateOrigin?: unknown, keyLifetimeMinutes?: unknown }>} */
async function managed() {
  try {
    return (await api.storage.managed.get(['innoslateOrigin', 'keyLifetimeMinutes'])) || {};
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
 * @typedef {object} Settings
 * @property {string} destination the Innoslate address keys may go to
 * @property {boolean} destinationManaged set by the organization's policy
 * @property {number} ttlMinutes how long a captured key waits
 * @property {boolean} ttlManaged set by the organization's policy
 * @property {boolean} guideOff the admin switched the guide off
 */

/** @returns {Promise<Settings>} */
export async function readSettings() {
  const [policy, local] = await Promise.all([managed(), api.storage.local.get(Object.values(LOCAL_KEYS))]);
  const origin = typeof policy.innoslateOrigin === 'string' ? policy.innoslateOrigin.trim() : '';
  const policyOrigin = origin !== '';
  const policyTtl = Number.isInteger(policy.keyLifetimeMinutes);
  const localOrigin = local[LOCAL_KEYS.destination];
  return {
    destination: policyOrigin ? origin : (typeof localOrigin === 'string' && localOrigin) || DEFAULT_DESTINATION,
    destinationManaged: policyOrigin,
    ttlMinutes: clampMinutes(policyTtl ? policy.keyLifetimeMinutes : local[LOCAL_KEYS.ttlMinutes]),
    ttlManaged: policyTtl,
    guideOff: local[LOCAL_KEYS.guideOff] === true,
  };
}
