// Popup: entry point for the admin. Asks the background core for its status
// over the same checked message channel the content scripts use.
const api = globalThis.browser ?? globalThis.chrome;
const status = document.getElementById('core-status');

api.runtime.sendMessage({ kind: 'guide_status', v: 1 }).then(
  (reply) => {
    status.textContent = reply && reply.ok
      ? `Ready: core ${reply.version}, ${reply.guide_steps}-step OpenAI guide.`
      : (reply && reply.message) || 'The assistant did not answer. Reload the extension.';
  },
  () => { status.textContent = 'The assistant did not answer. Reload the extension.'; },
);
