// Draws what the core decided: a spotlight around the target control and a
// callout beside it. Lives in a closed shadow root in the top layer, so the
// page can neither read nor restyle it, and page z-indexes cannot hide it.
// Text is set with textContent only; nothing from anywhere is parsed as HTML.
// @ts-check
'use strict';

globalThis.ikaOverlay = (() => {
  // Replaced at build time with the contents of overlay.css.
  const OVERLAY_CSS = '__OVERLAY_CSS__';
  const GAP = 12;
  const PAD = 6;

  /** @type {HTMLElement | null} */
  let host = null;
  /**
   * @type {{ spotlight: HTMLElement, callout: HTMLElement, progress: HTMLElement, title: HTMLElement,
   *   instruction: HTMLElement, why: HTMLElement, advice: HTMLElement, status: HTMLElement,
   *   actions: HTMLElement, live: HTMLElement } | null}
   */
  let parts = null;
  /** @type {Element | null} */
  let target = null;
  /** @type {string | null} */
  let shownStep = null;
  let placeQueued = false;
  let actionsKey = '';

  /**
   * @param {string} tag
   * @param {Record<string, string>} attrs
   * @param {ParentNode} parent
   */
  function el(tag, attrs, parent) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (parent) parent.append(node);
    return node;
  }

  function build() {
    host = document.createElement('ika-guide-overlay');
    const root = host.attachShadow({ mode: 'closed' });
    const style = el('style', {}, root);
    style.textContent = OVERLAY_CSS;
    const spotlight = el('div', { class: 'spotlight', hidden: '' }, root);
    const callout = el('section', {
      class: 'callout', role: 'dialog', 'aria-modal': 'false',
      'aria-labelledby': 'ika-title', 'aria-describedby': 'ika-instruction',
    }, root);
    const progress = el('p', { class: 'progress' }, callout);
    const title = el('h2', { id: 'ika-title' }, callout);
    const instruction = el('p', { id: 'ika-instruction' }, callout);
    const why = el('p', { class: 'why' }, callout);
    const advice = el('ul', { class: 'advice' }, callout);
    const status = el('p', { class: 'status', role: 'status' }, callout);
    const actions = el('div', { class: 'actions' }, callout);
    const live = el('div', { class: 'live', 'aria-live': 'polite' }, root);
    root.addEventListener('keydown', (event) => {
      if (/** @type {KeyboardEvent} */ (event).key === 'Escape') {
        event.stopPropagation();
        setHidden(true);
      }
    });
    parts = { spotlight, callout, progress, title, instruction, why, advice, status, actions, live };
    host.setAttribute('popover', 'manual');
    document.documentElement.append(host);
    addEventListener('scroll', queuePlace, { capture: true, passive: true });
    // A new viewport size makes the move watch's root stale.
    addEventListener('resize', () => { queuePlace(); if (target) armMoveWatch(target); }, { passive: true });
  }

  function raise() {
    // Re-entering the top layer puts us above dialogs the page opened since.
    if (!host || !host.showPopover) return;
    try {
      if (host.matches(':popover-open')) host.hidePopover();
      host.showPopover();
    } catch (_) { /* not connected or not supported: stays in normal flow */ }
  }

  /** @param {boolean} hidden */
  function setHidden(hidden) {
    if (host) host.hidden = hidden;
  }

  function queuePlace() {
    if (placeQueued || !host) return;
    placeQueued = true;
    requestAnimationFrame(() => {
      placeQueued = false;
      place();
    });
  }

  // Where the callout goes for a target box (null: no target, bottom right):
  // below it, else below and right-aligned, above, to its right, to its
  // left, whichever fits inside the viewport's margin first; then clamped
  // into the viewport. Pure (boxes in, position out), so it is tested without
  // a layout engine (tests/unit/overlay-placement.test.mjs).
  /** @type {IkaOverlay['calloutPosition']} */
  function calloutPosition(r, box, viewport) {
    const { width: vw, height: vh } = viewport;
    if (!r) return { left: Math.max(GAP, vw - box.width - 24), top: Math.max(GAP, vh - box.height - 24) };
    /** @type {(x: number, y: number) => boolean} */
    const fits = (x, y) => x >= GAP && y >= GAP && x + box.width <= vw - GAP && y + box.height <= vh - GAP;
    /** @type {Array<[number, number]>} */
    const candidates = [
      [r.left, r.bottom + PAD + GAP],
      [r.right - box.width, r.bottom + PAD + GAP],
      [r.left, r.top - PAD - GAP - box.height],
      [r.right + PAD + GAP, r.top],
      [r.left - PAD - GAP - box.width, r.top],
    ];
    const [x, y] = candidates.find(([cx, cy]) => fits(cx, cy)) || candidates[0];
    return {
      left: Math.min(Math.max(GAP, x), Math.max(GAP, vw - box.width - GAP)),
      top: Math.min(Math.max(GAP, y), Math.max(GAP, vh - box.height - GAP)),
    };
  }

  function place() {
    if (!parts) return;
    const { spotlight, callout } = parts;
    const viewport = { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight };
    const box = callout.getBoundingClientRect();
    const r = target && target.isConnected ? target.getBoundingClientRect() : null;
    spotlight.hidden = !r;
    if (r) {
      Object.assign(spotlight.style, {
        left: `${r.left - PAD}px`, top: `${r.top - PAD}px`,
        width: `${r.width + 2 * PAD}px`, height: `${r.height + 2 * PAD}px`,
      });
    }
    const { left, top } = calloutPosition(r, box, viewport);
    callout.style.left = `${left}px`;
    callout.style.top = `${top}px`;
  }

  // Follows the target without reading layout on every page change (which
  // would force a layout per frame on a busy page): an IntersectionObserver
  // whose root is shrunk to the target's own box reports, after the
  // browser's own layout, the first frame in which the target moves; a
  // ResizeObserver reports size changes. Either way the overlay is placed
  // again and the watch is re-armed around the new box.
  /** @type {IntersectionObserver | null} */
  let moveWatch = null;
  /** @type {ResizeObserver | null} */
  let sizeWatch = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let rearmTimer;

  function unwatchTarget() {
    clearTimeout(rearmTimer);
    if (moveWatch) moveWatch.disconnect();
    if (sizeWatch) sizeWatch.disconnect();
    moveWatch = null;
    sizeWatch = null;
  }

  /** @param {Element | null} node */
  function watchTarget(node) {
    unwatchTarget();
    if (!node || !node.isConnected) return;
    sizeWatch = new ResizeObserver(queuePlace);
    sizeWatch.observe(node);
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
    if (moveWatch) moveWatch.disconnect();
    moveWatch = null;
    clearTimeout(rearmTimer);
    const r = node.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return;
    const root = document.documentElement;
    /** @param {number} n */
    const inset = (n) => `${-Math.floor(n)}px`;
    const margin = [r.top, root.clientWidth - r.right, root.clientHeight - r.bottom, r.left].map(inset).join(' ');
    let first = true;
    const watch = new IntersectionObserver(([entry]) => {
      if (moveWatch !== watch) return;
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
        rearmTimer = setTimeout(() => { queuePlace(); armMoveWatch(node); }, 1000);
      }
    }, { rootMargin: margin, threshold: expected });
    watch.observe(node);
    moveWatch = watch;
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
  // focus while reports keep arriving.
  /** @param {OverlayAction[]} actions */
  function renderActions(actions) {
    const bar = /** @type {NonNullable<typeof parts>} */ (parts).actions;
    const key = actions.map((a) => `${a.kind}:${a.label}`).join('|');
    if (key === actionsKey) {
      actions.forEach((a, i) => { /** @type {HTMLElement} */ (bar.children[i]).onclick = (event) => a.run(event); });
      return;
    }
    actionsKey = key;
    bar.replaceChildren(...actions.map((a) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = a.kind;
      b.textContent = a.label;
      b.onclick = (event) => a.run(event);
      return b;
    }));
  }

  // view: { decision (the core's overlay), node (element to point at, or
  // null), actions ([{label, kind, run(event)}]), status (text or '') }.
  /** @param {OverlayView} view */
  function show({ decision, node, actions, status }) {
    if (!host) build();
    // build() made both.
    const shown = /** @type {HTMLElement} */ (host);
    if (!shown.isConnected) document.documentElement.append(shown);
    const p = /** @type {NonNullable<typeof parts>} */ (parts);
    const newStep = shownStep !== decision.step;
    const newTarget = node !== target;
    target = node;
    if (node && newTarget) revealOnce(node);
    if (newTarget) watchTarget(node);
    p.progress.textContent = decision.progress;
    p.title.textContent = decision.title;
    p.instruction.textContent = decision.instruction;
    p.why.textContent = decision.why;
    p.status.textContent = status || '';
    renderActions(actions);
    p.advice.replaceChildren(...decision.advice.map((/** @type {string} */ text) => {
      const item = document.createElement('li');
      item.textContent = text;
      return item;
    }));
    if (newStep) {
      shownStep = decision.step;
      setHidden(false);
      p.live.textContent = `${decision.progress}: ${decision.title}`;
      raise();
    }
    place();
  }

  function clear() {
    unwatchTarget();
    target = null;
    shownStep = null;
    actionsKey = '';
    if (host) host.remove();
  }

  return { show, clear, queuePlace, isOwn: (node) => node === host, calloutPosition };
})();
