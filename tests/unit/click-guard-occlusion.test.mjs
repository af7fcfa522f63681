// The click guard where the browser reports occlusion (Chromium's
// IntersectionObserver v2): a click on the callout before the browser has
// said whether the callout is visible is too soon, not covered; one after a
// verdict of "not visible" is covered; one after "visible" and the settle
// time counts. (click-guard.test.mjs covers the rest, on a page without
// occlusion reports.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calloutHost, openPage } from '../support/content-script-dom.mjs';

const window = openPage('', { scripts: ['click-guard.js'], occlusion: true });
const { document } = window;
const COVERED = /covering this button/;
const TOO_SOON = /only just appeared or moved/;

let now = 1000;
Object.defineProperty(globalThis, 'performance', { value: { now: () => now }, configurable: true, writable: true });
globalThis.getComputedStyle = () => ({ opacity: '1', zoom: '1', contentVisibility: 'visible' });

test('no click counts before the browser says the callout is visible; "not visible" reads as covered', () => {
  const { host, layer, callout, button } = calloutHost(document);
  document.elementFromPoint = () => host;
  const click = { isTrusted: true };

  const life = new AbortController();
  const guard = globalThis.ikaClickGuard.guardHost({ host, layer, callout }, life.signal, () => {});
  guard.raise();
  now += 5000;
  // Long settled, but no verdict yet.
  assert.match(guard.refusal(click, button), TOO_SOON);
  window.reportVisibility(false);
  assert.match(guard.refusal(click, button), COVERED);
  // Seen: the settle clock starts then.
  window.reportVisibility(true);
  assert.match(guard.refusal(click, button), TOO_SOON);
  now += 500;
  assert.equal(guard.refusal(click, button), '');
  // Shown again where it was staged: asked afresh, too soon until answered.
  guard.look();
  now += 5000;
  assert.match(guard.refusal(click, button), TOO_SOON);
  window.reportVisibility(true);
  now += 500;
  assert.equal(guard.refusal(click, button), '');
  life.abort();
  host.remove();
});
