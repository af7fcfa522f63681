// Draws what the core decided: a spotlight around the target control and a
// callout beside it. Lives in a closed shadow root in the top layer, so the
// page can neither read nor restyle it, and page z-indexes cannot hide it.
// Text is set with textContent only; nothing from anywhere is parsed as HTML.
'use strict';

globalThis.ikaOverlay = (() => {
  // Replaced at build time with the contents of overlay.css.
  const OVERLAY_CSS = '__OVERLAY_CSS__';
  const GAP = 12;
  const PAD = 6;

  let host = null;
  let parts = null;
  let target = null;
  let shownStep = null;
  let placeQueued = false;
  let actionsKey = '';

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
      if (event.key === 'Escape') {
        event.stopPropagation();
        setHidden(true);
      }
    });
    parts = { spotlight, callout, progress, title, instruction, why, advice, status, actions, live };
    host.setAttribute('popover', 'manual');
    document.documentElement.append(host);
    addEventListener('scroll', queuePlace, { capture: true, passive: true });
    // A new viewport size makes the move watch's root stale; so does the end
    // of a page's transition or animation (a dialog sliding in), after which
    // the target's box is measured again.
    const remeasure = () => { queuePlace(); if (target) armMoveWatch(target); };
    addEventListener('resize', remeasure, { passive: true });
    for (const type of ['transitionend', 'animationend']) addEventListener(type, remeasure, { capture: true, passive: true });
  }

  function raise() {
    // Re-entering the top layer puts us above dialogs the page opened since.
    if (!host.showPopover) return;
    try {
      if (host.matches(':popover-open')) host.hidePopover();
      host.showPopover();
    } catch (_) { /* not connected or not supported: stays in normal flow */ }
  }

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

  function place() {
    const { spotlight, callout } = parts;
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    const box = callout.getBoundingClientRect();
    if (!target || !target.isConnected) {
      spotlight.hidden = true;
      callout.style.left = `${Math.max(GAP, vw - box.width - 24)}px`;
      callout.style.top = `${Math.max(GAP, vh - box.height - 24)}px`;
      return;
    }
    const r = target.getBoundingClientRect();
    spotlight.hidden = false;
    Object.assign(spotlight.style, {
      left: `${r.left - PAD}px`, top: `${r.top - PAD}px`,
      width: `${r.width + 2 * PAD}px`, height: `${r.height + 2 * PAD}px`,
    });
    const fits = (x, y) => x >= GAP && y >= GAP && x + box.width <= vw - GAP && y + box.height <= vh - GAP;
    const candidates = [
      [r.left, r.bottom + PAD + GAP],
      [r.right - box.width, r.bottom + PAD + GAP],
      [r.left, r.top - PAD - GAP - box.height],
      [r.right + PAD + GAP, r.top],
      [r.left - PAD - GAP - box.width, r.top],
    ];
    const [x, y] = candidates.find(([cx, cy]) => fits(cx, cy)) || candidates[0];
    callout.style.left = `${Math.min(Math.max(GAP, x), Math.max(GAP, vw - box.width - GAP))}px`;
    callout.style.top = `${Math.min(Math.max(GAP, y), Math.max(GAP, vh - box.height - GAP))}px`;
  }

  // Follows the target without reading layout on every page change (which
  // would force a layout per frame on a busy page): an IntersectionObserver
  // whose root is shrunk to the target's own box reports, after the
  // browser's own layout, the first frame in which the target moves; a
  // ResizeObserver reports size changes. Either way the overlay is placed
  // again and the watch is re-armed around the new box.
  let moveWatch = null;
  let sizeWatch = null;
  let rearmTimer = 0;

  function unwatchTarget() {
    clearTimeout(rearmTimer);
    if (moveWatch) moveWatch.disconnect();
    if (sizeWatch) sizeWatch.disconnect();
    moveWatch = null;
    sizeWatch = null;
  }

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
  function armMoveWatch(node, expected = 1) {
    if (moveWatch) moveWatch.disconnect();
    moveWatch = null;
    clearTimeout(rearmTimer);
    const r = node.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return;
    const root = document.documentElement;
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
  function renderActions(actions) {
    const key = actions.map((a) => `${a.kind}:${a.label}`).join('|');
    if (key === actionsKey) {
      actions.forEach((a, i) => { parts.actions.children[i].onclick = (event) => a.run(event); });
      return;
    }
    actionsKey = key;
    parts.actions.replaceChildren(...actions.map((a) => {
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
  function show({ decision, node, actions, status }) {
    if (!host) build();
    if (!host.isConnected) document.documentElement.append(host);
    const p = parts;
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
    p.advice.replaceChildren(...decision.advice.map((text) => {
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

  return { show, clear, queuePlace, isOwn: (node) => node === host };
})();
