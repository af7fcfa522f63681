// The Fill and "Test with OpenAI" buttons of Innoslate's callout: writes
// the key into form fields the way typing would, after the admin's trusted
// click on a Fill button or on the one field they pick (field-pick.js), and
// asks the background to test the key it holds. Not in the content scripts
// every page loads: the background injects this (with field-pick.js) into a
// page only when the adapter shows an offer from the core there
// (`key_fill_script`). It adds nothing a page could use: every key it
// writes is released by the core, for that page's offer, after a click the
// guard accepted.
// Generic: which fields come from the core. The key is never logged or
// stored here, and the reference to it is dropped as soon as the fill is done.
// @ts-check
'use strict';

/**
 * @param {AbortSignal} session the page session: a pick in progress ends with it
 * @param {FillPage} page what the callout shows, and how to act on it
 * @type {(session: AbortSignal, page: FillPage) => IkaKeyFill}
 */
var ikaKeyFill = (session, page) => {
  const api = globalThis.browser ?? globalThis.chrome;
  const fieldPick = ikaFieldPick(page.guard);
  const TEXT_FIELD = 'input:not([type]),input[type=text],input[type=password],input[type=search],textarea';
  // The choice "Fill a field I pick" lasts for one click, or this long.
  const PICK_MS = 30_000;
  // What the status line says, from extension/_locales (`content_*`).
  /** @type {(id: string, ...values: Array<string | number>) => string} */
  const text = (id, ...values) => chrome.i18n.getMessage(id, values.map(String));
  const FILL_FAILED = text('content_fill_failed');
  const PICK = text('content_fill_pick');
  const TEST = text('content_test_key');
  let delivering = false;
  // The lifetime of a pick in progress: one at a time, and gone when the
  // guide steps aside.
  /** @type {AbortController | null} */
  let picking = null;
  const { current, showStatus, refresh, withdraw } = page;

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
  // field, if the guard's rules accept it (field-pick.js), and the key
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
    fieldPick(TEXT_FIELD, usable, signal, (el) => end(el
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

  // Whether a field the offer names has left the page (a replaced form).
  function offeredFieldGone() {
    const { decision, nodes } = current();
    return Boolean(decision?.fill?.choices.some((c) => c.fields.some((id) => !nodes[id].isConnected)));
  }

  /**
   * The buttons for what the core offers: its Fill choices, "Fill a field I
   * pick", "Test with OpenAI". Fills happen only on the admin's own click
   * on one of these.
   * @param {Core.Overlay} decision
   * @returns {OverlayAction[]}
   */
  function actions(decision) {
    const { fill, live_test: offer } = decision;
    /** @type {OverlayAction[]} */
    const buttons = (fill ? fill.choices : []).map((choice) => ({ label: choice.label, kind: 'primary', guarded: true, run: () => fillChoice(choice) }));
    if (fill && fill.pick) buttons.push({ label: PICK, kind: 'primary', guarded: true, run: pick });
    if (offer) buttons.push({ label: TEST, kind: 'secondary', guarded: true, run: () => test(offer) });
    return buttons;
  }

  // An in-page navigation voids the offer at once (pushState and
  // replaceState fire no event of their own; the Navigation API reports
  // them where the browser has it, and elsewhere the URL is compared at the
  // click). The next report makes a new offer if the new page earns it.
  for (const type of ['popstate', 'hashchange']) addEventListener(type, withdraw, { capture: true, passive: true, signal: session });
  // The Navigation API is not in every browser, nor in the DOM types yet.
  const { navigation } = /** @type {{ navigation?: EventTarget }} */ (/** @type {unknown} */ (globalThis));
  if (navigation) navigation.addEventListener('navigate', () => setTimeout(withdraw), { signal: session });
  // The admin's own submit of a form (never one of ours): the core notes a
  // Save of the form its key went into in the key's record.
  addEventListener('submit', (e) => {
    const form = e.isTrusted && e.target instanceof Element ? page.formOf(e.target) : null;
    if (form !== null) api.runtime.sendMessage({ kind: 'form_submitted', v: 1, form }).catch(() => {});
  }, { capture: true, passive: true, signal: session });
  session.addEventListener('abort', stop);
  return { actions, stop, onPageChange: () => { if (offeredFieldGone()) withdraw(); } };
};
