// Popup: where the guide is in the current tab, and the admin's controls
// for it. Talks to the background core over the same checked channel the
// content scripts use; never sees anything secret.
const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);
const GUIDE_OFF_KEY = 'guide.off';

let tabId = null;

async function activeTabId() {
  // Needs no "tabs" permission: only the id is read.
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab && Number.isInteger(tab.id) ? tab.id : null;
}

function send(message) {
  return api.runtime.sendMessage({ v: 1, ...message }).catch(() => null);
}

async function showStatus() {
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
    $('guide-where').textContent = `${g.paused ? 'Paused at' : 'This tab is at'} step ${g.number} of ${g.total}: ${g.title}.`;
  }
}

$('pause').addEventListener('click', async () => {
  await send({ kind: 'guide_action', action: $('pause').textContent === 'Resume' ? 'resume' : 'pause', tab_id: tabId });
  await showStatus();
});

$('restart').addEventListener('click', async () => {
  await send({ kind: 'guide_action', action: 'restart', tab_id: tabId });
  await showStatus();
});

$('guide-on').addEventListener('change', async (event) => {
  await api.storage.local.set({ [GUIDE_OFF_KEY]: !event.target.checked });
  await showStatus();
});

tabId = await activeTabId();
await showStatus();
