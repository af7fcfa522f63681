// "Send key" on OpenAI's "Save your key" screen: on the admin's trusted
// click on the callout's guarded button (click-guard.js judged it), reads
// the key from the element the core names and hands it to the background.
// Generic: which element comes from the core. The key is never logged or
// stored here, and the reference to it is dropped once it is sent.
// Filling a key into Innoslate is key-fill.js's, loaded only into a page
// the core offers a key to.
// @ts-check
'use strict';

/**
 * @param {HandoffPage} page what the callout shows, and how to report back into it
 * @type {(page: HandoffPage) => (confirm: boolean) => Promise<void>}
 */
var ikaKeyCapture = (page) => {
  const api = globalThis.browser ?? globalThis.chrome;
  // What the status line says, from extension/_locales (`content_*`).
  /** @type {(id: string, ...values: Array<string | number>) => string} */
  const text = (id, ...values) => chrome.i18n.getMessage(id, values.map(String));
  const { current, showStatus } = page;

  /** @param {Element} el */
  function readValue(el) {
    return 'value' in el && typeof el.value === 'string' ? el.value : el.textContent || '';
  }

  /** @param {Core.KeyReport} report */
  function problemsText(report) {
    return report.problems.map((p) => p.message).join(' ');
  }

  /**
   * Send key: reads the key from the element the shown overlay's capture
   * names and hands it to the core.
   * @param {boolean} confirm
   */
  async function capture(confirm) {
    const { decision, nodes } = current();
    // Only offered while the shown overlay has a capture.
    /** @type {string | null} */
    let key = readValue(nodes[/** @type {{ capture: Core.Capture }} */ (decision).capture.from]);
    /** @type {Core.Reply | null} */
    let reply;
    try {
      reply = await api.runtime.sendMessage({ kind: 'capture_key', v: 1, key, confirm }).catch(() => null);
    } finally {
      key = null;
    }
    if (!reply) return showStatus(text('content_no_answer'));
    if (reply.kind === 'captured') {
      return showStatus(text('content_key_sent', reply.vault.masked));
    }
    if (reply.kind === 'key_check' && reply.needs_confirmation) {
      return showStatus(text('content_key_doubtful', problemsText(reply.report)), { confirm: true });
    }
    if (reply.kind === 'key_check') return showStatus(text('content_key_unusable', problemsText(reply.report)));
    // Only an error has a message; any other reply reads as undefined.
    return showStatus(/** @type {{ message?: string }} */ (reply).message || text('content_key_not_sent'));
  }

  return capture;
};
