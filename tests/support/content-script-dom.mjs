// A page for unit tests of the content scripts without a browser: happy-dom
// provides the DOM, and the extension's real source files run in it as the
// classic scripts they are (in this process's realm, so what they return
// compares directly with node:assert).
//
// happy-dom has no layout engine: every element reports a 100 x 20 box at
// the origin unless it says otherwise with `data-test-box="x y width height"`.
// Computed styles (display, visibility) and checkVisibility() are happy-dom's.
import { Window } from 'happy-dom';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { getMessage } from './extension-messages.mjs';

const CONTENT_DIR = path.resolve('extension/content');
// What the content scripts use from the page's global scope.
const PAGE_GLOBALS = ['document', 'location', 'Node', 'Event', 'CustomEvent', 'ShadowRoot', 'MutationObserver', 'HTMLElement', 'HTMLInputElement', 'HTMLTextAreaElement', 'HTMLFormElement'];
const DEFAULT_BOX = [0, 0, 100, 20];

function box(el) {
  const given = el.getAttribute('data-test-box');
  const [x, y, width, height] = given ? given.trim().split(/\s+/).map(Number) : DEFAULT_BOX;
  return { x, y, width, height, left: x, top: y, right: x + width, bottom: y + height };
}

/**
 * Opens `html` (the body's content) at `url` and loads the named content
 * scripts (file names in extension/content/, in injection order).
 * Returns the window; the scripts' globals are on globalThis.
 * With `occlusion`, the page has Chromium's IntersectionObserver v2 (entries
 * that say whether their target is visible), whose verdicts on the targets
 * of observers that track visibility the test gives with
 * `window.reportVisibility(visible)`.
 */
export function openPage(html, { url = 'https://platform.openai.com/api-keys', title = '', scripts = [], occlusion = false } = {}) {
  const window = new Window({ url });
  window.Element.prototype.getBoundingClientRect = function getBoundingClientRect() { return box(this); };
  window.document.title = title;
  window.document.body.innerHTML = html;
  for (const name of PAGE_GLOBALS) globalThis[name] = window[name];
  // happy-dom has no IntersectionObserver: the overlay only asks whether its
  // entries can report occlusion (Chromium's v2), which here they cannot.
  globalThis.IntersectionObserverEntry = window.IntersectionObserverEntry ?? class IntersectionObserverEntry {};
  if (occlusion) withOcclusion(window);
  // The words the scripts show come from the extension's messages, as in the browser.
  globalThis.chrome = { ...globalThis.chrome, i18n: { getMessage } };
  for (const script of scripts) {
    const file = path.join(CONTENT_DIR, script);
    vm.runInThisContext(readFileSync(file, 'utf8'), { filename: file });
  }
  return window;
}

/** Chromium's IntersectionObserver v2, its verdicts given by the test (see openPage). */
function withOcclusion(window) {
  globalThis.IntersectionObserverEntry = class IntersectionObserverEntry { get isVisible() { return false; } };
  const tracking = [];
  globalThis.IntersectionObserver = class IntersectionObserver {
    constructor(callback, options = {}) {
      this.callback = callback;
      this.targets = new Set();
      if (options.trackVisibility) tracking.push(this);
    }
    observe(target) { this.targets.add(target); }
    unobserve(target) { this.targets.delete(target); }
    disconnect() { this.targets.clear(); }
  };
  window.reportVisibility = (isVisible) => {
    for (const observer of tracking) {
      for (const target of observer.targets) observer.callback([{ target, isVisible }]);
    }
  };
}

/**
 * A callout host like the overlay's, on `document`: a closed shadow root
 * holding a button, whose popover the test opens (no top layer here); a
 * click at any point of the root reaches the button.
 */
export function calloutHost(document) {
  const host = document.createElement('ika-guide-overlay');
  const root = host.attachShadow({ mode: 'closed' });
  const layer = document.createElement('div');
  const callout = document.createElement('section');
  const button = document.createElement('button');
  callout.append(button);
  layer.append(callout);
  root.append(layer);
  let open = false;
  host.showPopover = () => { open = true; };
  host.hidePopover = () => { open = false; };
  const matches = host.matches.bind(host);
  host.matches = (selector) => (selector === ':popover-open' ? open : matches(selector));
  host.setAttribute('popover', 'manual');
  document.documentElement.append(host);
  root.elementFromPoint = () => button;
  return { host, layer, callout, button };
}

/** The MutationRecords of what `change` does to the page's body. */
export function recordsOf(window, change) {
  const observer = new window.MutationObserver(() => {});
  observer.observe(window.document.body, { childList: true, subtree: true });
  change(window.document);
  const records = observer.takeRecords();
  observer.disconnect();
  return records;
}
