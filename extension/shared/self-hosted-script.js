// The content scripts for a self-hosted Innoslate address: registered by the
// options page when the admin saves the address, or allows the extension on
// the address an organization's policy sets (after granting access), and
// registered again by the background when the browser has dropped it.
// Browsers clear registered content scripts whenever the extension is
// installed again or updated, while the stored address and the granted
// access stay; without this the guide and the key's fill would stop on the
// admin's Innoslate after every update, until the address was saved again.
// @ts-check
import {
  DEFAULT_DESTINATION, LOCAL_KEYS, SELF_HOSTED_SCRIPT_ID, canonicalOrigin, matchPatternOf, readSettings,
} from './settings.js';

const api = globalThis.browser ?? globalThis.chrome;

// The page-world watcher's registration, beside the content scripts'.
const PAGE_WORLD_SCRIPT_ID = `${SELF_HOSTED_SCRIPT_ID}-page-world`;

// The scripts for a self-hosted origin: the manifest's entries for the
// hosted Innoslate (its content scripts, whose key buttons are the fill's,
// and page-changes.js in the page's own world), matching `pattern` instead.
// scripting.registerContentScripts wants paths from the extension root.
// Chromium's getManifest() gives them relative to the root; Firefox may give
// full moz-extension:// URLs (which it then refuses) and resolves a relative
// path against the calling page (options/…). A path starting with "/" means
// the root in both browsers. The manifest always declares them (the build
// checks it), and reading them here keeps a registration made after an
// update pointing at this version's files.
/**
 * @param {string} pattern
 * @returns {chrome.scripting.RegisteredContentScript[]}
 */
function scriptsFor(pattern) {
  const root = api.runtime.getURL('/');
  const entries = api.runtime.getManifest().content_scripts ?? [];
  return entries.filter((entry) => entry.matches?.includes(`${DEFAULT_DESTINATION}/*`)).map((entry) => {
    const pageWorld = /** @type {{ world?: string }} */ (entry).world === 'MAIN';
    return {
      id: pageWorld ? PAGE_WORLD_SCRIPT_ID : SELF_HOSTED_SCRIPT_ID,
      matches: [pattern],
      js: (entry.js ?? []).map((file) => new URL(file, root).pathname),
      runAt: entry.run_at ?? 'document_idle',
      allFrames: false,
      ...(pageWorld ? { world: /** @type {chrome.scripting.ExecutionWorld} */ ('MAIN') } : {}),
    };
  });
}

/**
 * Registers (or replaces) the content scripts for a self-hosted origin.
 * @param {string} pattern
 */
export async function registerFor(pattern) {
  const scripts = scriptsFor(pattern);
  const existing = await api.scripting.getRegisteredContentScripts({ ids: scripts.map((s) => s.id) });
  const known = new Set(existing.map((s) => s.id));
  const changed = scripts.filter((s) => known.has(s.id));
  const added = scripts.filter((s) => !known.has(s.id));
  if (changed.length > 0) await api.scripting.updateContentScripts(changed);
  if (added.length > 0) await api.scripting.registerContentScripts(added);
}

export async function unregister() {
  const existing = await api.scripting.getRegisteredContentScripts({ ids: [SELF_HOSTED_SCRIPT_ID, PAGE_WORLD_SCRIPT_ID] });
  if (existing.length > 0) await api.scripting.unregisterContentScripts({ ids: existing.map((s) => s.id) });
}

/**
 * The match pattern of `address` when it is a self-hosted origin as the
 * options page stores it (canonical, not the hosted Innoslate); else null.
 * @param {unknown} address
 */
export function selfHostedPattern(address) {
  if (typeof address !== 'string' || address === DEFAULT_DESTINATION) return null;
  return canonicalOrigin(address).origin === address ? matchPatternOf(address) : null;
}

/**
 * Registers the content script for `address` if it is a self-hosted origin
 * the admin granted access to. Whether it did.
 * @param {unknown} address
 */
async function registerIfAllowed(address) {
  const pattern = selfHostedPattern(address);
  if (!pattern || !(await api.permissions.contains({ origins: [pattern] }))) return false;
  await registerFor(pattern);
  return true;
}

/**
 * After an install or update, or a new policy: registers the content
 * script for the self-hosted address, only if the admin's grant for it is
 * held (for a saved address the settings reader believes it only with
 * both). Asks for nothing: a grant that is missing stays missing, and the
 * options page says so (and, for a policy's address, offers to ask). The
 * saved address is served at once; the policy's, which wins, once read
 * (the first policy read in a new browser can take seconds).
 */
export async function restoreSelfHostedScript() {
  const stored = (await api.storage.local.get(LOCAL_KEYS.destination))[LOCAL_KEYS.destination];
  await registerIfAllowed(stored);
  const settings = await readSettings();
  if (!settings.destinationManaged || settings.destination === stored) return;
  // Only the policy's address keeps a script; without its grant, none.
  if (!(await registerIfAllowed(settings.destination))) await unregister();
}
