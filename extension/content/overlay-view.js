// Draws what the core decided: a spotlight around the target control and a
// callout beside it. Lives in a closed shadow root in the top layer, so the
// page can neither read nor restyle it, and page z-indexes cannot hide it.
// Text is set with textContent only; nothing from anywhere is parsed as HTML.
//
// Where it goes is overlay-placement.js's job; whether a click on one of its
// security-relevant (`guarded`) buttons counts, and keeping the host intact
// against the page, is click-guard.js's. Whether the callout is hidden is
// our own state, never an attribute of the host.
//
// Lifecycle: the DOM is built once; everything that runs (listeners,
// observers, timers, frames) belongs to `live`, an AbortController created
// by start() when the overlay is shown and aborted by stop() when it is
// cleared, or when the page session (`session`) ends.
// @ts-check
'use strict';

/** @type {(session: AbortSignal) => IkaOverlay} */
var ikaOverlay = (session) => {
  const guards = ikaClickGuard;
  const placement = ikaPlacement;
  // Replaced at build time with the contents of overlay.css.
  const OVERLAY_CSS = '__OVERLAY_CSS__';
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
  // Typed as always set, which holds wherever they are read: dom is built
  // by the first start() and kept; guard and place are read only while
  // started (from show(), or from the listeners, observers, frames and
  // timers that stop() ends).
  /** @type {OverlayDom} */
  let dom = /** @type {never} */ (null);
  // The lifetime: owns what runs between start() and stop() (listeners,
  // observers, timers); null while stopped.
  /** @type {AbortController | null} */
  let live = null;
  // The view's state while started, reset by start(): the step shown, the
  // buttons' kinds and labels, why the last click did not count, the page
  // element that had focus before the callout, the advice last shown (to
  // announce only its changes), a queued announcement, and an announcement
  // queued or made outside an open modal dialog.
  /** @type {string | undefined} */
  let step;
  /** @type {string | undefined} */
  let actionsKey;
  /** @type {string | undefined} */
  let notice;
  /** @type {Element | null | undefined} */
  let returnTo;
  /** @type {string | undefined} */
  let adviceShown;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let announceTimer;
  /** @type {string | undefined} */
  let unheard;
  // Staged: the step's callout is on the page but invisible, waiting for
  // its target to render (see `show`).
  let staged = false;
  // The lifetime's guard (the host's integrity, the settle clock) and
  // placement, set by start() along with live.
  /** @type {ReturnType<IkaClickGuard['guardHost']>} */
  let guard = /** @type {never} */ (null);
  /** @type {ReturnType<IkaPlacement['follow']>} */
  let place = /** @type {never} */ (null);
  // Outlive a stop() (a screen that re-renders takes the callout away for a
  // moment): the label of the button that had focus when the callout went,
  // to give focus back to the matching button of what comes next rather
  // than leave it on the page's body ('' for the callout itself).
  /** @type {string | null} */
  let regain = null;

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

  // A constructed sheet is parsed here, when the callout is built, not when
  // the host enters the page. Where the
  // content script's world cannot adopt one (Firefox's Xray wrappers may
  // refuse), a <style> element does the same later.
  /** @param {ShadowRoot} root */
  function adoptStyles(root) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(OVERLAY_CSS);
      root.adoptedStyleSheets = [sheet];
      if (root.adoptedStyleSheets.length === 1) return;
    } catch (_) { /* below */ }
    el('style', {}, root).textContent = OVERLAY_CSS;
  }

  // Builds the callout once, off the page; later calls keep that one.
  function build() {
    if (dom) return;
    const host = document.createElement('ika-guide-overlay');
    const root = host.attachShadow({ mode: 'closed' });
    adoptStyles(root);
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
    const close = el('button', { type: 'button', class: 'close', 'aria-label': chrome.i18n.getMessage('content_hide_guide') }, callout);
    close.textContent = '\u00d7';
    close.onclick = () => hide();
    // The way back after Esc, close or Pause, on the page itself.
    const showGuide = el('button', { type: 'button', class: 'show-guide', hidden: '' }, root);
    showGuide.textContent = chrome.i18n.getMessage('content_show_guide');
    const liveRegion = el('div', { class: 'live', 'aria-live': 'polite', 'aria-atomic': 'true' }, root);
    host.setAttribute('popover', 'manual');
    dom = {
      host, root, layer, spotlight, arrow, callout, progress, title, instruction, why, advice, hint, status, actions, close, showGuide,
      announce: liveRegion,
    };
  }

  function start() {
    build();
    // Back from park(): the callout returns, the small control goes.
    if (!dom.layer.isConnected) dom.root.prepend(dom.layer);
    dom.showGuide.hidden = true;
    dom.showGuide.onclick = () => { setHidden(false); dom.callout.focus(); };
    live = new AbortController();
    const { signal } = live;
    step = actionsKey = notice = adviceShown = unheard = returnTo = undefined;
    guard = guards.guardHost(dom, signal, () => { if (unheard) announce(unheard); });
    // A callout that moves may have moved under the pointer: settle again.
    place = placement.follow({ ...dom, texts: [dom.instruction, dom.why, dom.advice, dom.status] }, signal, guard.settle);
    signal.addEventListener('abort', () => clearTimeout(announceTimer));
    // Esc in the callout is ours alone: taken at the window, before a page's
    // dialog (listening on the document) would close itself on it too, and
    // not passive, so that a native modal <dialog> does not close on it.
    window.addEventListener('keydown', onKey, { capture: true, signal });
    dom.root.addEventListener('focusin', onFocusIn, { passive: true, signal });
  }

  function stop() {
    if (!live) return;
    if (dom.root.activeElement) regain = focusedLabel();
    live.abort();
    live = null;
    unstage();
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
    if (from instanceof Element && from !== dom.host && !dom.root.contains(from)) returnTo = from;
  }

  function unstage() {
    if (staged) dom.layer.style.visibility = '';
    staged = false;
  }

  /** @param {boolean} hidden */
  function setHidden(hidden) {
    dom.layer.hidden = hidden;
    dom.showGuide.hidden = !hidden;
    if (!hidden) guard.settle();
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
    if (had && !focusBack(returnTo)) dom.showGuide.focus();
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
    if (!live || staged) return false;
    if (dom.root.activeElement && !dom.layer.hidden) {
      const target = place.target();
      if (!focusBack(returnTo) && target instanceof HTMLElement) target.focus();
      return true;
    }
    if (!dom.root.activeElement) returnTo = pageFocus();
    setHidden(false);
    guard.raise();
    dom.callout.focus();
    return true;
  }

  // The region moves with the host, and a moved region is new to the
  // accessibility tree: an announcement still queued, or made outside a
  // modal dialog (where screen readers in the dialog do not hear it), is
  // made again from the new place (repair), after the same delay.
  /** @param {string} text */
  function announce(text) {
    clearTimeout(announceTimer);
    dom.announce.textContent = '';
    unheard = text;
    announceTimer = setTimeout(() => {
      dom.announce.textContent = text;
      if (!guards.modals().some((node) => !node.contains(dom.host))) unheard = '';
    }, ANNOUNCE_DELAY_MS);
  }

  // After Pause: nothing runs, nothing is pointed at; only a small "Show
  // guide" control stays on the page, which calls `resume`.
  /** @param {() => void} resume */
  function park(resume) {
    build();
    dom.showGuide.onclick = resume;
    // Parked already (a report while paused): the control stays as it is,
    // focus included; putting the host in again would drop that focus.
    if (!live && dom.host.isConnected && !dom.showGuide.hidden) {
      placeShowGuide();
      return;
    }
    const dropped = !document.activeElement || document.activeElement === document.body;
    const had = Boolean(live && dom.root.activeElement) || (regain !== null && dropped);
    stop();
    regain = null;
    dom.layer.remove();
    dom.showGuide.hidden = false;
    document.documentElement.append(dom.host);
    try { dom.host.showPopover(); } catch (_) { /* already open */ }
    placeShowGuide();
    if (had) dom.showGuide.focus();
  }

  // A guarded action runs only on a click the guard accepts; otherwise the
  // status line says why.
  /**
   * @param {OverlayAction} action
   * @param {MouseEvent} event
   */
  function press(action, event) {
    // The button this handler is on.
    const why = action.guarded ? guard.refusal(event, /** @type {Element} */ (event.currentTarget)) : '';
    notice = why;
    if (why) dom.status.textContent = why;
    else action.run(event);
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
    if (key !== actionsKey) {
      actionsKey = key;
      guard.settle();
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
  // `stage`: the step's target is still rendering. The callout is put on the
  // page, filled in and laid out, but invisible (visibility: hidden: not
  // drawn, not hit, not focusable, not in the accessibility tree), so that
  // when the target appears, showing it is a style change on a laid-out
  // tree instead of a new one entering the page. Not announced; the
  // shortcut finds no callout up.
  /**
   * @param {OverlayView} view
   * @param {boolean} [stage]
   */
  function show({ decision, node, keepClear, actions, status, hint }, stage) {
    // A late call (a timer of the page session) after it ended.
    if (session.aborted) return;
    if (!live) start();
    const p = dom;
    const wasStaged = staged;
    if (stage) {
      staged = true;
      p.layer.style.visibility = 'hidden';
      // Focus cannot stay in an invisible callout: it goes back to the
      // matching button when the callout shows (`regain`).
      const focused = /** @type {HTMLElement | null} */ (p.root.activeElement);
      if (focused) {
        regain = focusedLabel();
        focused.blur();
      }
    }
    const newStep = step !== decision.step;
    // Reads the target's box while the page's layout is still clean.
    place.point(node, keepClear || []);
    if (newStep) notice = '';
    // Only what differs from what the callout says is written: a staged
    // callout shown with its words unchanged stays laid out, so placing it
    // reads no layout afresh.
    /** @param {Element} el @param {string} text */
    const put = (el, text) => { if (el.textContent !== text) el.textContent = text; };
    put(p.progress, decision.progress);
    put(p.title, decision.title);
    put(p.instruction, decision.instruction);
    put(p.why, decision.why);
    put(p.status, notice || status || '');
    put(p.hint, hint);
    renderActions(actions);
    const items = p.advice.children;
    if (items.length !== decision.advice.length || decision.advice.some((text, i) => items[i].textContent !== text)) {
      p.advice.replaceChildren(...decision.advice.map((text) => {
        const item = document.createElement('li');
        item.textContent = text;
        return item;
      }));
    }
    // After the callout is filled in, so that the page and the callout are
    // laid out once (putting the host back lays it out). A modal dialog
    // taken away with the host inside takes the host too.
    const raised = guard.check();
    if (stage) {
      // Risen now, ahead of the show; page popovers and dialogs that open
      // meanwhile make the guard rise again (a full-screen element does
      // not: the hit test still refuses clicks under it).
      if (newStep && !raised) guard.raise();
      step = decision.step;
      place.now();
      return;
    }
    // A staged callout is placed while it is still invisible, before it is
    // shown or announced: its layout is clean then, so nothing on the way
    // to the frame that shows it reads layout afresh. (Placing every
    // callout here, after setHidden, measured far slower in the reaction
    // bench: setHidden writes attributes even when unchanged.)
    const placeFirst = wasStaged && !p.layer.hidden;
    if (placeFirst) place.now();
    unstage();
    // Each step once, as it arrives (on a new page or within one), and the
    // advice whenever it changes under the admin's choices.
    const advice = decision.advice.join(' ');
    if (newStep || wasStaged) {
      step = decision.step;
      setHidden(false);
      announce(`${decision.progress}: ${decision.title}. ${decision.instruction} ${advice}`.trim());
      // A host just put back (the first show too) has just risen; a staged
      // one rose when it was staged.
      if (wasStaged) guard.look();
      else if (!raised) guard.raise();
    } else if (advice && advice !== adviceShown) {
      announce(advice);
    }
    adviceShown = advice;
    // Focus was in a callout that a re-render took away and nothing else
    // took it since: give it to the matching button.
    if (regain !== null && (!document.activeElement || document.activeElement === document.body)) refocus(regain);
    regain = null;
    if (!placeFirst) place.now();
  }

  session.addEventListener('abort', stop);
  return {
    show, clear: stop, park, toggleFocus,
    queuePlace: () => live && place.queue(),
  };
};
