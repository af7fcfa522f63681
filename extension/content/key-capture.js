// The key button of OpenAI's pages: "Send key" on the "Save your key"
// screen. On the admin's trusted click on the callout's guarded button
// (click-guard.js judged it), reads the key from the element the core names
// and hands it to the background. Generic: which element comes from the
// core. The key is never logged or stored here, and the reference to it is
// dropped once it is sent. Only the OpenAI sites' bundle has this file;
// Innoslate's has fill-offer.js, which declares the same `ikaKeyButtons`.
// @ts-check
'use strict';

/** @type {IkaKeyButtonsFor} */
var ikaKeyButtons = (_session, page) => {
  const api = globalThis.browser ?? globalThis.chrome;
  // What the status line says, from extension/_locales (`content_*`).
  /** @type {(id: string) => string} */
  const text = (id) => chrome.i18n.getMessage(id);
  const SEND_ANYWAY = text('content_send_anyway');
  const { current, showStatus } = page;

  /** @param {Element} el */
  function readValue(el) {
    return 'value' in el && typeof el.value === 'string' ? el.value : el.textContent || '';
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
    // The background put a key taken or refused into words (`status`); an
    // error has a message; a doubtful key asks for "Send anyway".
    if (!reply) return showStatus(text('content_no_answer'));
    const said = reply.status || /** @type {{ message?: string }} */ (reply).message;
    return showStatus(said || text('content_key_not_sent'), { confirm: reply.kind === 'key_check' && reply.needs_confirmation });
  }

  return {
    // "Send key", or "Send anyway" once the core has doubts about the key.
    actions({ capture: offered }, confirming) {
      if (!offered) return [];
      return [confirming
        ? { label: SEND_ANYWAY, kind: 'primary', guarded: true, run: () => capture(true) }
        : { label: offered.label, kind: 'primary', guarded: true, run: () => capture(false) }];
    },
  };
};
