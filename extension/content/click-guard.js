// Every rule against clickjacking, in one place. A click that moves the key
// (Send key, Fill, the field the admin picks) or spends it (the live test)
// counts only if the browser attests it came from the admin (`trusted`),
// what it presses is what really is under the pointer (`onTop`, the one hit
// test), and that has stood still on screen for SETTLE_MS (the one settle
// time). For the callout, the host must also be as we left it: at home, only
// our attribute, open in the top layer, not buried under a page popover, not
// hidden by styles, shown by us (not hidden by Esc, not staged invisible),
// and seen by the browser where it can tell; page changes
// to the host are undone here, within a budget.
// @ts-check
'use strict';

/** @type {IkaClickGuard} */
var ikaClickGuard = (() => {
  // Time to see what is under the pointer before pressing it: a button that
  // just appeared or moved, or a field the page just slid there.
  const SETTLE_MS = 500;
  // A page that keeps undoing our repairs gets the screen after this many per
  // window, never the click: the guard still finds the damage.
  const REPAIR_LIMIT = 8;
  const REPAIR_WINDOW_MS = 2000;
  // Chromium's IntersectionObserver v2 also reports occlusion and effects.
  const SEES_OCCLUSION = 'isVisible' in IntersectionObserverEntry.prototype;
  // Computed styles that, on the host or an ancestor, could hide the callout
  // unless 'none' (the hit test catches one that merely moves it: translate).
  /** @type {Array<'transform' | 'scale' | 'rotate' | 'filter' | 'clipPath' | 'maskImage'>} */
  const NONE_STYLES = ['transform', 'scale', 'rotate', 'filter', 'clipPath', 'maskImage'];
  // Why a click did not count (extension/_locales: the words are not in the
  // injected code, and can be translated).
  const COVERED = chrome.i18n.getMessage('content_covered');
  const TOO_SOON = chrome.i18n.getMessage('content_too_soon');

  // The one isTrusted rule: only the browser can say a person made the event.
  /** @param {Event | null | undefined} event */
  const trusted = (event) => Boolean(event && event.isTrusted);

  /** @param {number} since when it last appeared or moved (performance.now()) */
  const settled = (since) => performance.now() - since >= SETTLE_MS;

  // The one hit test: whether a click at (x, y) reaches `node`; inside a
  // shadow root (our closed one), through its host.
  /**
   * @param {Element} node
   * @param {number} x
   * @param {number} y
   */
  function onTop(node, x, y) {
    const root = node.getRootNode();
    const top = document.elementFromPoint(x, y);
    return root instanceof ShadowRoot ? top === root.host && node.contains(root.elementFromPoint(x, y)) : top === node;
  }

  // The page's open modal dialogs: native ones, and ARIA ones on screen.
  const modals = () => [...document.querySelectorAll('dialog:modal,[role=dialog][aria-modal=true]')]
    .filter((node) => node.localName === 'dialog' || node.getClientRects().length > 0);

  // Whether `start` or an ancestor has a computed style that could hide
  // the callout, or is inert.
  /** @param {HTMLElement} start */
  function styleHides(start) {
    for (let /** @type {HTMLElement | null} */ node = start; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      // `<` compares the computed strings as numbers.
      if (node.inert || /** @type {number} */ (/** @type {unknown} */ (style.opacity)) < 1
        || /** @type {number} */ (/** @type {unknown} */ (style.zoom)) < 1 || style.contentVisibility === 'hidden'
        || NONE_STYLES.some((name) => (style[name] || 'none') !== 'none')) return true;
    }
    return false;
  }

  // Where the host belongs: under <html>, or, while the page shows a modal
  // dialog (which makes everything outside it inert, top layer or not),
  // inside that dialog, the one place where its buttons can be pressed.
  // Visible ARIA modal dialogs count too: their focus traps pull focus back
  // from anything outside them, which would leave the callout unreachable.
  // Not one whose styles would make the guard refuse every click (a dialog
  // centred with a transform): there the callout's buttons matter more.
  function home() {
    const open = modals().filter((node) => node.localName === 'dialog' || !styleHides(/** @type {HTMLElement} */ (node)));
    return open[open.length - 1] || document.documentElement;
  }

  /**
   * Guards the callout's host for the lifetime `signal`: keeps it intact and
   * judges clicks on its buttons. `moved()` runs when a repair put the host
   * in a new place.
   * @param {{ host: HTMLElement, layer: HTMLElement, callout: HTMLElement }} dom
   * @param {AbortSignal} signal
   * @param {() => void} moved
   */
  function guardHost({ host, layer, callout }, signal, moved) {
    // The settle clock: since when the callout has been shown, still and seen.
    let since = 0;
    // The browser's occlusion verdict: undefined until it gives one for the
    // callout as now shown (a click then is too soon, not covered); assumed
    // where it gives none.
    /** @type {boolean | undefined} */
    let seen = SEES_OCCLUSION ? undefined : true;
    /** @type {number[]} when the host was repaired, within REPAIR_WINDOW_MS */
    let repairs = [];
    // Page top-layer elements opened since we last rose above them.
    /** @type {Set<Element>} */
    const above = new Set();
    const hostWatch = new MutationObserver(check);
    const sightWatch = SEES_OCCLUSION && new IntersectionObserver((entries) => {
      // An observer reports at least one entry.
      seen = Boolean(/** @type {IntersectionObserverEntry} */ (entries.pop()).isVisible);
      if (seen) settle();
    }, { trackVisibility: true, delay: 100 });

    function settle() {
      since = performance.now();
    }

    function raise() {
      // Re-entering the top layer puts us above what the page opened since.
      above.clear();
      settle();
      try {
        if (host.matches(':popover-open')) host.hidePopover();
        host.showPopover();
      } catch (_) { /* not connected: repaired when it is put back */ }
    }

    // The host as we left it: at home, no attributes but ours, open.
    function intact() {
      return host.parentNode === home()
        && host.attributes.length === 1 && host.getAttribute('popover') === 'manual' && host.matches(':popover-open');
    }

    // Undoes the page's changes to the host and rises again, within a
    // budget; whether it did.
    function repair() {
      const now = performance.now();
      repairs = repairs.filter((t) => now - t < REPAIR_WINDOW_MS);
      if (repairs.length >= REPAIR_LIMIT) return false;
      repairs.push(now);
      for (const name of host.getAttributeNames()) host.removeAttribute(name);
      host.setAttribute('popover', 'manual');
      const place = home();
      if (host.parentNode !== place) {
        place.append(host);
        hostWatch.observe(place, { childList: true });
        moved();
      }
      raise();
      // Our own repair is not news.
      hostWatch.takeRecords();
      return true;
    }

    // The callout shown where it was laid out invisible (staged): the
    // browser only reports a change of geometry at once, so its verdict is
    // asked afresh, as for a callout just put on the page.
    function look() {
      if (!sightWatch) return;
      seen = undefined;
      sightWatch.unobserve(callout);
      sightWatch.observe(callout);
    }

    // Whether the host was repaired now (which also raised it).
    function check() {
      return !intact() && repair();
    }

    /** @param {Event} event a ToggleEvent */
    function onToggle(event) {
      // Only popovers and dialogs toggle.
      const node = /** @type {Element} */ (event.target);
      if (node === host || /** @type {ToggleEvent} */ (event).newState === 'closed') {
        check();
      } else {
        // A page element entered the top layer after us: rise above it again.
        above.add(node);
        repair();
      }
    }

    // Why a click on `button` must not count now, or '' if it may. (A click
    // not from the admin can only come from a script: the page cannot reach
    // into the closed shadow root, so treat it as a covered button.)
    /**
     * @param {Event} event
     * @param {Element} button
     */
    function refusal(event, button) {
      const buried = [...above].some((node) => node.matches(':popover-open,:modal'));
      if (!trusted(event) || !intact() || buried || seen === false || layer.hidden || layer.style.visibility || styleHides(host)) return COVERED;
      const r = button.getBoundingClientRect();
      if (!onTop(button, r.left + r.width / 2, r.top + r.height / 2)) return COVERED;
      return seen && settled(since) ? '' : TOO_SOON;
    }

    // Page popovers and modal dialogs entering the top layer (dialogs fire
    // `toggle` since Chromium 132; older ones are caught by the hit test).
    document.addEventListener('toggle', onToggle, { capture: true, passive: true, signal });
    // The host's home (<html> or a modal dialog) is watched from the first
    // repair on, which puts the host there: the first show always does.
    hostWatch.observe(host, { attributes: true });
    if (sightWatch) sightWatch.observe(callout);
    signal.addEventListener('abort', () => {
      hostWatch.disconnect();
      if (sightWatch) sightWatch.disconnect();
    });
    return { settle, raise, check, refusal, look };
  }

  // The rules themselves, for field-pick.js (loaded where a key is offered).
  return { modals, guardHost, trusted, settled, onTop };
})();
