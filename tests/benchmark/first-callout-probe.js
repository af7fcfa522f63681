// Page script of the start-up benchmark only, placed in the keys page's head
// by the benchmark's server (first-callout.mjs). It notes when the guide's
// overlay host enters the page and the animation frame after which its
// callout is first on screen beside the control (the reaction benchmark's
// hit test), with the page's navigation timing, the
// time a document_idle content script ran and the time the step's control
// ("Create new secret key", which the practice app draws after its loading
// state) entered the page, then posts them back. Times are ms since
// navigation start (performance.timeOrigin).
'use strict';

(() => {
  let targetAt = null;
  let hostAt = null;
  const isTarget = (b) => b.textContent.includes('Create new secret key');
  // Whether the callout is on screen and takes clicks beside the control:
  // the reaction benchmark's hit test (only the callout in our host takes
  // the pointer; a host on the page with its callout invisible is not shown).
  const onScreen = (button) => {
    const r = button.getBoundingClientRect();
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    for (const d of [16, 48, 96]) {
      const points = [[cx, r.bottom + d], [cx, r.top - d], [r.right + d, cy], [r.left - d, cy], [r.left, r.bottom + d], [r.right + d, r.bottom + d]];
      if (points.some(([x, y]) => document.elementFromPoint(x, y)?.localName === 'ika-guide-overlay')) return true;
    }
    return false;
  };
  const report = (paintedAt) => {
    const nav = performance.getEntriesByType('navigation')[0];
    const injected = document.documentElement.getAttribute('data-bench-injected-at');
    const result = {
      time_origin: performance.timeOrigin,
      response_start: nav ? nav.responseStart : null,
      dom_content_loaded_end: nav ? nav.domContentLoadedEventEnd : null,
      load_end: nav && nav.loadEventEnd > 0 ? nav.loadEventEnd : null,
      injected_at: injected === null ? null : Number(injected),
      target_at: targetAt,
      host_at: hostAt,
      painted_at: paintedAt,
    };
    fetch('/bench/first-callout', { method: 'POST', body: JSON.stringify(result) });
  };
  // From the control's arrival, after each frame: the frame (its animation
  // callback's time) after which the callout was first on screen.
  const watchFrames = (button) => requestAnimationFrame(() => {
    const frameAt = performance.now();
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => (onScreen(button) ? report(frameAt) : watchFrames(button));
    port2.postMessage(null);
  });
  // When the control entered the page: noted as the page's own code puts
  // it there, not by an observer of this script's, whose callback would run
  // after the extension's (its watcher observes from document_start, before
  // any page script: see extension/content/page-changes.js) and so leave
  // the extension's own work out of the clock. The practice app builds a
  // view off the page and puts it in with one of these calls.
  const noteTarget = () => {
    const button = [...document.querySelectorAll('button')].find(isTarget);
    if (!button) return;
    targetAt = performance.now();
    watchFrames(button);
  };
  const inserting = [
    [Element.prototype, ['append', 'prepend', 'replaceChildren', 'replaceWith', 'before', 'after']],
    [Node.prototype, ['appendChild', 'insertBefore', 'replaceChild']],
  ];
  for (const [proto, names] of inserting) {
    for (const name of names) {
      const original = proto[name];
      proto[name] = function insertAndNote(...args) {
        const result = original.apply(this, args);
        if (targetAt === null && this.isConnected) noteTarget();
        return result;
      };
    }
  }
  // When the host entered the page (with its callout visible or not).
  const seen = new MutationObserver(() => {
    if (!document.querySelector('ika-guide-overlay')) return;
    hostAt = performance.now();
    seen.disconnect();
  });
  seen.observe(document.documentElement, { childList: true });
})();
