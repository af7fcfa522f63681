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
  DEFAULT_DESTINATION, LOCAL_KEYS, canonicalOrigin, clampMinutes, matchPatternOf, readSettings,
} from '../shared/settings.js';
import { registerFor, selfHostedPattern, unregister } from '../shared/self-hosted-script.js';

const api = globalThis.browser ?? globalThis.chrome;
// Elements of options.html, which has every id used here.
/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} id */
const $input = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
/** @param {string} formId */
const submitOf = (formId) => /** @type {HTMLButtonElement} */ ($(formId).querySelector('button[type=submit]'));
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

/**
 * Only the saved address keeps its access: what an earlier self-hosted
 * address was granted is given back. The background registers the content
 * script again after an update for an address whose access is held, so no
 * address but the saved one can be set up again without the admin.
 * @param {unknown} before the address stored until this save
 * @param {string} now the address just saved
 */
async function giveBackAccessOf(before, now) {
  const pattern = selfHostedPattern(before);
  if (!pattern || pattern === selfHostedPattern(now)) return;
  // Refused for an access the manifest itself grants, which stays.
  await api.permissions.remove({ origins: [pattern] }).catch(() => {});
}

/** The organization's self-hosted address, while its access is missing. */
let managedOrigin = '';

/**
 * A policy's address: keys are filled there only with the admin's
 * permission for it, which a policy cannot give, so the page asks for it
 * on the admin's click (Allow access). Where it is held, the content
 * script is registered (again) at once.
 * @param {string} origin
 */
async function showManagedAccess(origin) {
  const pattern = matchPatternOf(origin);
  if (origin === DEFAULT_DESTINATION || heldOrigins.has(pattern)) {
    if (origin !== DEFAULT_DESTINATION) await registerFor(pattern);
    show('destination-status', 'Set by your organization.');
    return;
  }
  managedOrigin = origin;
  show('destination-status', `Set by your organization. To fill the key on ${origin}, the extension needs your permission there: choose Allow access.`, 'error');
  $('allow-access').hidden = false;
}

async function allowManagedAccess() {
  if (!managedOrigin) return;
  const origin = managedOrigin;
  const pattern = matchPatternOf(origin);
  // Inside the click, before any other await (as when saving an address).
  const granted = await api.permissions.request({ origins: [pattern] }).catch(() => false);
  if (!granted) {
    show('destination-status', `Not allowed: without your permission on ${origin} the extension cannot fill the key there. Choose Allow access to be asked again.`, 'error');
    return;
  }
  try {
    await registerFor(pattern);
  } catch (error) {
    await api.permissions.remove({ origins: [pattern] }).catch(() => {});
    show('destination-status', `Not allowed: the browser would not set up the extension for ${origin} (${reasonOf(error)}). Try again; if it keeps failing, reload the extension from the browser's extensions page.`, 'error');
    return;
  }
  managedOrigin = '';
  // The button goes; focus stays in the setting, on its heading.
  $('destination-title').focus();
  $('allow-access').hidden = true;
  show('destination-status', `Set by your organization. Keys will only be filled on ${origin}.`, 'saved');
}

// Set once the core has started and the held permissions are known. A
// save before then is refused with words, not waited for: waiting would
// end the click's permission to prompt.
let loaded = false;

/** @param {string} input */
async function saveDestination(input) {
  if (!loaded) {
    show('destination-status', 'This page is still loading. Try again in a moment.', 'error');
    return;
  }
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
    const before = (await api.storage.local.get(LOCAL_KEYS.destination))[LOCAL_KEYS.destination];
    await api.storage.local.set({ [LOCAL_KEYS.destination]: checked.origin });
    await giveBackAccessOf(before, checked.origin);
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
$('allow-access').addEventListener('click', () => { allowManagedAccess(); });

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
  // Each site once: the page-world watcher's entry lists them again.
  const guided = [...new Set((api.runtime.getManifest().content_scripts ?? []).flatMap((entry) => entry.matches ?? []))]
    .filter((m) => m !== `${DEFAULT_DESTINATION}/*`);
  // Read from the held origins (permissions.getAll()), not contains():
  // Chromium's contains() does not count the content scripts' match
  // patterns, so it would report the guided sites as taken back on every
  // visit; getAll() lists them in both browsers, and Firefox drops them
  // when the admin takes the access back.
  const missing = guided.filter((pattern) => !heldOrigins.has(pattern)).map((pattern) => new URL(pattern.replace('/*', '/')).host);
  if (missing.length > 0) {
    problems.push(`The browser no longer lets the extension guide you on ${missing.join(' and ')}. ${REGRANT_HINT}`);
  }
  if (problems.length > 0) show('destination-status', problems.join(' '), 'error');
}

try {
  await init();
  await trackHeldOrigins();
  loaded = true;
  const settings = await readSettings();
  $input('destination').value = settings.destination;
  $input('ttl').value = String(settings.ttlMinutes);
  if (settings.destinationManaged) {
    for (const id of ['destination', 'use-cloud']) $input(id).disabled = true;
    submitOf('destination-form').disabled = true;
    if (settings.destinationError) show('destination-status', settings.destinationError, 'error');
    else await showManagedAccess(settings.destination);
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
} finally {
  // Loaded, and any warning about the saved address shown.
  document.querySelector('main')?.removeAttribute('aria-busy');
}
