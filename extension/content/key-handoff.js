// Moves a value between a page element and the background, only on the
// admin's own action: reads it from an element on a trusted click, or writes
// it into form fields the way typing would. Generic: which element and which
// fields come from the core. The value is never logged or stored here, and
// the reference to it is dropped as soon as the fill is done.
// @ts-check
'use strict';

globalThis.ikaKeyHandoff = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const TEXT_FIELD = 'input:not([type]),input[type=text],input[type=password],input[type=search],textarea';

  /** @param {Element | undefined} el */
  function readValue(el) {
    if (!el) return '';
    return 'value' in el && typeof el.value === 'string' ? el.value : el.textContent || '';
  }

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

  /**
   * Asks for the key and writes it into `fields`; tells the core how it went.
   * @param {Array<Element | undefined>} fields
   * @returns {Promise<FillResult>}
   */
  async function deliver(fields) {
    // Only text fields (TEXT_FIELD) pass the filter.
    const usable = /** @type {Array<HTMLInputElement | HTMLTextAreaElement>} */ (fields.filter(
      (el) => el && el.isConnected && el.matches(TEXT_FIELD)
        && !(/** @type {HTMLInputElement} */ (el)).disabled && !(/** @type {HTMLInputElement} */ (el)).readOnly,
    ));
    if (usable.length === 0) return { ok: false, message: 'The field is no longer on the page. Reload it and try again.' };
    /** @type {Core.Reply | undefined} */
    const reply = await api.runtime.sendMessage({ kind: 'release_key', v: 1 });
    // Only an error reply has a message; any other reads as undefined.
    if (!reply || reply.kind !== 'released') return { ok: false, message: (reply && /** @type {{ message?: string }} */ (reply).message) || 'The key could not be fetched.' };
    /** @type {string | null} */
    let key = reply.key;
    // Drops the reply's reference to the key; the type says string, this
    // object is ours and is dropped right after.
    /** @type {{ key: string | null }} */ (reply).key = null;
    try {
      // Still the released string here: only the finally below clears it.
      for (const el of usable) fill(el, /** @type {string} */ (key));
    } finally {
      key = null;
    }
    await api.runtime.sendMessage({ kind: 'fill_done', v: 1, filled: usable.length });
    return { ok: true, filled: usable.length };
  }

  // The click listener of a pick in progress: one at a time, and gone when
  // the guide steps aside.
  /** @type {AbortController | null} */
  let picking = null;

  /**
   * Waits for the admin's next trusted click on a text field, then delivers.
   * @returns {Promise<FillResult>}
   */
  function pickField() {
    stop();
    return new Promise((resolve) => {
      picking = new AbortController();
      addEventListener('click', (event) => {
        const el = event.target instanceof Element ? event.target.closest(TEXT_FIELD) : null;
        if (!event.isTrusted || !el) return;
        stop();
        resolve(deliver([el]));
      }, { capture: true, signal: picking.signal });
    });
  }

  /** Forgets a pick in progress (its promise never settles). */
  function stop() {
    if (picking) picking.abort();
    picking = null;
  }

  return { capture, deliver, pickField, stop };
})();
