// What the guide overlay shows, read from inside its closed shadow root.
// Neither the page nor a content script can reach that root; the test
// drivers can (Chromium through the DevTools protocol, Firefox through a
// WebDriver BiDi shared reference) and hand it to this function, which runs
// in the page with the root as its argument. Self-contained for that reason.

/** Runs in the page. Returns the overlay's state as plain data. */
export function readOverlayIn(root) {
  const boxOf = (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height, hidden: el.hidden || getComputedStyle(el).display === 'none' };
  };
  const callout = root.querySelector('[role="dialog"]');
  const spotlight = root.querySelector('.spotlight');
  const labelledBy = callout && callout.getAttribute('aria-labelledby');
  return {
    shadowRootType: root.mode,
    hostHidden: root.host.hidden,
    callout: callout && {
      role: callout.getAttribute('role'),
      ariaModal: callout.getAttribute('aria-modal'),
      text: callout.innerText,
      labelText: labelledBy ? (root.getElementById(labelledBy)?.textContent ?? null) : null,
      box: boxOf(callout),
      buttons: [...callout.querySelectorAll('button')].filter((b) => !b.hidden).map((b) => {
        const r = b.getBoundingClientRect();
        return { text: b.textContent, x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }),
    },
    // The advice lines under the instruction (warnings about the page's choices).
    advice: [...root.querySelectorAll('.advice li')].map((li) => li.textContent),
    spotlight: spotlight && boxOf(spotlight),
    // Hidden by Esc or the close button (the host stays).
    calloutHidden: Boolean(callout) && callout.getClientRects().length === 0,
    // What has focus in the root: 'callout' (the dialog itself), a button's text, or null.
    focus: root.activeElement
      ? (root.activeElement.getAttribute('role') === 'dialog' ? 'callout' : root.activeElement.textContent) : null,
    showGuide: Boolean(root.querySelector('.show-guide:not([hidden])')),
  };
}
