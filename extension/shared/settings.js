// The admin's settings, as every extension context reads them: managed
// storage (set by an organization's deployment policy) wins over what the
// admin chose on the options page. Nothing here is secret.
const api = globalThis.browser ?? globalThis.chrome;

export const DEFAULT_DESTINATION = 'https://cloud.innoslate.com';
export const LOCAL_KEYS = { destination: 'innoslate.origin', ttlMinutes: 'vault.ttl_minutes', guideOff: 'guide.off' };
export const TTL_MINUTES = { min: 1, max: 30, default: 10 };

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

/** { destination, destinationManaged, ttlMinutes, ttlManaged, guideOff } */
export async function readSettings() {
  const [policy, local] = await Promise.all([managed(), api.storage.local.get(Object.values(LOCAL_KEYS))]);
  const policyOrigin = typeof policy.innoslateOrigin === 'string' && policy.innoslateOrigin.trim() !== '';
  const policyTtl = Number.isInteger(policy.keyLifetimeMinutes);
  return {
    destination: policyOrigin ? policy.innoslateOrigin.trim() : local[LOCAL_KEYS.destination] || DEFAULT_DESTINATION,
    destinationManaged: policyOrigin,
    ttlMinutes: clampMinutes(policyTtl ? policy.keyLifetimeMinutes : local[LOCAL_KEYS.ttlMinutes]),
    ttlManaged: policyTtl,
    guideOff: local[LOCAL_KEYS.guideOff] === true,
  };
}
