// Popup: where the guide is in the current tab, the key in transit (masked,
// with its countdown), and a key checker. Guide and key state come from the
// background core over the checked message channel; the checker runs the
// core's validator in this window, so a pasted key never leaves it.
import init, { validateKey } from '../core/innoslate_key_assistant.js';
import { LOCAL_KEYS } from '../shared/settings.js';

const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);
const KIND_NAMES = {
  user: 'user key', project: 'project key', service_account: 'service-account key',
  admin: 'admin key', unknown_openai: 'unfamiliar OpenAI key shape', not_openai: 'not an OpenAI key',
};
const VERDICTS = { valid: 'Innoslate can use this key.', suspicious: 'Probably usable, but the shape is unfamiliar.', invalid: 'Innoslate cannot use this.' };

let tabId = null;
let countdown = 0;

async function activeTabId() {
  // Needs no "tabs" permission: only the id is read.
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab && Number.isInteger(tab.id) ? tab.id : null;
}

function send(message) {
  return api.runtime.sendMessage({ v: 1, ...message }).catch(() => null);
}

async function showGuide() {
  const reply = await send({ kind: 'guide_status', tab_id: tabId });
  if (!reply || !reply.ok) {
    $('core-status').textContent = (reply && reply.message) || 'The assistant did not answer. Reload the extension.';
    return;
  }
  const g = reply.guide;
  $('core-status').textContent = `Ready: core ${reply.version}, ${g.total}-step OpenAI guide.`;
  $('guide-on').checked = !g.guide_off;
  const started = g.number > 0;
  $('pause').hidden = !started;
  $('restart').hidden = !started;
  $('pause').textContent = g.paused ? 'Resume' : 'Pause';
  if (started) {
    $('guide-where').textContent = `${g.paused ? 'Paused at' : 'This tab is at'} step ${g.number} of ${g.total}: ${g.title}. ${g.done} of ${g.total} steps done.`;
  }
}

function formatLeft(ms) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

async function showVault() {
  clearInterval(countdown);
  const reply = await send({ kind: 'vault_status' });
  const vault = reply && reply.ok ? reply.vault : null;
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
$('guide-on').addEventListener('change', async (event) => {
  await api.storage.local.set({ [LOCAL_KEYS.guideOff]: !event.target.checked });
  await showGuide();
});
$('vault-send').addEventListener('click', () => send({ kind: 'open_destination' }));
$('vault-clear').addEventListener('click', async () => {
  await send({ kind: 'clear_vault' });
  await showVault();
});
$('check-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $('check-input');
  showCheck(validateKey(input.value));
  // The field is cleared so the key is not left on screen.
  input.value = '';
});

const coreReady = init();
tabId = await activeTabId();
await Promise.all([showGuide(), showVault(), coreReady]);
