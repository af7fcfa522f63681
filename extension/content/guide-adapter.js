// Connects the page to the core: watches the page with one MutationObserver,
// sends at most one report per animation frame (only when something the core
// cares about changed), and shows whatever overlay the core answers, with the
// buttons it calls for.
// @ts-check
'use strict';

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const facts = globalThis.ikaPageFacts;
  const overlay = globalThis.ikaOverlay;
  const handoff = globalThis.ikaKeyHandoff;
  const spotter = globalThis.ikaSpotter;
  // How long a missing target may take to render before the step is shown
  // without a spotlight.
  const TARGET_GRACE_MS = 3000;

  /**
   * The overlay shown (null: none), the report's elements it refers to, and
   * the element pointed at (set with every overlay).
   * @typedef {{ decision: null, nodes: Element[], node?: Element | null, href?: string }
   *   | { decision: Core.Overlay, nodes: Element[], node: Element | null, href?: string }} Shown
   */
  /**
   * @typedef {object} AdapterState
   * @property {number} sequence
   * @property {{ step: string | null, text: string, confirm: boolean }} status
   * @property {Shown} current
   * @property {MutationObserver} [observer]
   * @property {AbortController} [events]
   * @property {boolean} [queued]
   * @property {boolean} [reportedThisFrame]
   * @property {string} [lastSignature]
   * @property {number} [missingSince]
   * @property {string} [missingStep]
   * @property {ReturnType<typeof setTimeout>} [graceTimer]
   * @property {boolean} [stopped]
   * @property {boolean} [delivering]
   * @property {boolean} [parked] paused (the core says so where the guide has a callout): "Show guide" stays on the page
   * @property {boolean} [focusNext] the shortcut asked for the callout before it was up
   * @property {boolean} [tipAsked] the shortcut tip was asked for on this page
   */
  // Everything the adapter holds. Listeners, the observer and timers exist
  // only between start() and stop(); stop() is for good (the extension was
  // reloaded or the page defeats the reader). Also, set as they come (unset
  // reads as false): queued, reportedThisFrame, lastSignature, missingSince,
  // missingStep (the step whose target is late), graceTimer, stopped,
  // delivering, observer and events (the owner of the page listeners).
  /** @type {AdapterState} */
  const state = {
    sequence: 0,
    // Per-step feedback shown in the callout ("Sent", "Filled", problems).
    status: { step: null, text: '', confirm: false },
    current: { decision: null, nodes: [] },
  };

  function stop() {
    state.stopped = true;
    // Both set by start(), which runs at the end of this script, before
    // anything can call stop().
    /** @type {MutationObserver} */ (state.observer).disconnect();
    /** @type {AbortController} */ (state.events).abort();
    api.runtime.onMessage.removeListener(onMessage);
    api.storage.onChanged.removeListener(onStorageChanged);
    clearGuide();
  }

  // The guide stepped aside on this page (paused, off, or no step here).
  function clearGuide() {
    clearTimeout(state.graceTimer);
    handoff.stop();
    overlay.clear();
    if (state.parked && !state.stopped) overlay.park(resume);
  }

  // "Show guide", or the shortcut while nothing is shown: the guide comes
  // back with focus in its callout.
  function resume() {
    state.parked = false;
    state.focusNext = true;
    act('resume');
  }

  // The keyboard shortcut, relayed by the background.
  function onShortcut() {
    if (!overlay.toggleFocus()) resume();
  }

  // The callout mentions the shortcut once per tab: the background knows
  // the shortcut as the admin set it, and whether it was mentioned already.
  async function tellShortcut() {
    state.tipAsked = true;
    /** @type {{ tip?: string } | undefined} */
    const reply = await api.runtime.sendMessage({ kind: 'shortcut_tip' }).catch(() => undefined);
    if (reply && reply.tip) overlay.mention(reply.tip);
  }

  /**
   * @param {Core.UnversionedRequest} message
   * @returns {Promise<Core.Reply | undefined>}
   */
  function send(message) {
    return api.runtime.sendMessage({ v: 1, ...message });
  }

  /** @param {Core.GuideAction} action */
  async function act(action) {
    try {
      await send({ kind: 'guide_action', action });
    } catch (_) {
      stop();
      return;
    }
    refresh();
  }

  // Forget the last report so the next one is sent even if the page is unchanged.
  function refresh() {
    state.lastSignature = '';
    queue();
  }

  /**
   * @param {string} text
   * @param {{ confirm?: boolean }} [extra]
   */
  function say(text, extra = {}) {
    state.status = { ...state.status, text, confirm: false, ...extra };
    redraw();
  }

  /** @param {Core.KeyReport} report */
  function problemsText(report) {
    return report.problems.map((p) => p.message).join(' ');
  }

  /**
   * @param {Event} event
   * @param {boolean} confirm
   */
  async function captureKey(event, confirm) {
    const { decision, nodes } = state.current;
    const reply = await handoff.capture(
      event,
      // Only offered while the shown overlay has a capture.
      nodes[/** @type {{ capture: Core.Capture }} */ (decision).capture.from],
      confirm,
    ).catch(() => null);
    if (!reply) return say('The assistant did not answer. Reload the extension and try again.');
    if (reply.kind === 'captured') {
      return say(`Key ${reply.vault.masked} is on its way: Innoslate opens in a new tab. It is kept in memory only, for a few minutes.`);
    }
    if (reply.kind === 'key_check' && reply.needs_confirmation) {
      return say(`${problemsText(reply.report)} Send it anyway?`, { confirm: true });
    }
    if (reply.kind === 'key_check') return say(`This is not a usable key: ${problemsText(reply.report)}`);
    // Only an error has a message; any other reply reads as undefined.
    return say(/** @type {{ message?: string }} */ (reply).message || 'The key could not be sent.');
  }

  // The fill offer on screen holds while the page is the one it was made
  // for: same URL, same offer from the core, and its fields still attached.
  /** @param {(Element | undefined)[]} fields */
  function offerCheck(fields) {
    const { decision, href } = state.current;
    const offer = decision && decision.fill && decision.fill.offer;
    return () => {
      const now = state.current.decision;
      return Boolean(offer) && location.href === href && Boolean(now && now.fill && now.fill.offer === offer)
        && fields.every((el) => el && el.isConnected);
    };
  }

  // An in-page navigation voids the offer at once; the next report makes a
  // new one if the new page earns it.
  function dropOffer() {
    const { decision } = state.current;
    if (!decision || !decision.fill) return;
    state.current = { ...state.current, decision: { ...decision, fill: null } };
    redraw();
    refresh();
  }

  // Whether a field the offer names has left the page (a replaced form).
  function offeredFieldGone() {
    const fill = state.current.decision && state.current.decision.fill;
    const { nodes } = state.current;
    return Boolean(fill) && /** @type {Core.FillPlan} */ (fill).choices.some((c) => c.fields.some((id) => !nodes[id] || !nodes[id].isConnected));
  }

  /** @param {FillResult} result */
  function afterFill(result) {
    say(result.ok
      ? `Filled ${result.filled === 1 ? 'the field' : `${result.filled} fields`}. Check it, then press the form's Save button.`
      : result.message);
    refresh();
  }

  /**
   * Fills on the admin's own click on a Fill button, and only then.
   * @param {MouseEvent} event
   * @param {Core.FillChoice} choice
   */
  async function deliver(event, choice) {
    const fill = state.current.decision && state.current.decision.fill;
    if (!event || !event.isTrusted || state.delivering || !fill) return;
    state.delivering = true;
    try {
      const fields = choice.fields.map((id) => state.current.nodes[id]);
      afterFill(await handoff.deliver({ offer: fill.offer, fields, ids: choice.fields, stillOffered: offerCheck(fields) }));
    } catch (_) {
      say('The key could not be filled in. Reload the page and try again.');
    } finally {
      state.delivering = false;
    }
  }

  /** @param {MouseEvent} event */
  function pick(event) {
    const fill = state.current.decision && state.current.decision.fill;
    if (!event || !event.isTrusted || state.delivering || !fill) return;
    const { nodes } = state.current;
    say('Click the field to fill, within 30 seconds.');
    handoff.pickField({
      offer: fill.offer,
      stillOffered: offerCheck([]),
      idOf: (el) => (nodes.indexOf(el) < 0 ? [] : [nodes.indexOf(el)]),
    }).then(afterFill, () => say('The key could not be filled in. Reload the page and try again.'));
  }

  // The background tests the key it holds; only the report comes back, as advice.
  /**
   * @param {MouseEvent} event
   * @param {string} offer
   */
  async function testKey(event, offer) {
    if (!event || !event.isTrusted) return;
    say('Testing the key with OpenAI\u2026');
    const reply = await send({ kind: 'test_held_key', offer }).catch(() => null);
    say(reply && reply.ok ? '' : /** @type {{ message?: string }} */ (reply || {}).message || 'The test could not be started.');
    refresh();
  }

  /**
   * @param {Core.Overlay} decision
   * @returns {OverlayAction[]}
   */
  function actionsFor(decision) {
    /** @type {OverlayAction[]} */
    const actions = [{ label: 'Pause guide', kind: 'quiet', run: () => act('pause') }];
    if (decision.can_go_back) actions.push({ label: 'Back', kind: 'secondary', run: () => act('back') });
    const capture = decision.capture;
    const fill = decision.fill;
    if (capture && state.status.confirm) {
      actions.push({ label: 'Send anyway', kind: 'primary', guarded: true, run: (e) => captureKey(e, true) });
    } else if (capture) {
      actions.push({ label: capture.label, kind: 'primary', guarded: true, run: (e) => captureKey(e, false) });
    }
    // Fills happen only on the admin's own click on one of these.
    for (const choice of fill ? fill.choices : []) {
      actions.push({ label: choice.label, kind: 'primary', guarded: true, run: (e) => deliver(e, choice) });
    }
    if (fill && fill.pick) {
      actions.push({ label: 'Fill a field I pick', kind: 'primary', guarded: true, run: (e) => pick(e) });
    }
    const test = decision.live_test;
    if (test) actions.push({ label: 'Test with OpenAI', kind: 'secondary', guarded: true, run: (e) => testKey(e, test) });
    const primary = actions.some((a) => a.kind === 'primary');
    actions.push({ label: 'I\u2019ve done this', kind: primary ? 'secondary' : 'primary', run: () => act('done') });
    return actions;
  }

  function redraw() {
    const { decision, node, nodes } = state.current;
    if (!decision) return;
    const keepClear = (decision.keep_clear || []).map((id) => nodes[id]).filter(Boolean);
    overlay.show({ decision, node, keepClear, actions: actionsFor(decision), status: state.status.text });
    if (state.focusNext) {
      state.focusNext = false;
      overlay.toggleFocus();
    }
    if (!state.tipAsked) tellShortcut();
  }

  /**
   * @param {Core.Overlay | null} decision
   * @param {Element[]} nodes
   * @param {string} href the page's address when the report was made
   * @param {boolean} [paused] the core withholds this page's callout until resumed
   */
  function render(decision, nodes, href, paused) {
    if (!decision) {
      state.current = { decision: null, nodes: [], href };
      // Also after a reload: the core remembers the pause, the page does not.
      state.parked = Boolean(paused);
      clearGuide();
      return;
    }
    state.parked = false;
    if (state.status.step !== decision.step) state.status = { step: decision.step, text: '', confirm: false };
    const node = decision.target == null ? null : nodes[decision.target] || null;
    state.current = { decision, nodes, node, href };
    if (node || !decision.target_expected) {
      state.missingSince = 0;
      redraw();
      return;
    }
    // The target may still be rendering: wait for the observer to see it,
    // and fall back to a callout without spotlight after the grace period.
    if (state.missingStep !== decision.step) {
      state.missingStep = decision.step;
      state.missingSince = 0;
    }
    if (!state.missingSince) state.missingSince = performance.now();
    const waited = performance.now() - state.missingSince;
    if (waited >= TARGET_GRACE_MS) {
      redraw();
    } else {
      // Never leave a spotlight on a control from an earlier screen.
      overlay.clear();
      clearTimeout(state.graceTimer);
      state.graceTimer = setTimeout(refresh, TARGET_GRACE_MS - waited + 20);
    }
  }

  // The control the core is waiting for was just added: point at it now,
  // in this frame. The report that follows lets the core confirm or correct.
  /** @param {MutationRecord[]} records */
  function spotTarget(records) {
    const { decision, node } = state.current;
    if (!decision || node || !decision.watch || decision.capture || decision.fill) return;
    const spotted = spotter.spot(decision.watch, records);
    if (!spotted) return;
    clearTimeout(state.graceTimer);
    state.missingSince = 0;
    state.current = { ...state.current, node: spotted };
    redraw();
    // Answers to reports sent before the control existed are stale now.
    state.sequence += 1;
    refresh();
  }

  async function report() {
    state.queued = false;
    if (state.stopped) return;
    /** @type {Core.PageReport} */
    let page;
    /** @type {Element[]} */
    let nodes;
    const href = location.href;
    try {
      ({ report: page, nodes } = facts.collect());
    } catch (_) {
      // Something about this page defeats the reader: step aside quietly
      // rather than disturb the page or leave a stale overlay.
      stop();
      return;
    }
    // Boxes change on every scroll; the overlay follows those by itself.
    const signature = JSON.stringify(page, (key, value) => (key === 'rect' ? undefined : value));
    if (signature === state.lastSignature) {
      // The same report can describe fresh nodes (a screen re-mounted with
      // identical markup): follow them, or the spotlight stays on a node
      // that has left the page.
      const { decision, nodes: shown } = state.current;
      if (decision && nodes.some((node, i) => node !== shown[i])) render(decision, nodes, href);
      else overlay.queuePlace();
      return;
    }
    state.lastSignature = signature;
    const mine = ++state.sequence;
    let reply;
    try {
      reply = await send({ kind: 'page_report', report: page });
    } catch (_) {
      // The extension was reloaded or removed: leave the page as it was.
      stop();
      return;
    }
    if (mine !== state.sequence || state.stopped || !reply || reply.ok !== true) return;
    // The one reply to a page report that is ok.
    const { overlay: decision, paused } = /** @type {Core.GuideReply} */ (reply);
    render(decision, nodes, href, paused);
  }

  // At most one report per animation frame. The first change after a quiet
  // frame is reported at once (no frame of added latency); changes that
  // follow in the same frame are folded into one report at the next frame.
  function queue() {
    if (state.queued || state.stopped) return;
    state.queued = true;
    if (!state.reportedThisFrame) {
      state.reportedThisFrame = true;
      requestAnimationFrame(() => { state.reportedThisFrame = false; });
      queueMicrotask(report);
    } else {
      requestAnimationFrame(report);
    }
  }

  // Runs for every batch of changes on the page, so it reads each record's
  // properties once (each read crosses into the page's world).
  const root = document.documentElement;
  /** @param {MutationRecord} record */
  const onlyOwn = (record) => [...record.addedNodes, ...record.removedNodes].every(overlay.isOwn);
  /** @param {MutationRecord[]} records */
  function onMutations(records) {
    spotTarget(records);
    if (offeredFieldGone()) dropOffer();
    if (state.queued) return;
    // Our own overlay moving in or out of the page is not news, and neither
    // is a change that cannot touch the report. Other changes can only move
    // the target, which the overlay follows by itself.
    for (const record of records) {
      const { target, type } = record;
      if (overlay.isOwn(target) || (target === root && type === 'childList' && onlyOwn(record))) continue;
      if (facts.isRelevantChange(record, target, type)) {
        queue();
        return;
      }
    }
  }

  // The popup changed this tab's progress, or the guide was switched on or off.
  // The background relays the keyboard shortcut. The popup asks for the page's structure for a diagnostic report (the
  // popup's core redacts it); only our own extension can send this.
  /**
   * @param {{ kind?: unknown } | null | undefined} message whatever arrived; only its `kind` is read
   * @param {chrome.runtime.MessageSender} sender
   * @param {(response: { ok: boolean, report?: Core.PageReport }) => void} sendResponse
   * @returns {undefined}
   */
  function onMessage(message, sender, sendResponse) {
    if (sender.id !== api.runtime.id || !message) return undefined;
    if (message.kind === 'refresh') refresh();
    if (message.kind === 'focus_guide') onShortcut();
    if (message.kind === 'describe_page') {
      try {
        sendResponse({ ok: true, report: facts.collect().report });
      } catch (_) {
        sendResponse({ ok: false });
      }
    }
    return undefined;
  }

  /**
   * @param {Record<string, chrome.storage.StorageChange>} changes
   * @param {string} area
   */
  function onStorageChanged(changes, area) {
    if (area === 'local' && 'guide.off' in changes) refresh();
  }

  function start() {
    state.events = new AbortController();
    state.observer = new MutationObserver(onMutations);
    state.observer.observe(root, {
      subtree: true, childList: true, characterData: true, attributes: true,
      attributeFilter: ['class', 'style', 'hidden', 'open', 'role', 'aria-hidden', 'aria-checked', 'aria-selected', 'aria-expanded', 'aria-label', 'disabled'],
    });
    // Property-only changes (a radio checked, a field typed in) do not mutate
    // the DOM; the events that cause them do.
    const { signal } = state.events;
    for (const type of ['change', 'input', 'popstate', 'hashchange']) {
      addEventListener(type, queue, { capture: true, passive: true, signal });
    }
    // pushState and replaceState fire no event of their own; the Navigation
    // API reports them (where the browser has it; elsewhere the URL is
    // compared at the click).
    for (const type of ['popstate', 'hashchange']) addEventListener(type, dropOffer, { capture: true, passive: true, signal });
    // The Navigation API is not in every browser, nor in the DOM types yet.
    const { navigation } = /** @type {{ navigation?: EventTarget }} */ (/** @type {unknown} */ (globalThis));
    if (navigation) navigation.addEventListener('navigate', () => setTimeout(dropOffer), { signal });
    // The admin's own submit of a form (never one of ours): the core notes a
    // Save of the form its key went into in the key's record.
    addEventListener('submit', (e) => {
      const form = e.isTrusted && e.target instanceof Element ? facts.formOf(e.target) : null;
      if (form !== null) send({ kind: 'form_submitted', form }).catch(() => {});
    }, { capture: true, passive: true, signal });
    api.runtime.onMessage.addListener(onMessage);
    api.storage.onChanged.addListener(onStorageChanged);
    queue();
  }

  start();
})();
