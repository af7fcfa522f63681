// The key buttons of Innoslate's pages: where the core offers a key (a fill
// or a live test), the Fill and Test buttons. Their code (key-fill.js,
// field-pick.js) is not in this bundle: the first offer on a page asks the
// background to run it here (`key_fill_script`), once, and the callout is
// drawn again with the buttons when it has run, or says they could not be
// loaded. Only Innoslate's bundle has this file; the OpenAI sites' has
// key-capture.js, which declares the same `ikaKeyButtons`.
// @ts-check
'use strict';

/** @type {IkaKeyButtonsFor} */
var ikaKeyButtons = (session, page) => {
  const api = globalThis.browser ?? globalThis.chrome;
  /** @type {IkaKeyFill | null} */
  let keyFill = null;
  let asked = false;
  // The decision shown when the page changed under its offer (an in-page
  // navigation, a field the offer names gone): the offer is void at once,
  // for the buttons and for the fill code, until a report brings the next
  // decision (with a new offer if the new page earns it). Each report's
  // reply is a new decision; drawing the same one again is not.
  /** @type {Core.Overlay | null} */
  let withdrawn = null;
  /** @param {Core.Overlay} decision as the core sent it; without its fill once withdrawn */
  const offered = (decision) => (decision === withdrawn ? { ...decision, fill: null } : decision);
  /** @returns {ShownGuide} */
  const current = () => {
    const shown = page.current();
    return shown.decision ? { ...shown, decision: offered(shown.decision) } : shown;
  };
  const withdraw = () => {
    const { decision } = current();
    if (!decision?.fill) return;
    withdrawn = decision;
    page.redraw();
    page.refresh();
  };

  return {
    actions(shown) {
      const decision = offered(shown);
      if (!decision.fill && !decision.live_test) return [];
      // The page cannot define a function in this world; an element named
      // after it (`<div id=ikaKeyFill>`) is not one.
      if (!keyFill && typeof ikaKeyFill === 'function') keyFill = ikaKeyFill(session, { ...page, current, withdraw, guard: ikaClickGuard, formOf: ikaPageFacts.formOf });
      if (keyFill) return keyFill.actions(decision);
      // Drawn again either way (after the session ended, nothing is).
      if (!asked) {
        asked = true;
        api.runtime.sendMessage({ kind: 'key_fill_script' }).catch(() => null)
          .then((reply) => (reply?.ok ? page.redraw() : page.showStatus(chrome.i18n.getMessage('content_fill_unavailable'))));
      }
      return [];
    },
    stop: () => keyFill?.stop(),
    onPageChange: () => keyFill?.onPageChange(),
  };
};
