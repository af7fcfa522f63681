// Background loader: starts the Rust core and routes runtime messages to it.
// All decisions (who may ask, what the answer is) are the core's; this file
// only reduces the browser's sender object to plain facts and passes it on.
import init, { handleMessage } from '../core/innoslate_key_assistant.js';

const api = globalThis.browser ?? globalThis.chrome;
const ready = init({ module_or_path: api.runtime.getURL('core/innoslate_key_assistant_bg.wasm') });
const own = { id: api.runtime.id, origin: new URL(api.runtime.getURL('')).origin };

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

// Registered synchronously at start-up, as service workers require.
api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  ready
    .then(() => sendResponse(handleMessage(message, senderFacts(sender), own)))
    .catch(() => sendResponse(UNAVAILABLE));
  return true;
});
