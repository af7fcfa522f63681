// Draws what the core decided: a spotlight around the target control and a
// callout beside it. Lives in a closed shadow root in the top layer, so the
// page can neither read nor restyle it, and page z-indexes cannot hide it.
// Text is set with textContent only; nothing from anywhere is parsed as HTML.
//
// The page can still reach the host element itself. So whether the callout is
// hidden is our own state, never an attribute of the host; page changes to the
// host are undone, a moved or removed host is put back, and the callout rises
// again above top-layer elements the page opens later. Buttons of
// security-relevant actions (`guarded`) accept a click only when the callout
// is intact, unobstructed and has been visible for SETTLE_MS.
//
// Lifecycle: the DOM is built once; everything that runs (listeners,
// observers, timers, frames) belongs to `live`, created by start() when the
// overlay is shown and undone by stop() when it is cleared.
// @ts-check
'use strict';

globalThis.ikaOverlay = (() => {
  // Replaced at build time with the contents of overlay.css.
  const OVERLAY_CSS = '__OVERLAY_CSS__';
  const GAP = 12;
  const PAD = 6;
  // The spotlight's ring, and the arrow between it and the callout: the
  // callout's edge sits NEAR px from the target, the arrow's tip on the ring.
  const RING = 3;
  const ARROW = 10;
  const NEAR = PAD + RING + ARROW;
  // A callout squeezed beside its target below this height (or below the
  // height of its heading and buttons, `least`) scrolls too much to read;
  // it gets there only where no other place leaves the target clear.
  const MIN_HEIGHT = 96;
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
  const COVERED = 'Something on the page was covering this button, so the click did not count. Close it, then press again.';
  const TOO_SOON = 'This box had only just appeared or moved, so the click did not count. Read it, then press again.';
  // A live region must be in the accessibility tree before its text
  // changes, or screen readers stay silent: the first step of a page is
  // attached and filled in one task, so its text is set a moment later.
  const ANNOUNCE_DELAY_MS = 300;
  // "Show guide" keeps this far from the viewport's edges, and off these.
  const CORNER = 12;
  const CONTROLS = 'a[href],button,input,select,textarea,summary,iframe,[contenteditable],[tabindex]:not([tabindex="-1"]),[role=button],[role=link]';

  /**
   * The overlay's elements, built once.
   * @typedef {{ host: HTMLElement, root: ShadowRoot, layer: HTMLElement, spotlight: HTMLElement,
   *   arrow: HTMLElement, callout: HTMLElement, progress: HTMLElement, title: HTMLElement, instruction: HTMLElement,
   *   why: HTMLElement, advice: HTMLElement, hint: HTMLElement, status: HTMLElement, actions: HTMLElement,
   *   close: HTMLElement, showGuide: HTMLElement, announce: HTMLElement }} OverlayDom
   */
  /**
   * What runs between start() and stop(); the optional fields are set as they come.
   * @typedef {object} OverlayLive
   * @property {AbortController} events owns the listeners
   * @property {boolean | undefined} seen the browser's occlusion verdict
   * @property {number[]} repairs when the host was repaired, within REPAIR_WINDOW_MS
   * @property {Set<Element>} above page top-layer elements opened since we last rose
   * @property {MutationObserver} hostWatch
   * @property {IntersectionObserver | false} sightWatch false where the browser gives no occlusion verdict
   * @property {Element | null} [target] the element pointed at
   * @property {Element[]} [keepClear] the other controls the instruction names
   * @property {Element | null} [focus] the page's focused element, kept clear
   * @property {string} [step] the step shown
   * @property {string} [actionsKey] the buttons' kinds and labels
   * @property {string} [notice] why the last click did not count
   * @property {number} [placeFrame] a queued place(), or 0
   * @property {IntersectionObserver | null} [moveWatch]
   * @property {ResizeObserver | null} [sizeWatch]
   * @property {ReturnType<typeof setTimeout>} [rearmTimer]
   * @property {number} [since] the settle clock
   * @property {Element | null} [returnTo] the page element that had focus before the callout
   * @property {string} [advice] the advice last shown, to announce only its changes
   * @property {ReturnType<typeof setTimeout>} [sayTimer] a queued announcement
   * @property {string} [unheard] an announcement queued, or made outside an open modal dialog
   */

  // Both are typed as always set, which holds wherever they are read: dom is
  // built by the first start() and kept; live is null only while stopped, and
  // what reads it runs only while started (from show(), or from the
  // listeners, observers, frames and timers that stop() removes), except
  // show, stop, queuePlace, isOwn and the move watch, which test for null.
  /** @type {OverlayDom} */
  let dom = /** @type {never} */ (null);
  /** @type {OverlayLive} */
  let live = /** @type {never} */ (null);
  // Outlive a stop() (a screen that re-renders takes the callout away for a
  // moment): the label of the button that had focus when the callout went,
  // to give focus back to the matching button of what comes next rather
  // than leave it on the page's body ('' for the callout itself); and the
  // step the shortcut tip belongs to.
  /** @type {string | null} */
  let regain = null;
  /** @type {string | undefined} */
  let hintStep;

  /**
   * @param {string} tag
   * @param {Record<string, string>} attrs
   * @param {ParentNode} [parent]
   */
  function el(tag, attrs, parent) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (parent) parent.append(node);
    return node;
  }

  function build() {
    const host = document.createElement('ika-guide-overlay');
    const root = host.attachShadow({ mode: 'closed' });
    el('style', {}, root).textContent = OVERLAY_CSS;
    const layer = el('div', {}, root);
    const spotlight = el('div', { class: 'spotlight', hidden: '' }, layer);
    const arrow = el('div', { class: 'arrow', hidden: '' }, layer);
    // tabindex: the shortcut moves focus to the callout itself, where a
    // stray Enter presses nothing.
    const callout = el('section', {
      class: 'callout', role: 'dialog', 'aria-modal': 'false', tabindex: '-1',
      'aria-labelledby': 'ika-title', 'aria-describedby': 'ika-progress ika-instruction',
    }, layer);
    const progress = el('p', { class: 'progress', id: 'ika-progress' }, callout);
    const title = el('h2', { id: 'ika-title' }, callout);
    const instruction = el('p', { id: 'ika-instruction' }, callout);
    const why = el('p', { class: 'why' }, callout);
    const advice = el('ul', { class: 'advice' }, callout);
    const hint = el('p', { class: 'hint' }, callout);
    const status = el('p', { class: 'status', role: 'status' }, callout);
    const actions = el('div', { class: 'actions' }, callout);
    // Last in reading order, drawn in the corner.
    const close = el('button', { type: 'button', class: 'close', 'aria-label': 'Hide guide' }, callout);
    close.textContent = '\u00d7';
    close.onclick = () => hide();
    // The way back after Esc, close or Pause, on the page itself.
    const showGuide = el('button', { type: 'button', class: 'show-guide', hidden: '' }, root);
    showGuide.textContent = 'Show guide';
    const announce = el('div', { class: 'live', 'aria-live': 'polite', 'aria-atomic': 'true' }, root);
    host.setAttribute('popover', 'manual');
    dom = {
      host, root, layer, spotlight, arrow, callout, progress, title, instruction, why, advice, hint, status, actions, close, showGuide,
      announce,
    };
  }

  function start() {
    if (!dom) build();
    // Back from park(): the callout returns, the small control goes.
    if (!dom.layer.isConnected) dom.root.prepend(dom.layer);
    dom.showGuide.hidden = true;
    dom.showGuide.onclick = () => { setHidden(false); dom.callout.focus(); };
    const events = new AbortController();
    // Also, set as they come: target, step (shown), actionsKey, notice (why
    // the last click did not count), placeFrame, moveWatch, sizeWatch,
    // rearmTimer, and `since`: the settle clock, since when the callout has
    // been shown, still and seen.
    live = {
      events,
      // The browser's occlusion verdict; assumed where it gives none.
      seen: !SEES_OCCLUSION,
      repairs: [],
      // Page top-layer elements opened since we last rose above them.
      above: new Set(),
      hostWatch: new MutationObserver(check),
      sightWatch: SEES_OCCLUSION && new IntersectionObserver(onSight, { trackVisibility: true, delay: 100 }),
    };
    /** @type {(target: EventTarget, type: string, fn: EventListener, capture?: boolean) => void} */
    const on = (target, type, fn, capture) => target.addEventListener(type, fn, { capture, passive: true, signal: events.signal });
    on(window, 'scroll', queuePlace, true);
    // A new viewport size makes the move watch's root stale; so does the end
    // of a page's transition or animation (a dialog sliding in), after which
    // the target's box is measured again.
    const remeasure = () => { queuePlace(); if (live.target) armMoveWatch(live.target); };
    on(window, 'resize', remeasure);
    for (const type of ['transitionend', 'animationend']) on(window, type, remeasure, true);
    // Page popovers and modal dialogs entering the top layer (dialogs fire
    // `toggle` since Chromium 132; older ones are caught by the hit test).
    on(document, 'toggle', onToggle, true);
    // Esc in the callout is ours alone: taken at the window, before a page's
    // dialog (listening on the document) would close itself on it too, and
    // not passive, so that a native modal <dialog> does not close on it.
    window.addEventListener('keydown', onKey, { capture: true, signal: events.signal });
    on(dom.root, 'focusin', onFocusIn);
    // The focused control is kept clear of the callout.
    live.focus = document.activeElement;
    on(document, 'focusin', onFocus);
    // The host's home (<html> or a modal dialog) is watched from the first
    // repair on, which puts the host there: the first show always does.
    live.hostWatch.observe(dom.host, { attributes: true });
    if (live.sightWatch) live.sightWatch.observe(dom.callout);
  }

  function stop() {
    if (!live) return;
    if (dom.root.activeElement) regain = focusedLabel();
    // Unset (none queued yet) reads as 0, which cancels nothing.
    cancelAnimationFrame(/** @type {number} */ (live.placeFrame));
    clearTimeout(live.sayTimer);
    unwatchTarget();
    live.events.abort();
    live.hostWatch.disconnect();
    if (live.sightWatch) live.sightWatch.disconnect();
    live = /** @type {never} */ (null);
    // Leaving the document also takes it out of the top layer.
    dom.host.remove();
  }

  /** @param {Event} event */
  function onKey(event) {
    // Focus inside the closed root reads as the host from out here.
    if (/** @type {KeyboardEvent} */ (event).key !== 'Escape' || event.target !== dom.host || dom.layer.hidden) return;
    event.stopPropagation();
    event.preventDefault();
    hide();
  }

  // Where focus came from when it entered the callout from the page.
  /** @param {Event} event */
  function onFocusIn(event) {
    const from = /** @type {FocusEvent} */ (event).relatedTarget;
    if (from instanceof Element && from !== dom.host && !dom.root.contains(from)) live.returnTo = from;
  }

  // Focus moving into the callout (a press on one of its buttons) leaves it
  // where it is: moving now would move the button from under the pointer.
  // The page's own focus, wherever it goes, is kept clear.
  function onFocus() {
    const node = document.activeElement;
    if (node === dom.host) return;
    live.focus = node;
    queuePlace();
  }

  /** @param {boolean} hidden */
  function setHidden(hidden) {
    dom.layer.hidden = hidden;
    dom.showGuide.hidden = !hidden;
    if (!hidden) settle();
  }

  // "Show guide" takes the first corner (bottom right, bottom left, top
  // right, top left) where it covers none of the page's controls and not
  // its focused element, judged from a few points of the box it would fill.
  function placeShowGuide() {
    const { style } = dom.showGuide;
    const { width, height } = dom.showGuide.getBoundingClientRect();
    const focus = document.activeElement;
    /** @param {Element} node */
    const blocks = (node) => node !== dom.host && node !== document.body && (node === focus || node.matches(CONTROLS));
    const edge = `${CORNER}px`;
    /** @param {number} right @param {number} bottom */
    const put = (right, bottom) => {
      style.left = right ? 'auto' : edge;
      style.right = right ? edge : 'auto';
      style.top = bottom ? 'auto' : edge;
      style.bottom = bottom ? edge : 'auto';
    };
    for (const [right, bottom] of [[1, 1], [0, 1], [1, 0], [0, 0]]) {
      const x = right ? innerWidth - CORNER - width : CORNER;
      const y = bottom ? innerHeight - CORNER - height : CORNER;
      // Its corners and middle, a pixel inside.
      const points = [[x + 1, y + 1], [x + width - 1, y + 1], [x + 1, y + height - 1], [x + width - 1, y + height - 1], [x + width / 2, y + height / 2]];
      if (points.every(([px, py]) => !document.elementsFromPoint(px, py).some(blocks))) return put(right, bottom);
    }
    // Every corner covers something: the usual one.
    put(1, 1);
  }

  // Esc or the close button: the callout steps aside on this page, focus
  // goes back where it was (or to "Show guide"), never to the page's body.
  function hide() {
    const had = Boolean(dom.root.activeElement);
    setHidden(true);
    if (had && !focusBack(live.returnTo)) dom.showGuide.focus();
    // Off the element that has focus now.
    placeShowGuide();
  }

  /** @param {Element | null | undefined} node */
  function focusBack(node) {
    if (!(node instanceof HTMLElement) || !node.isConnected || node === document.body) return false;
    node.focus({ preventScroll: true });
    return document.activeElement === node;
  }

  // The page's focused element, inside open shadow roots too (null: none).
  function pageFocus() {
    let node = document.activeElement;
    while (node && node.shadowRoot && node.shadowRoot.activeElement) node = node.shadowRoot.activeElement;
    return node === document.body || node === dom.host ? null : node;
  }

  // The label of our focused button ('' for anything else of ours).
  function focusedLabel() {
    const node = dom.root.activeElement;
    return node instanceof HTMLButtonElement && dom.actions.contains(node) ? /** @type {string} */ (node.textContent) : '';
  }

  // After the buttons or the whole callout were replaced under focus: the
  // button with the same label, else the primary one, else the callout.
  /** @param {string} label */
  function refocus(label) {
    const buttons = /** @type {HTMLElement[]} */ ([...dom.actions.children]);
    if (!label) dom.callout.focus();
    else (buttons.find((b) => b.textContent === label) || buttons.find((b) => b.classList.contains('primary')) || dom.callout).focus();
  }

  // The keyboard shortcut: into the callout (shown again if hidden), and
  // pressed again, back to where focus was. Focus lands on the callout
  // itself and the settle clock restarts, so an Enter pressed before the
  // admin has seen the buttons cannot press a guarded one. False when no
  // callout is up.
  function toggleFocus() {
    if (!live) return false;
    if (dom.root.activeElement && !dom.layer.hidden) {
      if (!focusBack(live.returnTo) && live.target instanceof HTMLElement) live.target.focus();
      return true;
    }
    if (!dom.root.activeElement) live.returnTo = pageFocus();
    setHidden(false);
    raise();
    dom.callout.focus();
    return true;
  }

  // The region moves with the host, and a moved region is new to the
  // accessibility tree: an announcement still queued, or made outside a
  // modal dialog (where screen readers in the dialog do not hear it), is
  // made again from the new place (repair), after the same delay.
  /** @param {string} text */
  function say(text) {
    clearTimeout(live.sayTimer);
    dom.announce.textContent = '';
    live.unheard = text;
    live.sayTimer = setTimeout(() => {
      dom.announce.textContent = text;
      if (!modals().some((node) => !node.contains(dom.host))) live.unheard = '';
    }, ANNOUNCE_DELAY_MS);
  }

  // After Pause: nothing runs, nothing is pointed at; only a small "Show
  // guide" control stays on the page, which calls `resume`.
  /** @param {() => void} resume */
  function park(resume) {
    if (!dom) build();
    const dropped = !document.activeElement || document.activeElement === document.body;
    const had = Boolean(live && dom.root.activeElement) || (regain !== null && dropped);
    stop();
    regain = null;
    dom.layer.remove();
    dom.showGuide.hidden = false;
    dom.showGuide.onclick = resume;
    document.documentElement.append(dom.host);
    try { dom.host.showPopover(); } catch (_) { /* already open */ }
    placeShowGuide();
    if (had) dom.showGuide.focus();
  }

  function settle() {
    live.since = performance.now();
  }

  /** @param {IntersectionObserverEntry[]} entries */
  function onSight(entries) {
    // An observer reports at least one entry.
    live.seen = /** @type {IntersectionObserverEntry} */ (entries.pop()).isVisible;
    if (live.seen) settle();
  }

  function raise() {
    // Re-entering the top layer puts us above what the page opened since.
    live.above.clear();
    settle();
    const { host } = dom;
    try {
      if (host.matches(':popover-open')) host.hidePopover();
      host.showPopover();
    } catch (_) { /* not connected: repaired when it is put back */ }
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

  // The page's open modal dialogs: native ones, and ARIA ones on screen.
  const modals = () => [...document.querySelectorAll('dialog:modal,[role=dialog][aria-modal=true]')]
    .filter((node) => node.localName === 'dialog' || node.getClientRects().length > 0);

  // The host as we left it: at home, no attributes but ours, open.
  function intact() {
    const { host } = dom;
    return host.parentNode === home()
      && host.attributes.length === 1 && host.getAttribute('popover') === 'manual' && host.matches(':popover-open');
  }

  // Undoes the page's changes to the host and rises again, within a budget.
  function repair() {
    const now = performance.now();
    live.repairs = live.repairs.filter((t) => now - t < REPAIR_WINDOW_MS);
    if (live.repairs.length >= REPAIR_LIMIT) return;
    live.repairs.push(now);
    const { host } = dom;
    for (const name of host.getAttributeNames()) host.removeAttribute(name);
    host.setAttribute('popover', 'manual');
    const place = home();
    if (host.parentNode !== place) {
      place.append(host);
      live.hostWatch.observe(place, { childList: true });
      if (live.unheard) say(live.unheard);
    }
    raise();
    // Our own repair is not news.
    live.hostWatch.takeRecords();
  }

  function check() {
    if (!intact()) repair();
  }

  /** @param {Event} event a ToggleEvent */
  function onToggle(event) {
    // Only popovers and dialogs toggle.
    const node = /** @type {Element} */ (event.target);
    if (node === dom.host || /** @type {ToggleEvent} */ (event).newState === 'closed') {
      check();
    } else {
      // A page element entered the top layer after us: rise above it again.
      live.above.add(node);
      repair();
    }
  }

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

  // Why a click on a guarded button must not count now, or '' if it may.
  // (A click not from the admin can only come from a script: the page cannot
  // reach into the closed shadow root, so treat it as a covered button.)
  /**
   * @param {MouseEvent} event
   * @param {Element} button
   */
  function refusal(event, button) {
    const buried = [...live.above].some((node) => node.matches(':popover-open,:modal'));
    if (!event.isTrusted || !intact() || buried || !live.seen || dom.layer.hidden || styleHides(dom.host)) return COVERED;
    const r = button.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    if (document.elementFromPoint(x, y) !== dom.host || !button.contains(dom.root.elementFromPoint(x, y))) return COVERED;
    // Set when the buttons were rendered.
    if (performance.now() - /** @type {number} */ (live.since) < SETTLE_MS) return TOO_SOON;
    return '';
  }

  /**
   * @param {OverlayAction} action
   * @param {MouseEvent} event
   */
  function press(action, event) {
    // The button this handler is on.
    const why = action.guarded ? refusal(event, /** @type {Element} */ (event.currentTarget)) : '';
    live.notice = why;
    if (why) dom.status.textContent = why;
    else action.run(event);
  }

  function queuePlace() {
    if (!live || live.placeFrame) return;
    live.placeFrame = requestAnimationFrame(() => {
      live.placeFrame = 0;
      placeAndNote();
    });
  }

  // A callout that moves may have moved under the pointer: settle again.
  function placeAndNote() {
    const { style } = dom.callout;
    const before = style.cssText;
    place();
    if (style.cssText !== before) settle();
  }

  // Where the callout goes for a target box (null: no target), so that it
  // covers neither the target nor, where it can, the `obstacles` (the
  // focused control, the controls the instruction names). Places tried:
  // each side of the target (below, above, right, left; at full height,
  // then squeezed to the room there, which makes the callout scroll), then
  // the viewport's corners. The place covering the least of the obstacles
  // wins; on a tie, a side at full height before a squeezed one before a
  // corner, and, when the target sits in a dialog (`around`), the place
  // covering least of the dialog, then the order above. The target itself
  // is never covered while any place leaves it clear. Beside the target,
  // the arrow's tip sits on the spotlight's ring. Pure (boxes in, position
  // out), so it is tested without a layout engine
  // (tests/unit/overlay-placement.test.mjs).
  /** @type {IkaOverlay['calloutPosition']} */
  function calloutPosition(r, box, viewport, around = null, obstacles = []) {
    const { width: vw, height: vh } = viewport;
    const w = box.width;
    const full = Math.min(box.height, vh - 2 * GAP);
    const least = Math.max(MIN_HEIGHT, box.least || 0);
    /** @type {(n: number, lo: number, hi: number) => number} */
    const clamp = (n, lo, hi) => Math.max(lo, Math.min(n, hi));
    /** @typedef {{ left: number, top: number, height: number, side: CalloutSide | null, rank: number }} Spot */
    /** @type {Spot[]} */
    const spots = [];
    /** @type {(rank: number, left: number, top: number, height: number, side?: CalloutSide | null) => void} */
    const add = (rank, left, top, height, side = null) => { spots.push({ left, top, height, side, rank }); };
    if (r) {
      const room = {
        below: vh - GAP - r.bottom - NEAR, above: r.top - NEAR - GAP,
        right: vw - GAP - r.right - NEAR, left: r.left - NEAR - GAP,
      };
      // Along the side: aligned with the target's start, its end, its
      // middle, then the middle slid into the viewport; only where the
      // callout fits and its arrow still reaches the target.
      const inset = 12 + ARROW;
      /** @type {(a: number, b: number, size: number, extent: number) => number[]} */
      const along = (a, b, size, extent) => [a, b - size, (a + b - size) / 2, clamp((a + b - size) / 2, GAP, extent - GAP - size)]
        .filter((v) => v >= GAP && v + size <= extent - GAP && v + inset < b && v + size - inset > a);
      for (const side of /** @type {CalloutSide[]} */ (['below', 'above'])) {
        // Full height, else squeezed to the room there; the last resort
        // (rank 3, below `least`) counts only if all else covers the target.
        const h = Math.min(full, room[side]);
        const top = side === 'below' ? r.bottom + NEAR : r.top - NEAR - h;
        if (h < 2 * GAP || top < GAP || top + h > vh - GAP) continue;
        const rank = h >= full ? 0 : h >= least ? 1 : 3;
        for (const x of along(r.left, r.right, w, vw)) add(rank, x, top, h, side);
      }
      for (const side of /** @type {CalloutSide[]} */ (['right', 'left'])) {
        if (room[side] < w) continue;
        const left = side === 'right' ? r.right + NEAR : r.left - NEAR - w;
        for (const y of along(r.top, r.bottom, full, vh)) add(0, left, y, full, side);
      }
    } else {
      add(2, Math.max(GAP, vw - w - 24), Math.max(GAP, vh - full - 24), full);
    }
    for (const [x, y] of [[vw, vh], [0, vh], [vw, 0], [0, 0]]) add(2, clamp(x, GAP, vw - GAP - w), clamp(y, GAP, vh - GAP - full), full);
    /** @type {(a: PlacementBox, s: Spot) => number} */
    const overlap = (a, s) => Math.max(0, Math.min(a.right, s.left + w) - Math.max(a.left, s.left))
      * Math.max(0, Math.min(a.bottom, s.top + s.height) - Math.max(a.top, s.top));
    const ringed = r && { left: r.left - PAD - RING, top: r.top - PAD - RING, right: r.right + PAD + RING, bottom: r.bottom + PAD + RING };
    /** @type {(s: Spot) => number[]} */
    const score = (s) => [
      (ringed && overlap(ringed, s) > 0 ? Infinity : 0) + obstacles.reduce((sum, o) => sum + overlap(o, s), 0),
      s.rank,
      around ? overlap(around, s) : 0,
    ];
    /** @type {(a: number[], b: number[]) => boolean} */
    const better = (a, b) => { const i = a.findIndex((v, k) => v !== b[k]); return i >= 0 && a[i] < b[i]; };
    /** @type {(pool: Spot[]) => [Spot, number[]]} */
    const pick = (pool) => pool.reduce((acc, spot) => { const sc = score(spot); return better(sc, acc[1]) ? [spot, sc] : acc; },
      /** @type {[Spot, number[]]} */ ([pool[0], score(pool[0])]));
    const usual = pick(spots.filter((s) => s.rank < 3));
    let best = usual[0];
    // The last resort only against covering the target.
    const squeezed = spots.filter((s) => s.rank === 3);
    if (usual[1][0] === Infinity && squeezed.length) [best] = pick(squeezed);
    const { left, top, height, side } = best;
    return { left, top, height: height < box.height ? height : null, side, arrow: r && side ? arrowTip(r, side, left, top, w, height) : null };
  }

  // Where the arrow's tip goes: on the spotlight's ring, level with the
  // target's middle as far as the callout's edge (minus its rounded corners)
  // reaches.
  /**
   * @param {PlacementBox} r
   * @param {CalloutSide} side
   * @param {number} left
   * @param {number} top
   * @param {number} w
   * @param {number} h
   */
  function arrowTip(r, side, left, top, w, h) {
    const inset = 12 + ARROW;
    /** @type {(n: number, lo: number, hi: number) => number} */
    const clamp = (n, lo, hi) => Math.max(lo, Math.min(n, hi));
    if (side === 'below' || side === 'above') {
      return { x: clamp((r.left + r.right) / 2, left + inset, left + w - inset), y: side === 'below' ? r.bottom + PAD + RING : r.top - PAD - RING };
    }
    return { x: side === 'right' ? r.right + PAD + RING : r.left - PAD - RING, y: clamp((r.top + r.bottom) / 2, top + inset, top + h - inset) };
  }

  // The boxes the callout should keep clear of, besides its target: the
  // controls the instruction names, the focused control (unless it is the
  // target, a container of it, or the callout's own), and the labels of
  // all of these and of the target, which say what the controls are.
  /** @param {Element | null} target */
  function obstacles(target) {
    const nodes = [...(live.keepClear || [])];
    const focused = live.focus;
    if (focused && focused !== dom.host && focused !== document.body && focused !== document.documentElement
      && !(target && focused.contains(target))) nodes.push(focused);
    const labelled = target ? [target, ...nodes] : nodes;
    for (const node of labelled) nodes.push(.../** @type {HTMLInputElement} */ (node).labels || []);
    return nodes.filter((node) => node !== target && node.isConnected).map((node) => node.getBoundingClientRect());
  }

  function place() {
    const { spotlight, arrow, callout } = dom;
    const { target } = live;
    const viewport = { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight };
    // Measured at its natural height, which the last placement may have cut;
    // squeezed, it must still show its heading, buttons and some text.
    callout.style.maxHeight = '';
    const { width, height } = callout.getBoundingClientRect();
    const texts = [dom.instruction, dom.why, dom.advice, dom.status].reduce((sum, node) => sum + node.offsetHeight, 0);
    const box = { width, height, least: height - texts };
    const r = target && target.isConnected ? target.getBoundingClientRect() : null;
    spotlight.hidden = !r;
    if (r) {
      Object.assign(spotlight.style, {
        left: `${r.left - PAD}px`, top: `${r.top - PAD}px`,
        width: `${r.width + 2 * PAD}px`, height: `${r.height + 2 * PAD}px`,
      });
    }
    const dialog = r && target ? target.closest('[role=dialog],[role=alertdialog],dialog') : null;
    const spot = calloutPosition(r, box, viewport, dialog ? dialog.getBoundingClientRect() : null, obstacles(target || null));
    callout.style.left = `${spot.left}px`;
    callout.style.top = `${spot.top}px`;
    callout.style.maxHeight = spot.height ? `${spot.height}px` : '';
    arrow.hidden = !spot.arrow;
    if (spot.arrow && spot.side) {
      arrow.className = `arrow ${spot.side}`;
      const across = spot.side === 'below' || spot.side === 'above';
      // The arrow's box: 2 ARROW wide along the edge, ARROW deep, tip outward.
      arrow.style.left = `${spot.arrow.x - (across ? ARROW : spot.side === 'left' ? ARROW : 0)}px`;
      arrow.style.top = `${spot.arrow.y - (across ? (spot.side === 'above' ? ARROW : 0) : ARROW)}px`;
    }
  }

  // Follows the target without reading layout on every page change (which
  // would force a layout per frame on a busy page): an IntersectionObserver
  // whose root is shrunk to the target's own box reports, after the
  // browser's own layout, the first frame in which the target moves; a
  // ResizeObserver reports size changes. Either way the overlay is placed
  // again and the watch is re-armed around the new box.
  function unwatchTarget() {
    clearTimeout(live.rearmTimer);
    if (live.moveWatch) live.moveWatch.disconnect();
    if (live.sizeWatch) live.sizeWatch.disconnect();
    live.moveWatch = null;
    live.sizeWatch = null;
  }

  /** @param {Element | null} node */
  function watchTarget(node) {
    unwatchTarget();
    if (!node || !node.isConnected) return;
    live.sizeWatch = new ResizeObserver(queuePlace);
    live.sizeWatch.observe(node);
    armMoveWatch(node);
  }

  // `expected`: the share of the target inside the shrunk root when it has
  // not moved; 1 unless clipping (an overflow container, the viewport edge)
  // keeps part of it out, in which case the first report says how much.
  /**
   * @param {Element} node
   * @param {number} [expected]
   */
  function armMoveWatch(node, expected = 1) {
    if (live.moveWatch) live.moveWatch.disconnect();
    live.moveWatch = null;
    clearTimeout(live.rearmTimer);
    const r = node.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return;
    const root = document.documentElement;
    /** @param {number} n */
    const inset = (n) => `${-Math.floor(n)}px`;
    const margin = [r.top, root.clientWidth - r.right, root.clientHeight - r.bottom, r.left].map(inset).join(' ');
    let first = true;
    const watch = new IntersectionObserver(([entry]) => {
      if (!live || live.moveWatch !== watch) return;
      const ratio = entry.intersectionRatio;
      const wasFirst = first;
      first = false;
      if (Math.abs(ratio - expected) < 1e-6) return;
      if (!wasFirst) {
        queuePlace();
        armMoveWatch(node);
      } else if (ratio > 0) {
        // Clipped from the start: watch for a change from this share.
        armMoveWatch(node, ratio);
      } else {
        // Entirely clipped: check again later rather than every frame.
        live.rearmTimer = setTimeout(() => { queuePlace(); armMoveWatch(node); }, 1000);
      }
    }, { rootMargin: margin, threshold: expected });
    watch.observe(node);
    live.moveWatch = watch;
  }

  // Bring a control that is off screen into view, once when it becomes the
  // target; after that, scrolling is the admin's business.
  /** @param {Element} node */
  function revealOnce(node) {
    const r = node.getBoundingClientRect();
    const vh = document.documentElement.clientHeight;
    const vw = document.documentElement.clientWidth;
    if (r.top >= 0 && r.bottom <= vh && r.left >= 0 && r.right <= vw) return;
    const calm = matchMedia('(prefers-reduced-motion: reduce)').matches;
    node.scrollIntoView({ block: 'center', inline: 'nearest', behavior: calm ? 'auto' : 'smooth' });
  }

  // Buttons are rebuilt only when their labels change, so a button keeps
  // focus while reports keep arriving. New buttons restart the settle clock:
  // one may appear where the pointer already is. One primary button at
  // most (the first): the others asked for as primary are secondary.
  // Guarded primary actions (Fill, Send) are choices, on a row above the
  // others; a guarded secondary one (Test with OpenAI) stays among those.
  /** @param {OverlayAction[]} actions */
  function renderActions(actions) {
    const key = actions.map((a) => `${a.kind}:${a.label}`).join('|');
    if (key !== live.actionsKey) {
      live.actionsKey = key;
      settle();
      const had = dom.actions.contains(dom.root.activeElement) ? focusedLabel() : null;
      let primary = false;
      const choice = (/** @type {OverlayAction} */ a) => a.guarded && a.kind === 'primary';
      dom.actions.classList.toggle('choices', actions.some(choice));
      dom.actions.replaceChildren(...actions.map((a) => {
        const b = document.createElement('button');
        b.type = 'button';
        const kind = a.kind === 'primary' && primary ? 'secondary' : a.kind;
        primary = primary || kind === 'primary';
        b.className = choice(a) ? `${kind} choice` : kind;
        b.textContent = a.label;
        return b;
      }));
      if (had !== null) refocus(had);
    }
    actions.forEach((a, i) => { /** @type {HTMLElement} */ (dom.actions.children[i]).onclick = (event) => press(a, event); });
  }

  // view: { decision (the core's overlay), node (element to point at, or
  // null), actions ([{label, kind, run(event), guarded}]; a guarded action
  // runs only on a click the checks above accept), status (text or '') }.
  /** @param {OverlayView} view */
  function show({ decision, node, keepClear, actions, status }) {
    if (!live) start();
    // A modal dialog taken away with the host inside takes the host too.
    check();
    const p = dom;
    const newStep = live.step !== decision.step;
    const newTarget = node !== live.target;
    live.target = node;
    live.keepClear = keepClear || [];
    if (node && newTarget) revealOnce(node);
    if (newTarget) watchTarget(node);
    if (newStep) live.notice = '';
    p.progress.textContent = decision.progress;
    p.title.textContent = decision.title;
    p.instruction.textContent = decision.instruction;
    p.why.textContent = decision.why;
    p.status.textContent = live.notice || status || '';
    if (decision.step !== hintStep) p.hint.textContent = '';
    renderActions(actions);
    p.advice.replaceChildren(...decision.advice.map((text) => {
      const item = document.createElement('li');
      item.textContent = text;
      return item;
    }));
    // Each step once, as it arrives (on a new page or within one), and the
    // advice whenever it changes under the admin's choices.
    const advice = decision.advice.join(' ');
    if (newStep) {
      live.step = decision.step;
      setHidden(false);
      say(`${decision.progress}: ${decision.title}. ${decision.instruction} ${advice}`.trim());
      raise();
    } else if (advice && advice !== live.advice) {
      say(advice);
    }
    live.advice = advice;
    // Focus was in a callout that a re-render took away and nothing else
    // took it since: give it to the matching button.
    if (regain !== null && (!document.activeElement || document.activeElement === document.body)) refocus(regain);
    regain = null;
    placeAndNote();
  }

  /** @param {string} text the shortcut tip, shown with the current step only */
  function mention(text) {
    if (!live) return;
    hintStep = live.step;
    dom.hint.textContent = text;
    placeAndNote();
  }

  return {
    show, clear: stop, park, toggleFocus, mention, queuePlace, isOwn: (node) => dom && node === dom.host, calloutPosition,
  };
})();
