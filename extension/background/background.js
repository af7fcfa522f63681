// Background loader: starts the Rust core and routes runtime messages to it.
// All decisions (who may ask, what the answer is, where a key may go) are
// the core's. This file reduces the browser's sender object to plain facts,
// passes in stored settings and the clock, stores what the core hands back,
// and carries out the effects it asks for (open a tab, mirror or drop the
// key in session storage).
import init, { handleMessage, restoreVault } from '../core/innoslate_key_assistant.js';
import { LOCAL_KEYS, readSettings } from '../shared/settings.js';

const api = globalThis.browser ?? globalThis.chrome;
const own = { id: api.runtime.id, origin: new URL(api.runtime.getURL('')).origin };

// storage.session lives in memory only, is cleared when the browser closes,
// and is not readable by content scripts (Chromium's default access level;
// Firefox does not expose it to content scripts at all).
const progressKey = (tabId) => `guide.tab.${tabId}`;
const VAULT_KEY = 'vault';

// Start the core, then take back a key mirrored before a service-worker restart.
const ready = init({ module_or_path: api.runtime.getURL('core/innoslate_key_assistant_bg.wasm') }).then(async () => {
  const stored = await api.storage.session.get(VAULT_KEY);
  if (stored[VAULT_KEY] && !restoreVault(stored[VAULT_KEY], Date.now())) await api.storage.session.remove(VAULT_KEY);
});

const UNAVAILABLE = {
  kind: 'error', ok: false, code: 'core_unavailable',
  message: 'The extension could not start. Reload it from the browser\'s extensions page.',
};

// What the browser attests about the sender, and nothing the message says.
function senderFacts(sender) {
  return {
    id: sender.id ?? '',
    url: sender.url ?? '',
    origin: sender.origin ?? null,
    frame_id: Number.isInteger(sender.frameId) ? sender.frameId : null,
    in_tab: Boolean(sender.tab),
    tab_id: sender.tab && Number.isInteger(sender.tab.id) ? sender.tab.id : null,
    // Chromium names the document; Firefox does not (the URL still binds).
    document_id: typeof sender.documentId === 'string' ? sender.documentId : null,
  };
}

// One of our own pages (popup, options), by what the browser attests.
function fromOwnPage(sender) {
  if (sender.id !== own.id || typeof sender.url !== 'string' || !sender.url.startsWith(`${own.origin}/`)) return false;
  return sender.origin == null || sender.origin === own.origin;
}

// The tab a message concerns: the sender's own, as the browser reports it.
// Only our own pages may name another tab (`tab_id`); from anyone else the
// field is never read (and the core refuses the message).
function tabOf(message, sender) {
  if (fromOwnPage(sender) && message && Number.isInteger(message.tab_id)) return message.tab_id;
  return sender.tab && Number.isInteger(sender.tab.id) ? sender.tab.id : null;
}

async function openDestination(url) {
  let tabs = [];
  try {
    tabs = await api.tabs.query({ url: `${new URL(url).origin}/*` });
  } catch (_) { /* no host permission for that origin yet: open a new tab */ }
  const tab = tabs.find((t) => new URL(t.url).origin === new URL(url).origin);
  if (!tab) {
    await api.tabs.create({ url });
    return;
  }
  await api.tabs.update(tab.id, { active: true });
  await api.windows.update(tab.windowId, { focused: true }).catch(() => {});
  api.tabs.sendMessage(tab.id, { kind: 'refresh' }).catch(() => {});
}

async function runEffects(effects, vaultRecord) {
  for (const effect of effects) {
    if (effect.kind === 'persist_vault' && vaultRecord) await api.storage.session.set({ [VAULT_KEY]: vaultRecord });
    if (effect.kind === 'clear_vault') await api.storage.session.remove(VAULT_KEY);
    if (effect.kind === 'open_destination') await openDestination(effect.url);
  }
}

// Page reports arrive up to once a frame, so settings and progress are read
// from storage once and then kept here (written through on change). A
// restarted service worker starts with empty caches and reads storage again.
let settingsCache = null;
api.storage.onChanged.addListener((changes, area) => {
  if (area !== 'session') settingsCache = null;
  // Content scripts cannot watch storage.local where it is closed to them
  // (below), so they are told when the guide is switched on or off.
  if (area === 'local' && LOCAL_KEYS.guideOff in changes) refreshAllTabs();
});

async function refreshAllTabs() {
  // Needs no "tabs" permission: only ids are read; tabs without our content
  // script simply do not answer.
  for (const tab of await api.tabs.query({})) api.tabs.sendMessage(tab.id, { kind: 'refresh' }).catch(() => {});
}

// Where the browser allows it (Chromium), content scripts may not read or
// write storage.local at all, so only our own pages write the settings.
// Elsewhere (Firefox) settings.js verifies what it reads.
api.storage.local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => {});
// A revoked host permission unbinds a self-hosted address at once.
api.permissions.onRemoved.addListener(() => { settingsCache = null; });
const progressCache = new Map();

async function progressOf(key) {
  if (!progressCache.has(key)) {
    const stored = await api.storage.session.get(key);
    progressCache.set(key, stored[key] || {});
  }
  return progressCache.get(key);
}

async function answer(message, sender) {
  await ready;
  const tabId = tabOf(message, sender);
  const key = tabId === null ? null : progressKey(tabId);
  settingsCache ??= readSettings();
  const [progress, settings] = await Promise.all([key ? progressOf(key) : {}, settingsCache]);
  const context = {
    progress,
    guide_off: settings.guideOff,
    destination: settings.destination,
    ttl_ms: settings.ttlMinutes * 60_000,
    now_ms: Date.now(),
    // Names a fill offer, if this message leads to one.
    offer_nonce: crypto.randomUUID(),
  };
  const result = handleMessage(message, senderFacts(sender), own, context);
  if (result.progress && key) {
    progressCache.set(key, result.progress);
    await api.storage.session.set({ [key]: result.progress });
    // A change made from the popup shows at once in that tab.
    if (!sender.tab || sender.tab.id !== tabId) api.tabs.sendMessage(tabId, { kind: 'refresh' }).catch(() => {});
  }
  await runEffects(result.effects, result.vault_record);
  return result.reply;
}

// One message at a time per tab, so progress updates never overwrite each other.
const queues = new Map();

// Registered synchronously at start-up, as service workers require.
api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const lane = tabOf(message, sender) ?? 'none';
  const next = (queues.get(lane) ?? Promise.resolve())
    .then(() => answer(message, sender))
    .then(sendResponse, () => sendResponse(UNAVAILABLE));
  queues.set(lane, next);
  next.then(() => { if (queues.get(lane) === next) queues.delete(lane); });
  return true;
});

api.tabs.onRemoved.addListener((tabId) => {
  progressCache.delete(progressKey(tabId));
  api.storage.session.remove(progressKey(tabId));
});
