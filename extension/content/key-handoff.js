// Moves the key between a page element and the background, only on the
// admin's own action: the handlers of the callout's key buttons. Reads the
// key from the element the core names on a trusted click (Send key), or
// writes it into form fields the way typing would, after a trusted click on
// a Fill button or on the one field the admin picks; tests the held key
// with OpenAI on request. Which clicks count is click-guard.js's rule: the
// handlers run only from the callout's guarded buttons, whose clicks the
// guard has judged (trusted, on top, settled), and the field picked is the
// one the guard accepts.
// Generic: which element and which fields come from the core. The key is
// never logged or stored here, and the reference to it is dropped as soon
// as the fill is done.
// @ts-check
'use strict';

/**
 * @param {AbortSignal} session the page session: a pick in progress ends with it
 * @param {HandoffPage} page what the callout shows, and how to report back into it
 * @type {(session: AbortSignal, page: HandoffPage) => IkaKeyHandoff}
 */
var ikaKeyHandoff = (session, page) => {
  const api = globalThis.browser ?? globalThis.chrome;
  const guard = ikaClickGuard;
  const TEXT_FIELD = 'input:not([type]),input[type=text],input[type=password],input[type=search],textarea';
  // The choice "Fill a field I pick" lasts for one click, or this long.
  const PICK_MS = 30_000;
  // What the status line says, from extension/_locales (`content_*`).
  /** @type {(id: string, ...values: Array<string | number>) => string} */
  const text = (id, ...values) => chrome.i18n.getMessage(id, values.map(String));
  const FILL_FAILED = text('content_fill_failed');
  let delivering = false;
  // The lifetime of a pick in progress: one at a time, and gone when the
  // guide steps aside.
  /** @type {AbortController | null} */
  let picking = null;
  const { current, showStatus, refresh } = page;

  /** @param {Element} el */
  function readValue(el) {
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

  /** @param {Core.KeyReport} report */
  function problemsText(report) {
    return report.problems.map((p) => p.message).join(' ');
  }

  /**
   * Send key: reads the key from the element the shown overlay's capture
   * names and hands it to the core.
   * @param {boolean} confirm
   */
  async function capture(confirm) {
    const { decision, nodes } = current();
    // Only offered while the shown overlay has a capture.
    /** @type {string | null} */
    let key = readValue(nodes[/** @type {{ capture: Core.Capture }} */ (decision).capture.from]);
    /** @type {Core.Reply | null} */
    let reply;
    try {
      reply = await api.runtime.sendMessage({ kind: 'capture_key', v: 1, key, confirm }).catch(() => null);
    } finally {
      key = null;
    }
    if (!reply) return showStatus(text('content_no_answer'));
    if (reply.kind === 'captured') {
      return showStatus(text('content_key_sent', reply.vault.masked));
    }
    if (reply.kind === 'key_check' && reply.needs_confirmation) {
      return showStatus(text('content_key_doubtful', problemsText(reply.report)), { confirm: true });
    }
    if (reply.kind === 'key_check') return showStatus(text('content_key_unusable', problemsText(reply.report)));
    // Only an error has a message; any other reply reads as undefined.
    return showStatus(/** @type {{ message?: string }} */ (reply).message || text('content_key_not_sent'));
  }

  // The fill offer on screen holds while the page is the one it was made
  // for: same URL, same offer from the core, and its fields still attached.
  /** @param {(Element | undefined)[]} fields */
  function offerCheck(fields) {
    const { decision, href } = current();
    const offer = decision?.fill?.offer;
    return () => Boolean(offer) && location.href === href && current().decision?.fill?.offer === offer
      && fields.every((el) => el && el.isConnected);
  }

  /** @type {FillResult} */
  const changed = { ok: false, message: text('content_page_changed') };

  /**
   * Asks for the key under offer `offer` and writes it into `fields` (their
   * report ids: `ids`), if `stillOffered()` holds before and after the key
   * arrives. Tells the core how it went.
   * @param {{ offer: string, fields: Array<Element | undefined>, ids: number[], stillOffered: () => boolean }} request
   * @returns {Promise<FillResult>}
   */
  async function deliver({ offer, fields, ids, stillOffered }) {
    const targets = fields.filter(usable);
    if (fields.length === 0 || targets.length !== fields.length) return { ok: false, message: text('content_field_gone') };
    if (!stillOffered()) return changed;
    /** @type {Core.Reply | undefined} */
    const reply = await api.runtime.sendMessage({ kind: 'release_key', v: 1, offer, fields: ids });
    // Only an error reply has a message; any other reads as undefined.
    if (!reply || reply.kind !== 'released') return { ok: false, message: (reply && /** @type {{ message?: string }} */ (reply).message) || text('content_key_not_fetched') };
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

  /** @param {FillResult} result */
  function afterFill(result) {
    showStatus(result.ok
      ? (result.filled === 1 ? text('content_filled_one') : text('content_filled_many', result.filled))
      : result.message);
    refresh();
  }

  /**
   * A Fill button: fills the choice's fields.
   * @param {Core.FillChoice} choice
   */
  async function fillChoice(choice) {
    const { decision, nodes } = current();
    const offered = decision && decision.fill;
    if (delivering || !offered) return;
    delivering = true;
    try {
      const fields = choice.fields.map((id) => nodes[id]);
      afterFill(await deliver({ offer: offered.offer, fields, ids: choice.fields, stillOffered: offerCheck(fields) }));
    } catch (_) {
      showStatus(FILL_FAILED);
    } finally {
      delivering = false;
    }
  }

  // "Fill a field I pick": the admin's next trusted click picks a text
  // field, if the guard accepts it (click-guard.js, fieldPick), and the key
  // is delivered into it. That click, or PICK_MS, ends the choice.
  function pick() {
    const { decision, nodes } = current();
    const offered = decision && decision.fill;
    if (delivering || !offered) return;
    showStatus(text('content_pick_prompt'));
    stop();
    const lifetime = new AbortController();
    picking = lifetime;
    const { signal } = lifetime;
    const stillOffered = offerCheck([]);
    /** @param {FillResult | Promise<FillResult>} result */
    const end = (result) => {
      lifetime.abort();
      Promise.resolve(result).then(afterFill, () => showStatus(FILL_FAILED));
    };
    guard.fieldPick(TEXT_FIELD, usable, signal, (el) => end(el
      ? deliver({ offer: offered.offer, fields: [el], ids: nodes.indexOf(el) < 0 ? [] : [nodes.indexOf(el)], stillOffered })
      : { ok: false, message: text('content_pick_refused') }));
    const expiry = setTimeout(() => end({ ok: false, message: text('content_pick_expired') }), PICK_MS);
    signal.addEventListener('abort', () => clearTimeout(expiry));
  }

  // The background tests the key it holds; only the report comes back, as advice.
  /** @param {string} offer */
  async function test(offer) {
    showStatus(text('content_testing'));
    /** @type {Core.Reply | null} */
    const reply = await api.runtime.sendMessage({ kind: 'test_held_key', v: 1, offer }).catch(() => null);
    showStatus(reply && reply.ok ? '' : /** @type {{ message?: string }} */ (reply || {}).message || text('content_test_not_started'));
    refresh();
  }

  /** Ends a pick in progress: nothing is filled, nothing said. */
  function stop() {
    if (picking) picking.abort();
    picking = null;
  }

  session.addEventListener('abort', stop);
  return { capture, fill: fillChoice, pick, test, stop };
};
