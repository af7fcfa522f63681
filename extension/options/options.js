// Options: where the key may go, and how long it waits. The address is
// first read by the browser's own URL parser (what is not part of an origin
// is named and left out; credentials are refused), then checked by the
// core's origin rules (https only, localhost excepted). Access to a
// self-hosted origin is requested at the moment it is added, and the
// Innoslate content script is registered for it; the settings reader only
// believes a stored address that has both.
import init, { checkDestination } from '../core/innoslate_key_assistant.js';
import {
  DEFAULT_DESTINATION, LOCAL_KEYS, SELF_HOSTED_SCRIPT_ID, canonicalOrigin, clampMinutes, matchPatternOf, readSettings,
} from '../shared/settings.js';

const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);
const CONTENT_SCRIPTS = api.runtime.getManifest().content_scripts[0].js;

function show(id, text, isError = false) {
  $(id).textContent = text;
  $(id).classList.toggle('error', isError);
}

// Registers (or replaces) the content script for a self-hosted origin.
async function registerFor(pattern) {
  const existing = await api.scripting.getRegisteredContentScripts({ ids: [SELF_HOSTED_SCRIPT_ID] });
  const script = { id: SELF_HOSTED_SCRIPT_ID, matches: [pattern], js: CONTENT_SCRIPTS, runAt: 'document_idle', allFrames: false };
  if (existing.length > 0) await api.scripting.updateContentScripts([script]);
  else await api.scripting.registerContentScripts([script]);
}

async function unregister() {
  const existing = await api.scripting.getRegisteredContentScripts({ ids: [SELF_HOSTED_SCRIPT_ID] });
  if (existing.length > 0) await api.scripting.unregisterContentScripts({ ids: [SELF_HOSTED_SCRIPT_ID] });
}

async function saveDestination(input) {
  const read = canonicalOrigin(input);
  if (read.error) {
    show('destination-status', read.error, true);
    return;
  }
  const checked = checkDestination(read.origin);
  if (!checked.ok) {
    show('destination-status', checked.message, true);
    return;
  }
  if (checked.origin === DEFAULT_DESTINATION) {
    await unregister();
  } else {
    const pattern = matchPatternOf(checked.origin);
    // Must run inside the click that submitted the form: browsers only show
    // the permission prompt for a user action.
    const granted = await api.permissions.request({ origins: [pattern] });
    if (!granted) {
      show('destination-status', `Not saved: the extension needs your permission to fill the key on ${checked.origin}.`, true);
      return;
    }
    await registerFor(pattern);
  }
  await api.storage.local.set({ [LOCAL_KEYS.destination]: checked.origin });
  $('destination').value = checked.origin;
  const left = read.dropped.length ? ` Left out, as only the address counts: ${read.dropped.join(', ')}.` : '';
  show('destination-status', `Saved. Keys will only be filled on ${checked.origin}.${left}`);
}

$('destination-form').addEventListener('submit', (event) => {
  event.preventDefault();
  saveDestination($('destination').value);
});

$('use-cloud').addEventListener('click', () => saveDestination(DEFAULT_DESTINATION));

$('ttl-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const minutes = clampMinutes($('ttl').value);
  await api.storage.local.set({ [LOCAL_KEYS.ttlMinutes]: minutes });
  $('ttl').value = minutes;
  show('ttl-status', `Saved: ${minutes} minute${minutes === 1 ? '' : 's'}.`);
});

await init();
const settings = await readSettings();
$('destination').value = settings.destination;
$('ttl').value = settings.ttlMinutes;
if (settings.destinationError) show('destination-status', settings.destinationError, true);
if (settings.destinationManaged) {
  for (const id of ['destination', 'use-cloud']) $(id).disabled = true;
  $('destination-form').querySelector('button[type=submit]').disabled = true;
  if (!settings.destinationError) show('destination-status', 'Set by your organization.');
}
if (settings.ttlManaged) {
  $('ttl').disabled = true;
  $('ttl-form').querySelector('button[type=submit]').disabled = true;
  show('ttl-status', 'Set by your organization.');
}
