// Background loader: starts the Rust core and routes runtime messages to it.
// All decisions (who may ask, what the answer is) are the core's. This file
// reduces the browser's sender object to plain facts, loads and stores the
// non-secret guide progress the core hands back, and nothing else.
import init, { handleMessage } from '../core/innoslate_key_assistant.js';

const api = globalThis.browser ?? globalThis.chrome;
const ready = init({ module_or_path: api.runtime.getURL('core/innoslate_key_assistant_bg.wasm') });
const own = { id: api.runtime.id, origin: new URL(api.runtime.getURL('')).origin };

// storage.session: kept in memory, cleared when the browser closes, and not
// readable by content scripts (Chromium's default access level).
const progressKey = (tabId) => `guide.tab.${tabId}`;
const GUIDE_OFF_KEY = 'guide.off';

const UNAVAILABLE = {
  kind: 'error', ok: false, code: 'core_unavailable',
  message: 'The extension could not start. Reload it from the browser\'s extensions page.',
};

function senderFacts(sender) {
  return {
    id: sender.id ?? '',
    url: sender.url ?? '',
    origin: sender.origin ?? null,
    frame_id: Number.isInteger(sender.frameId) ? sender.frameId : null,
    in_tab: Boolean(sender.tab),
  };
}

// The tab a message concerns: the one named by our popup, else the sender's.
// The core refuses a named tab from anyone but our own pages.
function tabOf(message, sender) {
  if (message && Number.isInteger(message.tab_id)) return message.tab_id;
  return sender.tab && Number.isInteger(sender.tab.id) ? sender.tab.id : null;
}

async function answer(message, sender) {
  await ready;
  const tabId = tabOf(message, sender);
  const key = tabId === null ? null : progressKey(tabId);
  const [session, local] = await Promise.all([
    key ? api.storage.session.get(key) : {},
    api.storage.local.get(GUIDE_OFF_KEY),
  ]);
  const context = { progress: (key && session[key]) || {}, guide_off: local[GUIDE_OFF_KEY] === true };
  const { reply, progress } = handleMessage(message, senderFacts(sender), own, context);
  if (progress && key) {
    await api.storage.session.set({ [key]: progress });
    // A change made from the popup shows at once in that tab.
    if (!sender.tab || sender.tab.id !== tabId) api.tabs.sendMessage(tabId, { kind: 'refresh' }).catch(() => {});
  }
  return reply;
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
  api.storage.session.remove(progressKey(tabId));
});
