// Popup: where the guide is in the current tab, the key in transit (masked,
// with its countdown), and a key checker. Guide and key state come from the
// background core over the checked message channel; the checker runs the
// core's validator in this window, so a pasted key never leaves it.
// @ts-check
import init, { validateKey } from '../core/innoslate_key_assistant.js';
import { LOCAL_KEYS } from '../shared/settings.js';

const api = globalThis.browser ?? globalThis.chrome;
// Elements of popup.html, which has every id used here.
/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} id */
const $input = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
/** @type {Record<Core.KeyKind, string>} */
const KIND_NAMES = {
  user: 'user key', project: 'project key', service_account: 'service-account key',
  admin: 'admin key', unknown_openai: 'unfamiliar OpenAI key shape', not_openai: 'not an OpenAI key',
};
/** @type {Record<Core.Verdict, string>} */
const VERDICTS = { valid: 'Innoslate can use this key.', suspicious: 'Probably usable, but the shape is unfamiliar.', invalid: 'Innoslate cannot use this.' };

/** @type {number | null} */
let tabId = null;
/** @type {ReturnType<typeof setInterval> | undefined} */
let countdown;

/** @returns {Promise<number | null>} */
async function activeTabId() {
  // Needs no "tabs" permission: only the id is read.
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  const id = tab?.id;
  return id !== undefined && Number.isInteger(id) ? id : null;
}

/**
 * @param {Core.UnversionedRequest} message
 * @returns {Promise<Core.Reply | null>} null when the background did not answer
 */
function send(message) {
  return api.runtime.sendMessage({ v: 1, ...message }).catch(() => null);
}

async function showGuide() {
  const reply = await send({ kind: 'guide_status', tab_id: tabId });
  if (!reply || reply.kind !== 'status') {
    $('core-status').textContent = (reply && reply.kind === 'error' && reply.message) || 'The assistant did not answer. Reload the extension.';
    return;
  }
  const g = reply.guide;
  $('core-status').textContent = `Ready: core ${reply.version}, ${g.total}-step OpenAI guide.`;
  $input('guide-on').checked = !g.guide_off;
  const started = g.number > 0;
  $('pause').hidden = !started;
  $('restart').hidden = !started;
  $('pause').textContent = g.paused ? 'Resume' : 'Pause';
  if (started) {
    $('guide-where').textContent = `${g.paused ? 'Paused at' : 'This tab is at'} step ${g.number} of ${g.total}: ${g.title}. ${g.done} of ${g.total} steps done.`;
  }
}

/** @param {number} ms */
function formatLeft(ms) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

async function showVault() {
  clearInterval(countdown);
  const reply = await send({ kind: 'vault_status' });
  const vault = reply && reply.kind === 'vault' ? reply.vault : null;
  $('vault-held').hidden = !vault;
  $('vault-empty').hidden = Boolean(vault);
  if (!vault) return;
  $('vault-masked').textContent = vault.masked;
  $('vault-kind').textContent = KIND_NAMES[vault.kind] || vault.kind;
  $('vault-destination').textContent = vault.destination;
  // The popup's clock and the background's agree: both are this browser's.
  const tick = () => {
    const left = vault.expires_at_ms - Date.now();
    $('vault-countdown').textContent = formatLeft(left);
    if (left <= 0) showVault();
  };
  tick();
  countdown = setInterval(tick, 1000);
}

/** @param {Core.KeyReport} result */
function showCheck(result) {
  const box = $('check-result');
  const verdict = document.createElement('p');
  verdict.className = 'verdict';
  verdict.textContent = `${VERDICTS[result.verdict]} (${KIND_NAMES[result.kind]}${result.masked ? `, ${result.masked}` : ''})`;
  const list = document.createElement('ul');
  for (const problem of result.problems) {
    const item = document.createElement('li');
    item.textContent = problem.message;
    list.append(item);
  }
  box.replaceChildren(verdict, ...(result.problems.length ? [list] : []));
}

$('pause').addEventListener('click', async () => {
  await send({ kind: 'guide_action', action: $('pause').textContent === 'Resume' ? 'resume' : 'pause', tab_id: tabId });
  await showGuide();
});
$('restart').addEventListener('click', async () => {
  await send({ kind: 'guide_action', action: 'restart', tab_id: tabId });
  await showGuide();
});
$('guide-on').addEventListener('change', async () => {
  await api.storage.local.set({ [LOCAL_KEYS.guideOff]: !$input('guide-on').checked });
  await showGuide();
});
$('vault-send').addEventListener('click', () => send({ kind: 'open_destination' }));
$('vault-clear').addEventListener('click', async () => {
  await send({ kind: 'clear_vault' });
  await showVault();
});
$('check-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $input('check-input');
  showCheck(validateKey(input.value));
  // The field is cleared so the key is not left on screen.
  input.value = '';
});

const coreReady = init();
tabId = await activeTabId();
await Promise.all([showGuide(), showVault(), coreReady]);
