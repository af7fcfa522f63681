// Moves a value between a page element and the background, only on the
// admin's own action: reads it from an element on a trusted click, or writes
// it into form fields the way typing would, after a trusted click on a Fill
// button or on the one field the admin picks. Generic: which element and
// which fields come from the core. The value is never logged or stored here,
// and the reference to it is dropped as soon as the fill is done.
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

  function readValue(el) {
    if (!el) return '';
    return 'value' in el && typeof el.value === 'string' ? el.value : el.textContent || '';
  }

  const usable = (el) => el instanceof Element && el.isConnected && el.matches(TEXT_FIELD) && !el.disabled && !el.readOnly;

  // Sets the value through the element's own prototype setter (so frameworks
  // that track assignments, like React, notice a real change) and fires the
  // events typing fires. Never submits the form.
  function fill(el, value) {
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    const setter = Object.getOwnPropertyDescriptor(proto, 'value').set;
    el.focus();
    setter.call(el, value);
    el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText' }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** Reads the key from `el` and hands it to the core. Needs a trusted click. */
  async function capture(event, el, confirm) {
    if (!event.isTrusted) return { kind: 'error', ok: false, message: 'Use your mouse or keyboard to press the button.' };
    let key = readValue(el);
    try {
      return await api.runtime.sendMessage({ kind: 'capture_key', v: 1, key, confirm });
    } finally {
      key = null;
    }
  }

  const changed = { ok: false, stale: true, message: 'The page changed, so nothing was filled. Checking it again.' };

  /**
   * Asks for the key under offer `offer` and writes it into `fields` (their
   * report ids: `ids`), if `stillOffered()` holds before and after the key
   * arrives. Tells the core how it went.
   */
  async function deliver({ offer, fields, ids, stillOffered }) {
    if (fields.length === 0 || !fields.every(usable)) return { ok: false, message: 'The field is no longer on the page. Reload it and try again.' };
    if (!stillOffered()) return changed;
    const reply = await api.runtime.sendMessage({ kind: 'release_key', v: 1, offer, fields: ids });
    if (!reply || reply.kind !== 'released') return { ok: false, message: (reply && reply.message) || 'The key could not be fetched.' };
    let key = reply.key;
    reply.key = null;
    let filled = 0;
    try {
      if (stillOffered() && fields.every(usable)) {
        for (const el of fields) {
          fill(el, key);
          filled += 1;
        }
      }
    } finally {
      key = null;
    }
    await api.runtime.sendMessage({ kind: 'fill_done', v: 1, offer, filled });
    return filled > 0 ? { ok: true, filled } : changed;
  }

  const boxOf = (el) => {
    const r = el.getBoundingClientRect();
    return `${r.x},${r.y},${r.width},${r.height}`;
  };

  /**
   * Waits for the admin's next trusted click, which picks a text field only
   * if the click is on the field itself, the field is what is under the
   * pointer, and it has not moved for SETTLE_MS before the press nor
   * between press and click. Then delivers into it. One click, or PICK_MS,
   * ends the choice. `idOf(el)` gives the field's report ids.
   */
  function pickField({ offer, stillOffered, idOf }) {
    return new Promise((resolve) => {
      // When each text field was last seen to move.
      const settled = new Map();
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
      const under = (event) => {
        const el = event.target;
        if (!usable(el) || document.elementsFromPoint(event.clientX, event.clientY)[0] !== el) return null;
        return el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) ? el : null;
      };
      const onDown = (event) => {
        if (!event.isTrusted) return;
        const el = under(event);
        const seen = el && settled.get(el);
        const still = seen && seen.box === boxOf(el) && performance.now() - seen.since >= SETTLE_MS;
        pressed = still ? { el, box: seen.box } : null;
      };
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
      function end(result) {
        clearInterval(timer);
        clearTimeout(expiry);
        removeEventListener('pointerdown', onDown, true);
        removeEventListener('click', onClick, true);
        if (result) resolve(result);
      }
      sample();
      addEventListener('pointerdown', onDown, true);
      addEventListener('click', onClick, true);
    });
  }

  return { capture, deliver, pickField };
})();
