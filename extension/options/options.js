// Options: where the key may go, and how long it waits. The address is
// checked by the core's own origin rules (https only, localhost excepted),
// access to a self-hosted origin is requested at the moment it is added, and
// the Innoslate content script is registered for it.
// @ts-check
import init, { checkDestination } from '../core/innoslate_key_assistant.js';
import { DEFAULT_DESTINATION, LOCAL_KEYS, clampMinutes, readSettings } from '../shared/settings.js';

const api = globalThis.browser ?? globalThis.chrome;
// Elements of options.html, which has every id used here.
/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} id */
const $input = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
/** @param {string} id */
const $button = (id) => /** @type {HTMLButtonElement} */ (document.getElementById(id));
/** @param {string} formId */
const submitOf = (formId) => /** @type {HTMLButtonElement} */ ($(formId).querySelector('button[type=submit]'));
const SELF_HOSTED_SCRIPT_ID = 'innoslate-self-hosted';
// The manifest always declares them (the build checks it).
const CONTENT_SCRIPTS = /** @type {string[]} */ (api.runtime.getManifest().content_scripts?.[0]?.js);

/**
 * @param {string} id
 * @param {string} text
 */
function show(id, text, isError = false) {
  $(id).textContent = text;
  $(id).classList.toggle('error', isError);
}

// Registers (or replaces) the content script for a self-hosted origin.
/** @param {string} pattern */
async function registerFor(pattern) {
  const existing = await api.scripting.getRegisteredContentScripts({ ids: [SELF_HOSTED_SCRIPT_ID] });
  /** @type {chrome.scripting.RegisteredContentScript} */
  const script = { id: SELF_HOSTED_SCRIPT_ID, matches: [pattern], js: CONTENT_SCRIPTS, runAt: 'document_idle', allFrames: false };
  if (existing.length > 0) await api.scripting.updateContentScripts([script]);
  else await api.scripting.registerContentScripts([script]);
}

async function unregister() {
  const existing = await api.scripting.getRegisteredContentScripts({ ids: [SELF_HOSTED_SCRIPT_ID] });
  if (existing.length > 0) await api.scripting.unregisterContentScripts({ ids: [SELF_HOSTED_SCRIPT_ID] });
}

// The core accepts only an exact origin; the browser's URL parser makes one
// of what the admin typed (https:// added if missing; case, the default port
// and any path dropped). A user name or password is passed on as typed, so
// that the core refuses it and says why.
/** @param {string} typed */
function typedOrigin(typed) {
  const text = typed.trim();
  try {
    const url = new URL(text.includes('://') ? text : `https://${text}`);
    return url.username || url.password || url.origin === 'null' ? text : url.origin;
  } catch {
    return text;
  }
}

/** @param {string} input */
async function saveDestination(input) {
  const checked = checkDestination(typedOrigin(input));
  if (!checked.ok) {
    show('destination-status', checked.message, true);
    return;
  }
  if (checked.origin === DEFAULT_DESTINATION) {
    await unregister();
  } else {
    // Must run inside the click that submitted the form: browsers only show
    // the permission prompt for a user action.
    const granted = await api.permissions.request({ origins: [checked.match_pattern] });
    if (!granted) {
      show('destination-status', `Not saved: the extension needs your permission to fill the key on ${checked.origin}.`, true);
      return;
    }
    await registerFor(checked.match_pattern);
  }
  await api.storage.local.set({ [LOCAL_KEYS.destination]: checked.origin });
  $input('destination').value = checked.origin;
  show('destination-status', `Saved. Keys will only be filled on ${checked.origin}.`);
}

$('destination-form').addEventListener('submit', (event) => {
  event.preventDefault();
  saveDestination($input('destination').value);
});

$('use-cloud').addEventListener('click', () => saveDestination(DEFAULT_DESTINATION));

$('ttl-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const minutes = clampMinutes($input('ttl').value);
  await api.storage.local.set({ [LOCAL_KEYS.ttlMinutes]: minutes });
  $input('ttl').value = String(minutes);
  show('ttl-status', `Saved: ${minutes} minute${minutes === 1 ? '' : 's'}.`);
});

await init();
const settings = await readSettings();
$input('destination').value = settings.destination;
$input('ttl').value = String(settings.ttlMinutes);
if (settings.destinationManaged) {
  $input('destination').disabled = true;
  $button('use-cloud').disabled = true;
  submitOf('destination-form').disabled = true;
  show('destination-status', 'Set by your organization.');
}
if (settings.ttlManaged) {
  $input('ttl').disabled = true;
  submitOf('ttl-form').disabled = true;
  show('ttl-status', 'Set by your organization.');
}
