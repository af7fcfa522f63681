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

  function readValue(el) {
    if (!el) return '';
    return 'value' in el && typeof el.value === 'string' ? el.value : el.textContent || '';
  }

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

  /** Asks for the key and writes it into `fields`; tells the core how it went. */
  async function deliver(fields) {
    const usable = fields.filter((el) => el && el.isConnected && el.matches(TEXT_FIELD) && !el.disabled && !el.readOnly);
    if (usable.length === 0) return { ok: false, message: 'The field is no longer on the page. Reload it and try again.' };
    const reply = await api.runtime.sendMessage({ kind: 'release_key', v: 1 });
    if (!reply || reply.kind !== 'released') return { ok: false, message: (reply && reply.message) || 'The key could not be fetched.' };
    let key = reply.key;
    reply.key = null;
    try {
      for (const el of usable) fill(el, key);
    } finally {
      key = null;
    }
    await api.runtime.sendMessage({ kind: 'fill_done', v: 1, filled: usable.length });
    return { ok: true, filled: usable.length };
  }

  // The click listener of a pick in progress: one at a time, and gone when
  // the guide steps aside.
  let picking = null;

  /** Waits for the admin's next trusted click on a text field, then delivers. */
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
