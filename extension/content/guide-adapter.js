// Connects the page to the core: watches the page with one MutationObserver,
// sends at most one report per animation frame (only when something the core
// cares about changed), and shows whatever overlay the core answers.
'use strict';

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const facts = globalThis.ikaPageFacts;
  const overlay = globalThis.ikaOverlay;
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

  function stop() {
    stopped = true;
    observer.disconnect();
    overlay.clear();
  }

  async function act(action) {
    try {
      await api.runtime.sendMessage({ kind: 'guide_action', v: 1, action });
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

  function render(decision, nodes) {
    if (!decision) {
      overlay.clear();
      return;
    }
    const node = decision.target == null ? null : nodes[decision.target] || null;
    if (node || !decision.target_expected) {
      missingSince = 0;
      overlay.show(decision, node, act);
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
      overlay.show(decision, null, act);
    } else {
      // Never leave a spotlight on a control from an earlier screen.
      overlay.clear();
      clearTimeout(graceTimer);
      graceTimer = setTimeout(refresh, TARGET_GRACE_MS - waited + 20);
    }
  }

  async function report() {
    queued = false;
    if (stopped) return;
    const { report: page, nodes } = facts.collect();
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
      reply = await api.runtime.sendMessage({ kind: 'page_report', v: 1, report: page });
    } catch (_) {
      // The extension was reloaded or removed: leave the page as it was.
      stop();
      return;
    }
    if (mine !== sequence || !reply || reply.ok !== true) return;
    render(reply.overlay, nodes);
  }

  function queue() {
    if (queued || stopped) return;
    queued = true;
    requestAnimationFrame(report);
  }

  const observer = new MutationObserver((records) => {
    // Our own overlay moving in or out of the page is not news.
    const ours = (r) => overlay.isOwn(r.target)
      || (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(overlay.isOwn));
    if (!records.every(ours)) queue();
  });
  observer.observe(document.documentElement, {
    subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ['class', 'style', 'hidden', 'open', 'role', 'aria-hidden', 'aria-checked', 'aria-selected', 'aria-expanded', 'aria-label', 'disabled'],
  });
  // Property-only changes (a radio checked, a field typed in) do not mutate
  // the DOM; the events that cause them do.
  for (const type of ['change', 'input', 'popstate', 'hashchange']) {
    addEventListener(type, queue, { capture: true, passive: true });
  }
  // The popup changed this tab's progress, or the guide was switched on or off.
  api.runtime.onMessage.addListener((message, sender) => {
    if (sender.id === api.runtime.id && message && message.kind === 'refresh') refresh();
  });
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && 'guide.off' in changes) refresh();
  });
  queue();
})();
