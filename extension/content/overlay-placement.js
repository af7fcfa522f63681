// Where the overlay goes, and keeping it there: the spotlight around the
// target, the callout beside it (clear of the target and of the controls the
// admin needs) and the arrow between them, placed again whenever the target,
// the viewport or the page's focus moves.
// @ts-check
'use strict';

/** @type {IkaPlacement} */
var ikaPlacement = (() => {
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
  // How far the arrow stays from the callout's ends (its rounded corners).
  const INSET = 12 + ARROW;
  /** @type {(n: number, lo: number, hi: number) => number} */
  const clamp = (n, lo, hi) => Math.max(lo, Math.min(n, hi));

  // Where the callout goes for a target box (null: no target), so that it
  // covers neither the target nor, where it can, the `obstacles` (the
  // focused control, the controls the instruction names). Places tried:
  // each side of the target (below, above, right, left; at full height,
  // then squeezed to the room there, which makes the callout scroll), the
  // viewport's corners, then the free bands: in the corners' columns and
  // in those just past each obstacle, from the viewport's edge or just
  // past an obstacle to the next one (squeezed there, but never below what
  // it needs to show, `least`). The place covering the least of the
  // obstacles wins; on a tie, a side at full height before a squeezed one
  // before a corner before a band (a tall one first), and, when the target
  // sits in a dialog (`around`), the place covering least of the dialog,
  // then the order above. The target itself
  // is never covered while any place leaves it clear. Beside the target,
  // the arrow's tip sits on the spotlight's ring. Pure (boxes in, position
  // out), so it is tested without a layout engine
  // (tests/unit/overlay-placement.test.mjs).
  /** @type {IkaPlacement['calloutPosition']} */
  function calloutPosition(r, box, viewport, around = null, obstacles = []) {
    const { width: vw, height: vh } = viewport;
    const w = box.width;
    const full = Math.min(box.height, vh - 2 * GAP);
    const least = Math.max(MIN_HEIGHT, box.least || 0);
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
      /** @type {(a: number, b: number, size: number, extent: number) => number[]} */
      const along = (a, b, size, extent) => [a, b - size, (a + b - size) / 2, clamp((a + b - size) / 2, GAP, extent - GAP - size)]
        .filter((v) => v >= GAP && v + size <= extent - GAP && v + INSET < b && v + size - INSET > a);
      for (const side of /** @type {CalloutSide[]} */ (['below', 'above'])) {
        // Full height, else squeezed to the room there; the last resort
        // (rank 4, below `least`) counts only if all else covers the target.
        const h = Math.min(full, room[side]);
        const top = side === 'below' ? r.bottom + NEAR : r.top - NEAR - h;
        if (h < 2 * GAP || top < GAP || top + h > vh - GAP) continue;
        const rank = h >= full ? 0 : h >= least ? 1 : 4;
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
    // A band starts at the margin or PAD past a block in its column and
    // ends PAD before the next; the callout sits at either end of it.
    const blocks = ringed ? [ringed, ...obstacles] : obstacles;
    for (const x0 of [0, vw, ...blocks.flatMap((o) => [o.right + PAD, o.left - PAD - w])]) {
      const x = clamp(x0, GAP, vw - GAP - w);
      const column = blocks.filter((o) => o.left < x + w && o.right > x);
      for (const start of [GAP, ...column.map((o) => Math.max(GAP, o.bottom + PAD))]) {
        const end = Math.min(vh - GAP, ...column.filter((o) => o.bottom > start).map((o) => o.top - PAD));
        const h = Math.min(full, end - start);
        if (h < Math.min(least, full)) continue;
        add(h < full ? 3.5 : 3, x, start, h);
        add(h < full ? 3.5 : 3, x, end - h, h);
      }
    }
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
    const usual = pick(spots.filter((s) => s.rank < 4));
    let best = usual[0];
    // The last resort only against covering the target.
    const squeezed = spots.filter((s) => s.rank === 4);
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
    if (side === 'below' || side === 'above') {
      return { x: clamp((r.left + r.right) / 2, left + INSET, left + w - INSET), y: side === 'below' ? r.bottom + PAD + RING : r.top - PAD - RING };
    }
    return { x: side === 'right' ? r.right + PAD + RING : r.left - PAD - RING, y: clamp((r.top + r.bottom) / 2, top + INSET, top + h - INSET) };
  }


  /**
   * Places the overlay's spotlight, arrow and callout, and follows the target
   * for the lifetime `signal`. `texts` are the callout's parts that may
   * scroll when it is squeezed; `moved()` runs after a placement that moved
   * the callout.
   * @param {{ host: HTMLElement, spotlight: HTMLElement, arrow: HTMLElement, callout: HTMLElement, texts: HTMLElement[] }} dom
   * @param {AbortSignal} signal
   * @param {() => void} moved
   */
  function follow({ host, spotlight, arrow, callout, texts }, signal, moved) {
    /** @type {Element | null} the element pointed at */
    let target = null;
    /** @type {Element[]} the other controls the instruction names */
    let keepClear = [];
    // The page's focused element, kept clear.
    let focus = document.activeElement;
    // A queued place(), or 0.
    let frame = 0;
    /** @type {IntersectionObserver | null} */
    let moveWatch = null;
    /** @type {ResizeObserver | null} */
    let sizeWatch = null;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let rearmTimer;

    // The boxes the callout should keep clear of, besides its target: the
    // controls the instruction names, the focused control (unless it is the
    // target, a container of it, or the callout's own), and the labels of
    // all of these and of the target, which say what the controls are.
    function obstacles() {
      const nodes = [...keepClear];
      if (focus && focus !== host && focus !== document.body && focus !== document.documentElement
        && !(target && focus.contains(target))) nodes.push(focus);
      const labelled = target ? [target, ...nodes] : nodes;
      for (const node of labelled) nodes.push(.../** @type {HTMLInputElement} */ (node).labels || []);
      return nodes.filter((node) => node !== target && node.isConnected).map((node) => node.getBoundingClientRect());
    }

    function place() {
      const viewport = { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight };
      // Measured at its natural height, which the last placement may have cut;
      // squeezed, it must still show its heading, buttons and some text.
      callout.style.maxHeight = '';
      const { width, height } = callout.getBoundingClientRect();
      const box = { width, height, least: height - texts.reduce((sum, node) => sum + node.offsetHeight, 0) };
      const r = target && target.isConnected ? target.getBoundingClientRect() : null;
      const dialog = r && target ? target.closest(ikaPageFacts.DIALOGS) : null;
      // Every box is read before anything is moved: a read after a write
      // would lay the page out again.
      const spot = calloutPosition(r, box, viewport, dialog ? dialog.getBoundingClientRect() : null, obstacles());
      spotlight.hidden = !r;
      if (r) {
        Object.assign(spotlight.style, {
          left: `${r.left - PAD}px`, top: `${r.top - PAD}px`,
          width: `${r.width + 2 * PAD}px`, height: `${r.height + 2 * PAD}px`,
        });
      }
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

    // A callout that moves may have moved under the pointer: say so.
    function placeAndNote() {
      const { style } = callout;
      const before = style.cssText;
      place();
      if (style.cssText !== before) moved();
    }

    function queuePlace() {
      if (frame || signal.aborted) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        placeAndNote();
      });
    }

    // Follows the target without reading layout on every page change (which
    // would force a layout per frame on a busy page): an IntersectionObserver
    // whose root is shrunk to the target's own box reports, after the
    // browser's own layout, the first frame in which the target moves; a
    // ResizeObserver reports size changes. Either way the overlay is placed
    // again and the watch is re-armed around the new box.
    function unwatchTarget() {
      clearTimeout(rearmTimer);
      if (moveWatch) moveWatch.disconnect();
      if (sizeWatch) sizeWatch.disconnect();
      moveWatch = null;
      sizeWatch = null;
    }

    /** @param {Element} node */
    function watchTarget(node) {
      unwatchTarget();
      if (!node.isConnected) return;
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
        if (signal.aborted || moveWatch !== watch) return;
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

    /** @type {(target: EventTarget, type: string, fn: EventListener, capture?: boolean) => void} */
    const on = (node, type, fn, capture) => node.addEventListener(type, fn, { capture, passive: true, signal });
    on(window, 'scroll', queuePlace, true);
    // A new viewport size makes the move watch's root stale; so does the end
    // of a page's transition or animation (a dialog sliding in), after which
    // the target's box is measured again.
    const remeasure = () => { queuePlace(); if (target) armMoveWatch(target); };
    on(window, 'resize', remeasure);
    for (const type of ['transitionend', 'animationend']) on(window, type, remeasure, true);
    // Focus moving into the callout (a press on one of its buttons) leaves it
    // where it is: moving now would move the button from under the pointer.
    // The page's own focus, wherever it goes, is kept clear.
    on(document, 'focusin', () => {
      const node = document.activeElement;
      if (node === host) return;
      focus = node;
      queuePlace();
    });
    signal.addEventListener('abort', () => {
      cancelAnimationFrame(frame);
      unwatchTarget();
    });

    return {
      /**
       * Points at `node` (null: no target), keeping `others` clear.
       * @param {Element | null} node
       * @param {Element[]} others
       */
      point(node, others) {
        keepClear = others;
        if (node === target) return;
        target = node;
        unwatchTarget();
        if (!node) return;
        revealOnce(node);
        // Watched from the frame after the one that shows the callout: a
        // new observer reports at once, inside the frame it was made for,
        // which would hold that frame up for a placement already done.
        requestAnimationFrame(() => setTimeout(() => {
          if (target === node && !signal.aborted) watchTarget(node);
        }));
      },
      target: () => target,
      queue: queuePlace,
      now: placeAndNote,
    };
  }

  return { calloutPosition, follow };
})();
