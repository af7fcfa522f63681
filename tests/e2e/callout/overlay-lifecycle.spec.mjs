// Content-script lifecycle: once the overlay is cleared (here: the guide
// paused from the callout), none of its scroll, resize or toggle listeners,
// observers, timers or frames keep running. The browser APIs of the content
// script's own isolated world are counted from inside that world, so the
// page's scripts are neither seen nor disturbed.
import { test, expect } from '@playwright/test';
import { useExtensionBrowser } from '../../support/extension-browser.mjs';
import { overlayProbe, showing } from '../../support/overlay-probe.mjs';
import { inContentScript } from '../../support/content-world.mjs';

// A browser of its own: with one test, a shared one would save nothing.
const env = useExtensionBrowser(test, { per: 'test' });

// Wraps, in the isolated world, what the overlay uses to keep itself placed:
// window/document listeners, observers, frames, timers and layout reads.
const COUNT_OUR_WORK = `(() => {
  if (globalThis.lifecycleCount) return true;
  const count = { calls: { frames: 0, timers: 0, layoutReads: 0 }, listeners: new Set(), observers: new Set() };
  const frame = globalThis.requestAnimationFrame;
  globalThis.requestAnimationFrame = (fn) => { count.calls.frames += 1; return frame.call(window, fn); };
  const timer = globalThis.setTimeout;
  globalThis.setTimeout = (...args) => { count.calls.timers += 1; return timer.apply(window, args); };
  const rect = Element.prototype.getBoundingClientRect;
  Element.prototype.getBoundingClientRect = function () { count.calls.layoutReads += 1; return rect.call(this); };
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const where = (target) => (target === window ? 'window' : target === document ? 'document' : null);
  const WATCHED = ['scroll', 'resize', 'toggle'];
  EventTarget.prototype.addEventListener = function (type, fn, options) {
    if (where(this) && WATCHED.includes(type)) {
      const entry = { name: where(this) + ':' + type, type, fn, target: this };
      count.listeners.add(entry);
      if (options && options.signal) options.signal.addEventListener('abort', () => count.listeners.delete(entry));
    }
    return add.call(this, type, fn, options);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, options) {
    for (const e of count.listeners) if (e.type === type && e.fn === fn && e.target === this) count.listeners.delete(e);
    return remove.call(this, type, fn, options);
  };
  for (const name of ['MutationObserver', 'IntersectionObserver', 'ResizeObserver']) {
    const Base = globalThis[name];
    globalThis[name] = class extends Base {
      observe(...args) { count.observers.add(this); this.kind = name; return super.observe(...args); }
      disconnect() { count.observers.delete(this); return super.disconnect(); }
    };
  }
  globalThis.lifecycleCount = count;
  return true;
})()`;

const READ_COUNT = `(() => {
  const c = globalThis.lifecycleCount;
  const out = { calls: { ...c.calls }, listeners: [...c.listeners].map((e) => e.name).sort(), observers: [...c.observers].map((o) => o.kind).sort() };
  c.calls = { frames: 0, timers: 0, layoutReads: 0 };
  return out;
})()`;

const showing8 = showing(8);

test('a cleared overlay leaves no listener, observer, timer or frame of its own running', async () => {
  const page = await env.browser.context.newPage();
  await page.goto('https://platform.openai.com/api-keys');
  const probe = await overlayProbe(page);
  await probe.until(showing8);
  await inContentScript(page, COUNT_OUR_WORK);

  // Clear and show again, so that everything the overlay starts is counted.
  await probe.press('Pause guide');
  await expect.poll(async () => (await probe.read())?.callout ?? null).toBeNull();
  const ext = await env.browser.context.newPage();
  await ext.goto(`chrome-extension://${env.browser.extensionId}/popup/popup.html`);
  const resume = () => ext.evaluate(async () => {
    for (const tab of await chrome.tabs.query({})) {
      const reply = await chrome.runtime.sendMessage({ kind: 'guide_status', v: 1, tab_id: tab.id });
      if (reply.guide && reply.guide.paused) await chrome.runtime.sendMessage({ kind: 'guide_action', v: 1, action: 'resume', tab_id: tab.id });
    }
  });
  await resume();
  await page.bringToFront();
  await probe.until(showing8);
  const shown = await inContentScript(page, READ_COUNT);
  // The counting sees the overlay at work while it is shown.
  expect(shown.listeners).toEqual(expect.arrayContaining(['window:scroll', 'window:resize', 'document:toggle']));
  expect(shown.observers).toEqual(expect.arrayContaining(['IntersectionObserver', 'MutationObserver', 'ResizeObserver']));

  await probe.press('Pause guide');
  await expect.poll(async () => (await probe.read())?.callout ?? null).toBeNull();
  await page.waitForTimeout(500);
  const cleared = await inContentScript(page, READ_COUNT);
  expect(cleared.listeners).toEqual([]);
  expect(cleared.observers).toEqual([]);

  // Scrolling and resizing wake nothing of ours. (Page changes still reach
  // the adapter, which must notice when the guide has something to show.)
  await page.evaluate(() => window.dispatchEvent(new Event('scroll')));
  await page.setViewportSize({ width: 1000, height: 640 });
  await page.waitForTimeout(1500);
  const after = await inContentScript(page, READ_COUNT);
  expect(after.calls).toEqual({ frames: 0, timers: 0, layoutReads: 0 });
});
