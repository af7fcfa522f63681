// "Fill a field I pick": the admin's next click picks a text field, judged
// by click-guard.js's rules (a trusted click, on what really is under the
// pointer, on a field that stood still). Loaded with key-fill.js, only into
// a page the core offered a key to.
// @ts-check
'use strict';

/** @type {IkaFieldPick} */
var ikaFieldPick = (guard) => {
  const { trusted, settled, onTop } = guard;
  // How often, and how many of, the page's text fields are checked for moves
  // while the admin picks one.
  const SAMPLE_MS = 100;
  const MAX_SAMPLED = 2000;

  /**
   * For the lifetime `signal`, lets the admin pick one of the page's fields
   * (`selector`) with a click: the next trusted click calls `picked` with
   * the field, if it was pressed on a field that is `usable`, topmost under
   * the pointer, visible and unmoved for the settle time, and is still so at
   * the click; else with null. Clicks a page makes count for nothing.
   * @param {string} selector
   * @param {(el: unknown) => el is HTMLInputElement | HTMLTextAreaElement} usable
   * @param {AbortSignal} signal
   * @param {(el: HTMLInputElement | HTMLTextAreaElement | null) => void} picked
   */
  return function fieldPick(selector, usable, signal, picked) {
    /** @param {Element} el */
    const boxOf = (el) => {
      const r = el.getBoundingClientRect();
      return `${r.x},${r.y},${r.width},${r.height}`;
    };
    // When each field was last seen to move.
    /** @type {Map<Element, { box: string, since: number }>} */
    const seen = new Map();
    /** @type {{ el: Element, box: string } | null} */
    let pressed = null;
    const sample = () => {
      const now = performance.now();
      let n = 0;
      for (const el of document.querySelectorAll(selector)) {
        if ((n += 1) > MAX_SAMPLED) break;
        const box = boxOf(el);
        if (seen.get(el)?.box !== box) seen.set(el, { box, since: now });
      }
    };
    // Seen as it is: no see-through layer on it or around it (the callout's
    // own rule, click-guard.js), and its text not drawn in a transparent
    // colour. A field made nearly invisible and laid over the one the admin
    // means would otherwise be picked instead.
    /** @param {Element} el */
    const plainlySeen = (el) => {
      for (let /** @type {Element | null} */ node = el; node; node = node.parentElement) {
        if (/** @type {number} */ (/** @type {unknown} */ (getComputedStyle(node).opacity)) < 1) return false;
      }
      const { color, webkitTextFillColor } = getComputedStyle(el);
      return ![color, webkitTextFillColor].some((c) => c === 'transparent' || /^rgba\(.*, 0\)$|\/ 0\)$/.test(c));
    };
    /** @param {MouseEvent} event */
    const under = (event) => {
      const el = event.target;
      return usable(el) && onTop(el, event.clientX, event.clientY)
        && el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && plainlySeen(el) ? el : null;
    };
    /** @param {Event} event */
    const onPress = (event) => {
      if (!trusted(event)) return;
      const el = under(/** @type {MouseEvent} */ (event));
      const last = el && seen.get(el);
      pressed = el && last && last.box === boxOf(el) && settled(last.since) ? { el, box: last.box } : null;
    };
    /** @param {Event} event */
    const onClick = (event) => {
      if (!trusted(event)) return;
      const el = under(/** @type {MouseEvent} */ (event));
      picked(el && pressed && pressed.el === el && boxOf(el) === pressed.box ? el : null);
    };
    const timer = setInterval(sample, SAMPLE_MS);
    signal.addEventListener('abort', () => clearInterval(timer));
    sample();
    addEventListener('pointerdown', onPress, { capture: true, signal });
    addEventListener('click', onClick, { capture: true, signal });
  };
};
