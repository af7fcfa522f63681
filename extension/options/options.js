// Options: where the key may go, and how long it waits. The address is
// first read by the browser's own URL parser (what is not part of an origin
// is named and left out; credentials are refused), then checked by the
// core's origin rules (https only, localhost excepted). Access to a
// self-hosted origin is requested at the moment it is added, and the
// Innoslate content script is registered for it; the settings reader only
// believes a stored address that has both.
// @ts-check
import init, { checkDestination } from '../core/innoslate_key_assistant.js';
import { words } from '../shared/words.js';
import {
  DEFAULT_DESTINATION, LOCAL_KEYS, SELF_HOSTED_SCRIPT_ID, canonicalOrigin, clampMinutes, matchPatternOf, readSettings,
} from '../shared/settings.js';

const api = globalThis.browser ?? globalThis.chrome;
// Elements of options.html, which has every id used here.
/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} id */
const $input = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
/** @param {string} formId */
const submitOf = (formId) => /** @type {HTMLButtonElement} */ ($(formId).querySelector('button[type=submit]'));
// scripting.registerContentScripts wants paths from the extension root.
// Chromium's getManifest() gives them relative to the root; Firefox may give
// full moz-extension:// URLs (which it then refuses) and resolves a relative
// path against the calling page (options/…). A path starting with "/" means
// the root in both browsers.
// The manifest always declares them (the build checks it).
const CONTENT_SCRIPTS = /** @type {string[]} */ (api.runtime.getManifest().content_scripts?.[0]?.js).map(fromExtensionRoot);

/** @param {string} file */
function fromExtensionRoot(file) {
  return new URL(file, api.runtime.getURL('/')).pathname;
}

// Host permissions the extension holds, kept current so that the save path can
// tell, without waiting (which would end the click's permission to prompt),
// whether it is about to ask for a new one.
/** @type {Set<string>} */
const heldOrigins = new Set();

async function trackHeldOrigins() {
  const all = await api.permissions.getAll();
  for (const origin of all.origins || []) heldOrigins.add(origin);
  api.permissions.onAdded.addListener((added) => (added.origins || []).forEach((o) => heldOrigins.add(o)));
  api.permissions.onRemoved.addListener((removed) => (removed.origins || []).forEach((o) => heldOrigins.delete(o)));
}

/**
 * Shows a setting's status right below its field. The status is a polite
 * live region the field's aria-describedby names, so it is announced when it
 * changes and read again with the field.
 * @param {string} id
 * @param {string} text
 * @param {'note' | 'error' | 'saved'} kind
 */
function show(id, text, kind = 'note') {
  $(id).textContent = text;
  $(id).classList.toggle('error', kind === 'error');
  $(id).classList.toggle('saved', kind === 'saved');
}

/**
 * Marks the address field as holding an address that cannot be used (or
 * clears the mark), so assistive technology says so with the field.
 * @param {boolean} invalid
 */
function markAddress(invalid) {
  if (invalid) $input('destination').setAttribute('aria-invalid', 'true');
  else $input('destination').removeAttribute('aria-invalid');
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

/** @param {string} input */
async function saveDestination(input) {
  const read = canonicalOrigin(input);
  if (read.error !== undefined) {
    markAddress(true);
    show('destination-status', read.error, 'error');
    return;
  }
  const checked = checkDestination(read.origin);
  if (!checked.ok) {
    markAddress(true);
    show('destination-status', words(checked.message), 'error');
    return;
  }
  markAddress(false);
  // Set when this save asked for a permission the extension did not hold:
  // it is given back if the save then fails, so nothing is left granted for
  // an address that was not saved.
  let grantedNow = null;
  try {
    if (checked.origin === DEFAULT_DESTINATION) {
      await unregister();
    } else {
      // Must run inside the click that submitted the form, before any await:
      // browsers only show the permission prompt for a user action.
      const pattern = matchPatternOf(checked.origin);
      const heldBefore = heldOrigins.has(pattern);
      const granted = await api.permissions.request({ origins: [pattern] });
      if (!granted) {
        show('destination-status', `Not saved: the extension needs your permission to fill the key on ${checked.origin}.`, 'error');
        return;
      }
      if (!heldBefore) grantedNow = pattern;
      await registerFor(pattern);
    }
    await api.storage.local.set({ [LOCAL_KEYS.destination]: checked.origin });
  } catch (error) {
    if (grantedNow) await api.permissions.remove({ origins: [grantedNow] }).catch(() => {});
    show('destination-status', `Not saved: the browser would not set up the extension for ${checked.origin} (${reasonOf(error)}). Nothing was changed. Try again; if it keeps failing, reload the extension from the browser's extensions page.`, 'error');
    return;
  }
  $input('destination').value = checked.origin;
  const left = read.dropped.length ? ` Left out, as only the address counts: ${read.dropped.join(', ')}.` : '';
  show('destination-status', `Saved. Keys will only be filled on ${checked.origin}.${left}`, 'saved');
}

/** @param {unknown} error */
function reasonOf(error) {
  const message = error instanceof Error ? error.message : '';
  const text = message || String(error);
  return text.trim() || 'no reason given';
}

$('destination-form').addEventListener('submit', (event) => {
  event.preventDefault();
  saveDestination($input('destination').value);
});

$('use-cloud').addEventListener('click', () => saveDestination(DEFAULT_DESTINATION));

// Editing the address takes back the mark of the address that was refused.
$('destination').addEventListener('input', () => markAddress(false));

$('ttl-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const minutes = clampMinutes($input('ttl').value);
  try {
    await api.storage.local.set({ [LOCAL_KEYS.ttlMinutes]: minutes });
  } catch (error) {
    show('ttl-status', `Not saved: the browser could not store the setting (${reasonOf(error)}). Try again.`, 'error');
    return;
  }
  $input('ttl').value = String(minutes);
  show('ttl-status', `Saved: ${minutes} minute${minutes === 1 ? '' : 's'}.`, 'saved');
});

// Says what to do when the browser no longer lets the extension work on a
// site it needs: Firefox lets users take host access back in about:addons,
// and then the guide or the fill would silently not appear.
const REGRANT_HINT = 'Allow it again on the browser\'s add-ons page (in Firefox: about:addons, Innoslate Key Assistant, Permissions).';

/**
 * @param {string} destination
 * @param {string} destinationError why the saved address is not used, if it is not
 */
async function warnIfAccessRevoked(destination, destinationError) {
  /** @type {string[]} */
  const problems = destinationError ? [destinationError] : [];
  const checked = checkDestination(destination);
  if (!destinationError && checked.ok && !(await api.permissions.contains({ origins: [checked.match_pattern] }))) {
    problems.push(checked.origin === DEFAULT_DESTINATION
      ? `The browser no longer lets the extension fill the key on ${checked.origin}. ${REGRANT_HINT}`
      : `The browser no longer lets the extension fill the key on ${checked.origin}. Choose Save address to allow it again.`);
  }
  const guided = (api.runtime.getManifest().content_scripts?.[0]?.matches ?? []).filter((m) => !m.includes('innoslate'));
  const missing = [];
  for (const pattern of guided) {
    if (!(await api.permissions.contains({ origins: [pattern] }))) missing.push(new URL(pattern.replace('/*', '/')).host);
  }
  if (missing.length > 0) {
    problems.push(`The browser no longer lets the extension guide you on ${missing.join(' and ')}. ${REGRANT_HINT}`);
  }
  if (problems.length > 0) show('destination-status', problems.join(' '), 'error');
}

try {
  await init();
  await trackHeldOrigins();
  const settings = await readSettings();
  $input('destination').value = settings.destination;
  $input('ttl').value = String(settings.ttlMinutes);
  if (settings.destinationManaged) {
    for (const id of ['destination', 'use-cloud']) $input(id).disabled = true;
    submitOf('destination-form').disabled = true;
    if (settings.destinationError) show('destination-status', settings.destinationError, 'error');
    else show('destination-status', 'Set by your organization.');
  } else {
    await warnIfAccessRevoked(settings.destination, settings.destinationError);
  }
  if (settings.ttlManaged) {
    $input('ttl').disabled = true;
    submitOf('ttl-form').disabled = true;
    show('ttl-status', 'Set by your organization.');
  }
} catch (error) {
  show('destination-status', `The options could not be loaded (${reasonOf(error)}). Reload this page; if that does not help, reload the extension from the browser's extensions page.`, 'error');
}
