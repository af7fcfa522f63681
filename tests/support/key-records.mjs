// Key records as the background keeps them in storage.local ('key.records',
// by Innoslate origin), for tests that start where an earlier transfer left
// off. One shape, every field of src/key_record/mod.rs's KeyRecord, so that
// a field added there is added here once.

const DAY = 86_400_000;

/**
 * A record of a key saved in Innoslate's preferences at cloud.innoslate.com
 * 40 days ago, with no known expiry; `fields` replaces any of it.
 * @param {Record<string, unknown>} [fields]
 */
export function savedKeyRecord(fields = {}) {
  return {
    id: 'rec-a', origin: 'https://cloud.innoslate.com', masked: 'sk-...7fGh', name: 'Innoslate', project: '', owner: '',
    permissions: '', organization: '', api_organization: '', personal: false, created_ms: Date.now() - 40 * DAY,
    expires_ms: null, expiry: '', fields: ['chat_ai', 'image_ai'], saved: true, live: null, live_ms: null, replaces: '',
    revoked_ms: null, revoke_dismissed: false,
    ...fields,
  };
}

/**
 * Stores `records` (all of one origin) as that origin's, and nothing else,
 * through the extension's service worker (Playwright's Worker).
 * @param {import('@playwright/test').Worker} worker
 * @param {Array<Record<string, unknown>>} records
 */
export function storeKeyRecords(worker, records) {
  return worker.evaluate((list) => chrome.storage.local.set({ 'key.records': { [list[0].origin]: list } }), records);
}
