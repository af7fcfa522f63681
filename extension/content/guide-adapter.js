// Connects the page to the core: watches the page with one MutationObserver,
// sends at most one report per animation frame (only when something the core
// cares about changed), and shows whatever overlay the core answers, with the
// buttons it calls for.
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

  let queued = false;
  let lastSignature = '';
  let sequence = 0;
  let missingSince = 0;
  let missingStep = null;
  let graceTimer = 0;
  let stopped = false;
  // Per-step feedback shown in the callout ("Sent", "Filled", problems).
  let status = { step: null, text: '', confirm: false };
  let delivering = false;
  let current = { decision: null, nodes: [], href: '' };

  function stop() {
    stopped = true;
    observer.disconnect();
    overlay.clear();
  }

  function send(message) {
    return api.runtime.sendMessage({ v: 1, ...message });
  }

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
    lastSignature = '';
    queue();
  }

  function say(text, extra = {}) {
    status = { ...status, text, confirm: false, ...extra };
    redraw();
  }

  function problemsText(report) {
    return report.problems.map((p) => p.message).join(' ');
  }

  async function captureKey(event, confirm) {
    const { decision, nodes } = current;
    const reply = await handoff.capture(event, nodes[decision.capture.from], confirm).catch(() => null);
    if (!reply) return say('The assistant did not answer. Reload the extension and try again.');
    if (reply.kind === 'captured') {
      return say(`Key ${reply.vault.masked} is on its way: Innoslate opens in a new tab. It is kept in memory only, for a few minutes.`);
    }
    if (reply.kind === 'key_check' && reply.needs_confirmation) {
      return say(`${problemsText(reply.report)} Send it anyway?`, { confirm: true });
    }
    if (reply.kind === 'key_check') return say(`This is not a usable key: ${problemsText(reply.report)}`);
    return say(reply.message || 'The key could not be sent.');
  }

  // The fill offer on screen holds while the page is the one it was made
  // for: same URL, same offer from the core, and its fields still attached.
  function offerCheck(fields) {
    const { decision, href } = current;
    const offer = decision && decision.fill && decision.fill.offer;
    return () => Boolean(offer) && location.href === href && current.decision && current.decision.fill
      && current.decision.fill.offer === offer && fields.every((el) => el && el.isConnected);
  }

  // An in-page navigation voids the offer at once; the next report makes a
  // new one if the new page earns it.
  function dropOffer() {
    if (!current.decision || !current.decision.fill) return;
    current = { ...current, decision: { ...current.decision, fill: null } };
    redraw();
    refresh();
  }

  // Whether a field the offer names has left the page (a replaced form).
  function offeredFieldGone() {
    const fill = current.decision && current.decision.fill;
    return Boolean(fill) && fill.choices.some((c) => c.fields.some((id) => !current.nodes[id] || !current.nodes[id].isConnected));
  }

  function afterFill(result) {
    say(result.ok
      ? `Filled ${result.filled === 1 ? 'the field' : `${result.filled} fields`}. Check it, then press the form's Save button.`
      : result.message);
    refresh();
  }

  async function deliver(event, choice) {
    if (!event || !event.isTrusted || delivering) return;
    delivering = true;
    try {
      const fields = choice.fields.map((id) => current.nodes[id]);
      const offer = current.decision.fill.offer;
      afterFill(await handoff.deliver({ offer, fields, ids: choice.fields, stillOffered: offerCheck(fields) }));
    } catch (_) {
      say('The key could not be filled in. Reload the page and try again.');
    } finally {
      delivering = false;
    }
  }

  function pick(event) {
    if (!event || !event.isTrusted || delivering) return;
    const { nodes } = current;
    const offer = current.decision.fill.offer;
    say('Click the field to fill, within 30 seconds.');
    handoff.pickField({
      offer,
      stillOffered: offerCheck([]),
      idOf: (el) => (nodes.indexOf(el) < 0 ? [] : [nodes.indexOf(el)]),
    }).then(afterFill, () => say('The key could not be filled in. Reload the page and try again.'));
  }

  function actionsFor(decision) {
    const actions = [{ label: 'Pause guide', kind: 'quiet', run: () => act('pause') }];
    if (decision.can_go_back) actions.push({ label: 'Back', kind: 'secondary', run: () => act('back') });
    const capture = decision.capture;
    const fill = decision.fill;
    if (capture && status.confirm) {
      actions.push({ label: 'Send anyway', kind: 'primary', run: (e) => captureKey(e, true) });
    } else if (capture) {
      actions.push({ label: capture.label, kind: 'primary', run: (e) => captureKey(e, false) });
    }
    // Fills happen only on the admin's own click on one of these.
    for (const choice of fill ? fill.choices : []) {
      actions.push({ label: choice.label, kind: 'primary', guarded: true, run: (e) => deliver(e, choice) });
    }
    if (fill && fill.pick) {
      actions.push({ label: 'Fill a field I pick', kind: 'primary', guarded: true, run: (e) => pick(e) });
    }
    const primary = actions.some((a) => a.kind === 'primary');
    actions.push({ label: 'I\u2019ve done this', kind: primary ? 'secondary' : 'primary', run: () => act('done') });
    return actions;
  }

  function redraw() {
    const { decision, node } = current;
    if (!decision) return;
    overlay.show({ decision, node, actions: actionsFor(decision), status: status.text });
  }

  function render(decision, nodes, href) {
    if (!decision) {
      current = { decision: null, nodes: [], href };
      overlay.clear();
      return;
    }
    if (status.step !== decision.step) status = { step: decision.step, text: '', confirm: false };
    const node = decision.target == null ? null : nodes[decision.target] || null;
    current = { decision, nodes, node, href };
    if (node || !decision.target_expected) {
      missingSince = 0;
      redraw();
      return;
    }
    // The target may still be rendering: wait for the observer to see it,
    // and fall back to a callout without spotlight after the grace period.
    if (missingStep !== decision.step) {
      missingStep = decision.step;
      missingSince = 0;
    }
    if (!missingSince) missingSince = performance.now();
    const waited = performance.now() - missingSince;
    if (waited >= TARGET_GRACE_MS) {
      redraw();
    } else {
      // Never leave a spotlight on a control from an earlier screen.
      overlay.clear();
      clearTimeout(graceTimer);
      graceTimer = setTimeout(refresh, TARGET_GRACE_MS - waited + 20);
    }
  }

  // The control the core is waiting for was just added: point at it now,
  // in this frame. The report that follows lets the core confirm or correct.
  function spotTarget(records) {
    const { decision, node } = current;
    if (!decision || node || !decision.watch || decision.capture || decision.fill) return;
    const spotted = spotter.spot(decision.watch, records);
    if (!spotted) return;
    clearTimeout(graceTimer);
    missingSince = 0;
    current = { ...current, node: spotted };
    redraw();
    // Answers to reports sent before the control existed are stale now.
    sequence += 1;
    refresh();
  }

  async function report() {
    queued = false;
    if (stopped) return;
    let page;
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
    if (signature === lastSignature) {
      overlay.queuePlace();
      return;
    }
    lastSignature = signature;
    const mine = ++sequence;
    let reply;
    try {
      reply = await send({ kind: 'page_report', report: page });
    } catch (_) {
      // The extension was reloaded or removed: leave the page as it was.
      stop();
      return;
    }
    if (mine !== sequence || !reply || reply.ok !== true) return;
    render(reply.overlay, nodes, href);
  }

  // At most one report per animation frame. The first change after a quiet
  // frame is reported at once (no frame of added latency); changes that
  // follow in the same frame are folded into one report at the next frame.
  let reportedThisFrame = false;
  function queue() {
    if (queued || stopped) return;
    queued = true;
    if (!reportedThisFrame) {
      reportedThisFrame = true;
      requestAnimationFrame(() => { reportedThisFrame = false; });
      queueMicrotask(report);
    } else {
      requestAnimationFrame(report);
    }
  }

  // Runs for every batch of changes on the page, so it reads each record's
  // properties once (each read crosses into the page's world).
  const root = document.documentElement;
  const onlyOwn = (record) => [...record.addedNodes, ...record.removedNodes].every(overlay.isOwn);
  const observer = new MutationObserver((records) => {
    spotTarget(records);
    if (offeredFieldGone()) dropOffer();
    if (queued) return;
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
  });
  observer.observe(root, {
    subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ['class', 'style', 'hidden', 'open', 'role', 'aria-hidden', 'aria-checked', 'aria-selected', 'aria-expanded', 'aria-label', 'disabled'],
  });
  // Property-only changes (a radio checked, a field typed in) do not mutate
  // the DOM; the events that cause them do.
  for (const type of ['change', 'input', 'popstate', 'hashchange']) {
    addEventListener(type, queue, { capture: true, passive: true });
  }
  // pushState and replaceState fire no event of their own; the Navigation
  // API reports them (where the browser has it; elsewhere the URL is
  // compared at the click).
  for (const type of ['popstate', 'hashchange']) addEventListener(type, dropOffer, { capture: true, passive: true });
  if (globalThis.navigation) navigation.addEventListener('navigate', () => setTimeout(dropOffer));
  // The popup changed this tab's progress, or the guide was switched on or off.
  api.runtime.onMessage.addListener((message, sender) => {
    if (sender.id === api.runtime.id && message && message.kind === 'refresh') refresh();
  });
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && 'guide.off' in changes) refresh();
  });
  queue();
})();
