// The records of keys sent to Innoslate (never a key: see the core's
// key_record module), as kept in storage.local: one list per Innoslate
// origin, so a record made for one origin never shows as another's key.
// Only the background writes them; the popup reads them.
// @ts-check
const api = globalThis.browser ?? globalThis.chrome;

export const RECORDS_KEY = 'key.records';
/** Per record id, the mark (days before expiry) of the last notification shown. */
export const NOTICES_KEY = 'key.notices';
/** Records kept per origin; the oldest go first. */
export const MAX_RECORDS = 20;

/** @typedef {Record<string, Core.KeyRecord[]>} RecordsByOrigin */

/** @returns {Promise<RecordsByOrigin>} */
export async function readRecords() {
  const stored = (await api.storage.local.get(RECORDS_KEY))[RECORDS_KEY];
  return stored && typeof stored === 'object' && !Array.isArray(stored) ? /** @type {RecordsByOrigin} */ (stored) : {};
}

/**
 * The key Innoslate at `origin` holds as far as the extension knows: the
 * latest record made for exactly that origin.
 * @param {RecordsByOrigin} records
 * @param {string} origin
 * @returns {Core.KeyRecord | null}
 */
export function currentRecord(records, origin) {
  const list = Object.hasOwn(records, origin) && Array.isArray(records[origin]) ? records[origin] : [];
  const own = list.filter((r) => r && r.origin === origin);
  return own.reduce((/** @type {Core.KeyRecord | null} */ a, r) => (!a || r.created_ms >= a.created_ms ? r : a), null);
}
