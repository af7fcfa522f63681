// Page script of the start-up benchmark only, placed in the keys page's head
// by the benchmark's server (first-callout.mjs). It notes when the guide's
// overlay host enters the page and the animation frame that paints it (as
// the reaction benchmark does), with the page's navigation timing, the
// time a document_idle content script ran and the time the step's control
// ("Create new secret key", which the practice app draws after its loading
// state) entered the page, then posts them back. Times are ms since
// navigation start (performance.timeOrigin).
'use strict';

(() => {
  let targetAt = null;
  const isTarget = (b) => b.textContent.includes('Create new secret key');
  const target = new MutationObserver(() => {
    if (![...document.querySelectorAll('button')].some(isTarget)) return;
    targetAt = performance.now();
    target.disconnect();
  });
  target.observe(document.documentElement, { childList: true, subtree: true });
  const seen = new MutationObserver(() => {
    if (!document.querySelector('ika-guide-overlay')) return;
    const hostAt = performance.now();
    seen.disconnect();
    requestAnimationFrame(() => {
      const paintedAt = performance.now();
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
    });
  });
  seen.observe(document.documentElement, { childList: true });
})();
