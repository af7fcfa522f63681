// Connects the page to the core: hears from page-changes.js when the page
// changed in a way the core may care about, sends at most one report per
// animation frame (only when the report differs), and shows whatever
// overlay the core answers, with the buttons it calls for. It opens the
// page session: one AbortController whose signal every content script
// registers its listeners, observers and timers with; stopping the content
// scripts is aborting it.
// @ts-check
'use strict';

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const session = new AbortController();
  const { signal } = session;
  const facts = ikaPageFacts;
  const overlay = ikaOverlay(signal);
  // The site's key buttons (key-capture.js on OpenAI's pages, fill-offer.js
  // on Innoslate's) and what their code may read and do.
  const keyButtons = ikaKeyButtons(signal, { current: () => state.current, showStatus, refresh, redraw });
  const spotter = ikaSpotter;
  // How long a missing target may take to render before the step is shown
  // without a spotlight.
  const TARGET_GRACE_MS = 3000;
  // The longest a confirming report may wait for the page to be idle.
  const IDLE_WAIT_MS = 100;
  // The events page-changes.js sends (its HINT) and starts on (its WATCH).
  const PAGE_CHANGED = 'ika-page-changed';
  const WATCH_PAGE = 'ika-watch-page';
  // The callout's own buttons, from extension/_locales (`content_*`).
  const LABELS = {
    pause: chrome.i18n.getMessage('content_pause_guide'),
    back: chrome.i18n.getMessage('content_back'),
    done: chrome.i18n.getMessage('content_done'),
  };

  /**
   * @typedef {object} AdapterState
   * @property {number} sequence
   * @property {{ step: string | null, text: string, confirm: boolean }} status
   * @property {ShownGuide} current
   * @property {boolean} [queued]
   * @property {boolean} [reportedThisFrame]
   * @property {string} [lastSignature]
   * @property {number} [missingSince]
   * @property {string} [missingStep]
   * @property {ReturnType<typeof setTimeout>} [graceTimer]
   * @property {boolean} [parked] paused (the core says so where the guide has a callout): "Show guide" stays on the page
   * @property {boolean} [focusNext] the shortcut asked for the callout before it was up
   * @property {{ step?: string, text: string }} [tip] the shortcut tip, and the step it is shown with (the first drawn after it came)
   */
  // Everything the adapter holds. Listeners and timers exist
  // only between start() and stop(); stop() is for good (the extension was
  // reloaded or the page defeats the reader). Also, set as they come (unset
  // reads as false): queued, reportedThisFrame, lastSignature, missingSince,
  // missingStep (the step whose target is late) and graceTimer.
  /** @type {AdapterState} */
  const state = {
    sequence: 0,
    // Per-step feedback shown in the callout ("Sent", "Filled", problems).
    status: { step: null, text: '', confirm: false },
    current: { decision: null, nodes: [] },
  };

  // For good: everything registered with the page session ends with it.
  function stop() {
    session.abort();
  }

  // The guide stepped aside on this page (paused, off, or no step here).
  function clearGuide() {
    clearTimeout(state.graceTimer);
    keyButtons.stop?.();
    overlay.clear();
    if (state.parked && !signal.aborted) overlay.park(resume);
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

  // Work that can wait until the callout just drawn is on screen: the
  // browser's next idle time (soon: a page that is never idle gets it
  // within IDLE_WAIT_MS).
  /** @param {() => void} work */
  function afterPaint(work) {
    requestIdleCallback(() => { if (!signal.aborted) work(); }, { timeout: IDLE_WAIT_MS });
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
  function showStatus(text, extra = {}) {
    state.status = { ...state.status, text, confirm: false, ...extra };
    redraw();
  }

  /**
   * @param {Core.Overlay} decision
   * @returns {OverlayAction[]}
   */
  function actionsFor(decision) {
    /** @type {OverlayAction[]} */
    const actions = [{ label: LABELS.pause, kind: 'quiet', run: () => act('pause') }];
    if (decision.can_go_back) actions.push({ label: LABELS.back, kind: 'secondary', run: () => act('back') });
    actions.push(...keyButtons.actions(decision, state.status.confirm));
    // Primary unless another is: the overlay shows the first primary as such.
    actions.push({ label: LABELS.done, kind: 'primary', run: () => act('done') });
    return actions;
  }

  /** @param {boolean} [stage] the target is still rendering (overlay-view.js `show`) */
  function redraw(stage) {
    const { decision, node, nodes } = state.current;
    if (!decision) return;
    const keepClear = decision.keep_clear.map((id) => nodes[id]);
    // The tip stays with the first step drawn after it came.
    const hint = state.tip && (state.tip.step ||= decision.step) === decision.step ? state.tip.text : '';
    overlay.show({ decision, node, keepClear, actions: actionsFor(decision), status: state.status.text, hint }, stage);
    if (stage) return;
    if (state.focusNext) {
      state.focusNext = false;
      overlay.toggleFocus();
    }
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
    const node = decision.target == null ? null : nodes[decision.target];
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
      // Staged without a spotlight: never one on a control from an earlier
      // screen.
      redraw(true);
      clearTimeout(state.graceTimer);
      state.graceTimer = setTimeout(refresh, TARGET_GRACE_MS - waited + 20);
    }
  }

  // The control the core is waiting for was just added: point at it now,
  // in this frame. The report that follows lets the core confirm or correct.
  // Whether it did.
  function spotTarget() {
    const { decision, node, nodes } = state.current;
    // The core sends locators only for a step without capture or fill.
    if (!decision || node || !decision.watch) return false;
    const spotted = spotter.spot(decision.watch, nodes);
    if (!spotted) return false;
    clearTimeout(state.graceTimer);
    state.missingSince = 0;
    state.current = { ...state.current, node: spotted };
    redraw();
    // Answers to reports sent before the control existed are stale now.
    state.sequence += 1;
    // The confirming report waits until the callout is painted: reading
    // the page for it now would delay that frame.
    state.lastSignature = '';
    afterPaint(queue);
    return true;
  }

  async function report() {
    state.queued = false;
    if (signal.aborted) return;
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
    if (!reply || reply.ok !== true) return;
    // The one reply to a page report that is ok.
    const { overlay: decision, paused, tip } = /** @type {Core.GuideReply} */ (reply);
    // The background sends it once a tab: kept even from a reply a newer
    // report overtook, whose step may not be the one drawn (see redraw).
    if (tip) state.tip = { text: tip };
    if (mine !== state.sequence || signal.aborted) return;
    render(decision, nodes, href, paused);
  }

  // At most one report per animation frame. The first change after a quiet
  // frame is reported at once (no frame of added latency); changes that
  // follow in the same frame are folded into one report at the next frame.
  function queue() {
    if (state.queued || signal.aborted) return;
    state.queued = true;
    if (!state.reportedThisFrame) {
      state.reportedThisFrame = true;
      requestAnimationFrame(() => { state.reportedThisFrame = false; });
      queueMicrotask(report);
    } else {
      requestAnimationFrame(report);
    }
  }

  // The page changed in a way that can alter the report (page-changes.js,
  // in the page's own world, judged the change; the page itself could send
  // this too, so it only ever means "look again": at most one report a
  // frame follows, however often it comes).
  function onPageChanged() {
    if (spotTarget()) return;
    keyButtons.onPageChange?.();
    queue();
  }

  // `refresh`: the popup changed this tab's progress, or the guide was
  // switched on or off (the background tells every tab: storage.local is
  // closed to content scripts where the browser allows). The background
  // relays the keyboard shortcut. The popup asks for the page's structure
  // for a diagnostic report (the popup's core redacts it). Only our own
  // extension can send these.
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

  function start() {
    document.addEventListener(PAGE_CHANGED, onPageChanged, { signal });
    document.dispatchEvent(new CustomEvent(WATCH_PAGE, { detail: facts.NAMING }));
    // Property-only changes (a radio checked, a field typed in) do not mutate
    // the DOM; the events that cause them do.
    for (const type of ['change', 'input', 'popstate', 'hashchange']) {
      addEventListener(type, queue, { capture: true, passive: true, signal });
    }
    // The browser's own events take no signal: the session's end removes them.
    api.runtime.onMessage.addListener(onMessage);
    signal.addEventListener('abort', () => {
      api.runtime.onMessage.removeListener(onMessage);
      clearGuide();
    });
    queue();
  }

  start();
})();
