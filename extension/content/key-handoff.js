// Moves a value between a page element and the background, only on the
// admin's own action: reads it from an element on a trusted click, or writes
// it into form fields the way typing would, after a trusted click on a Fill
// button or on the one field the admin picks. Generic: which element and
// which fields come from the core. The value is never logged or stored here,
// and the reference to it is dropped as soon as the fill is done.
// @ts-check
'use strict';

globalThis.ikaKeyHandoff = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const TEXT_FIELD = 'input:not([type]),input[type=text],input[type=password],input[type=search],textarea';
  // A picked field must have stayed where it is this long before the press,
  // so a page cannot slide a field under the pointer just before a click.
  const SETTLE_MS = 300;
  // The choice "Fill a field I pick" lasts for one click, or this long.
  const PICK_MS = 30_000;
  const SAMPLE_MS = 100;
  const MAX_SAMPLED = 2000;

  /** @param {Element | undefined} el */
  function readValue(el) {
    if (!el) return '';
    return 'value' in el && typeof el.value === 'string' ? el.value : el.textContent || '';
  }

  /**
   * A text field the admin can type into, still on the page.
   * @param {unknown} el
   * @returns {el is HTMLInputElement | HTMLTextAreaElement}
   */
  const usable = (el) => el instanceof Element && el.isConnected && el.matches(TEXT_FIELD)
    // TEXT_FIELD matches only inputs and text areas, which have both.
    && !(/** @type {HTMLInputElement} */ (el)).disabled && !(/** @type {HTMLInputElement} */ (el)).readOnly;

  // Sets the value through the element's own prototype setter (so frameworks
  // that track assignments, like React, notice a real change) and fires the
  // events typing fires. Never submits the form.
  /**
   * @param {HTMLInputElement | HTMLTextAreaElement} el
   * @param {string} value
   */
  function fill(el, value) {
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    // Both prototypes define `value` with a setter.
    const setter = /** @type {(this: Element, value: string) => void} */ (
      /** @type {PropertyDescriptor} */ (Object.getOwnPropertyDescriptor(proto, 'value')).set);
    el.focus();
    setter.call(el, value);
    el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText' }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /**
   * Reads the key from `el` and hands it to the core. Needs a trusted click.
   * @param {Event} event
   * @param {Element | undefined} el
   * @param {boolean} confirm
   * @returns {Promise<Core.Reply | UntrustedClick>}
   */
  async function capture(event, el, confirm) {
    if (!event.isTrusted) return { kind: 'error', ok: false, message: 'Use your mouse or keyboard to press the button.' };
    /** @type {string | null} */
    let key = readValue(el);
    try {
      return await api.runtime.sendMessage({ kind: 'capture_key', v: 1, key, confirm });
    } finally {
      key = null;
    }
  }

  /** @type {FillResult} */
  const changed = { ok: false, stale: true, message: 'The page changed, so nothing was filled. Checking it again.' };

  /**
   * Asks for the key under offer `offer` and writes it into `fields` (their
   * report ids: `ids`), if `stillOffered()` holds before and after the key
   * arrives. Tells the core how it went.
   * @param {{ offer: string, fields: Array<Element | undefined>, ids: number[], stillOffered: () => boolean }} request
   * @returns {Promise<FillResult>}
   */
  async function deliver({ offer, fields, ids, stillOffered }) {
    const targets = fields.filter(usable);
    if (fields.length === 0 || targets.length !== fields.length) return { ok: false, message: 'The field is no longer on the page. Reload it and try again.' };
    if (!stillOffered()) return changed;
    /** @type {Core.Reply | undefined} */
    const reply = await api.runtime.sendMessage({ kind: 'release_key', v: 1, offer, fields: ids });
    // Only an error reply has a message; any other reads as undefined.
    if (!reply || reply.kind !== 'released') return { ok: false, message: (reply && /** @type {{ message?: string }} */ (reply).message) || 'The key could not be fetched.' };
    /** @type {string | null} */
    let key = reply.key;
    // Drops the reply's reference to the key; the type says string, this
    // object is ours and is dropped right after.
    /** @type {{ key: string | null }} */ (reply).key = null;
    let filled = 0;
    try {
      if (stillOffered() && targets.every(usable)) {
        for (const el of targets) {
          // Still the released string here: only the finally below clears it.
          fill(el, /** @type {string} */ (key));
          filled += 1;
        }
      }
    } finally {
      key = null;
    }
    await api.runtime.sendMessage({ kind: 'fill_done', v: 1, offer, filled });
    return filled > 0 ? { ok: true, filled } : changed;
  }

  /** @param {Element} el */
  const boxOf = (el) => {
    const r = el.getBoundingClientRect();
    return `${r.x},${r.y},${r.width},${r.height}`;
  };

  // Ends a pick in progress: one at a time, and gone when the guide steps aside.
  /** @type {(() => void) | null} */
  let endPick = null;

  /**
   * Waits for the admin's next trusted click, which picks a text field only
   * if the click is on the field itself, the field is what is under the
   * pointer, and it has not moved for SETTLE_MS before the press nor
   * between press and click. Then delivers into it. One click, or PICK_MS,
   * ends the choice. `idOf(el)` gives the field's report ids.
   * @param {{ offer: string, stillOffered: () => boolean, idOf: (el: Element) => number[] }} request
   * @returns {Promise<FillResult>}
   */
  function pickField({ offer, stillOffered, idOf }) {
    stop();
    return new Promise((resolve) => {
      // When each text field was last seen to move.
      /** @type {Map<Element, { box: string, since: number }>} */
      const settled = new Map();
      /** @type {{ el: Element, box: string } | null} */
      let pressed = null;
      const sample = () => {
        const now = performance.now();
        let n = 0;
        for (const el of document.querySelectorAll(TEXT_FIELD)) {
          if ((n += 1) > MAX_SAMPLED) break;
          const box = boxOf(el);
          if (settled.get(el)?.box !== box) settled.set(el, { box, since: now });
        }
      };
      /** @param {MouseEvent} event */
      const under = (event) => {
        const el = event.target;
        if (!usable(el) || document.elementsFromPoint(event.clientX, event.clientY)[0] !== el) return null;
        return el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) ? el : null;
      };
      /** @param {MouseEvent} event */
      const onDown = (event) => {
        if (!event.isTrusted) return;
        const el = under(event);
        const seen = el && settled.get(el);
        const still = el && seen && seen.box === boxOf(el) && performance.now() - seen.since >= SETTLE_MS;
        pressed = el && seen && still ? { el, box: seen.box } : null;
      };
      /** @param {MouseEvent} event */
      const onClick = (event) => {
        // Clicks a page makes neither pick nor end the choice.
        if (!event.isTrusted) return;
        const el = under(event);
        if (!el || !pressed || pressed.el !== el || boxOf(el) !== pressed.box) {
          end({ ok: false, message: 'Nothing was filled: that was not a text field that had stayed in place. Choose \u201cFill a field I pick\u201d again.' });
          return;
        }
        end(null);
        resolve(deliver({ offer, fields: [el], ids: idOf(el), stillOffered }));
      };
      const timer = setInterval(sample, SAMPLE_MS);
      const expiry = setTimeout(() => end({ ok: false, message: 'Time is up; nothing was filled. Choose \u201cFill a field I pick\u201d again.' }), PICK_MS);
      /** @param {FillResult | null} result */
      function end(result) {
        endPick = null;
        clearInterval(timer);
        clearTimeout(expiry);
        removeEventListener('pointerdown', onDown, true);
        removeEventListener('click', onClick, true);
        if (result) resolve(result);
      }
      endPick = () => end(null);
      sample();
      addEventListener('pointerdown', onDown, true);
      addEventListener('click', onClick, true);
    });
  }

  /** Forgets a pick in progress (its promise never settles). */
  function stop() {
    if (endPick) endPick();
  }

  return { capture, deliver, pickField, stop };
})();
