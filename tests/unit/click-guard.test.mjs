// The guard against clickjacking (extension/content/click-guard.js), on a
// page without a browser: its one settle time (500 ms, read from a clock the
// test moves), its one hit test (what the page reports under the point) and
// its one isTrusted rule, for the callout's guarded buttons and for the field
// the admin picks; and that aborting its lifetime ends what it runs.
//
// happy-dom has no layout, popovers or real user input: the test says what
// is under a point (elementFromPoint), opens the host's popover itself, and
// calls the listeners the guard registers with events whose isTrusted it
// sets, as only the browser can.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { calloutHost, openPage } from '../support/content-script-dom.mjs';

const window = openPage('<input id="field" data-test-box="10 10 200 30"><div id="cover"></div>', { scripts: ['click-guard.js', 'field-pick.js'] });
const { document } = window;
const guards = globalThis.ikaClickGuard;
const COVERED = /covering this button/;
const TOO_SOON = /only just appeared or moved/;

// The clock the guard reads (performance.now()), moved by the test.
let now = 1000;
Object.defineProperty(globalThis, 'performance', { value: { now: () => now }, configurable: true, writable: true });
// Styles that hide nothing (happy-dom computes none).
const PLAIN = { opacity: '1', zoom: '1', contentVisibility: 'visible', transform: 'none', scale: 'none', rotate: 'none', filter: 'none', clipPath: 'none', maskImage: 'none' };
globalThis.getComputedStyle = () => PLAIN;

// The page's window listeners the guard registers, honouring their signal.
const windowListeners = [];
globalThis.addEventListener = (type, fn, options) => {
  const entry = { type, fn };
  windowListeners.push(entry);
  options.signal.addEventListener('abort', () => windowListeners.splice(windowListeners.indexOf(entry), 1));
};
const fire = (type, event) => { for (const l of windowListeners.filter((x) => x.type === type)) l.fn(event); };

// What a click at any point reaches, as the page's hit testing would say.
let topmost = null;
document.elementFromPoint = () => topmost;

/** A callout host whose button is what a click reaches. */
function callout() {
  const dom = calloutHost(document);
  topmost = dom.host;
  return dom;
}

const click = (isTrusted = true) => ({ isTrusted });

test('a guarded button counts only after the one settle time, 500 ms, on the clock', () => {
  const dom = callout();
  const life = new AbortController();
  const guard = guards.guardHost(dom, life.signal, () => {});
  guard.raise();
  assert.match(guard.refusal(click(), dom.button), TOO_SOON);
  now += 499;
  assert.match(guard.refusal(click(), dom.button), TOO_SOON);
  now += 1;
  assert.equal(guard.refusal(click(), dom.button), '');
  // New buttons (or a move) restart the clock.
  guard.settle();
  assert.match(guard.refusal(click(), dom.button), TOO_SOON);
  now += 500;
  assert.equal(guard.refusal(click(), dom.button), '');
  life.abort();
  dom.host.remove();
});

test('an untrusted click on a guarded button never counts, however long it has stood', () => {
  const dom = callout();
  const life = new AbortController();
  const guard = guards.guardHost(dom, life.signal, () => {});
  guard.raise();
  now += 10_000;
  assert.match(guard.refusal(click(false), dom.button), COVERED);
  assert.match(guard.refusal(/** @type {Event} */ ({}), dom.button), COVERED);
  assert.equal(guard.refusal(click(), dom.button), '');
  life.abort();
  dom.host.remove();
});

test('the hit test: a click whose point reaches something else, or another part of the callout, does not count', () => {
  const dom = callout();
  const life = new AbortController();
  const guard = guards.guardHost(dom, life.signal, () => {});
  guard.raise();
  now += 10_000;
  topmost = document.getElementById('cover');
  assert.match(guard.refusal(click(), dom.button), COVERED);
  topmost = dom.host;
  const root = /** @type {ShadowRoot} */ (dom.button.getRootNode());
  root.elementFromPoint = () => dom.callout;
  assert.match(guard.refusal(click(), dom.button), COVERED);
  root.elementFromPoint = () => dom.button;
  assert.equal(guard.refusal(click(), dom.button), '');
  life.abort();
  dom.host.remove();
});

test('a host the page changed does not count until repaired, and the repair restarts the settle clock', () => {
  const dom = callout();
  const life = new AbortController();
  let moved = 0;
  const guard = guards.guardHost(dom, life.signal, () => { moved += 1; });
  guard.raise();
  now += 10_000;
  dom.host.setAttribute('hidden', '');
  assert.match(guard.refusal(click(), dom.button), COVERED);
  guard.check();
  assert.deepEqual(dom.host.getAttributeNames(), ['popover']);
  assert.match(guard.refusal(click(), dom.button), TOO_SOON);
  now += 500;
  assert.equal(guard.refusal(click(), dom.button), '');
  // Taken out of the page: put back at home, which moves it.
  dom.host.remove();
  assert.match(guard.refusal(click(), dom.button), COVERED);
  guard.check();
  assert.equal(dom.host.parentNode, document.documentElement);
  assert.equal(moved, 1);
  // A layer staged invisible (its target still rendering) never takes a
  // click, nor a hidden one (Esc).
  now += 500;
  assert.equal(guard.refusal(click(), dom.button), '');
  dom.layer.style.visibility = 'hidden';
  assert.match(guard.refusal(click(), dom.button), COVERED);
  dom.layer.style.visibility = '';
  dom.layer.hidden = true;
  assert.match(guard.refusal(click(), dom.button), COVERED);
  life.abort();
  dom.host.remove();
});

test('pick a field: only a trusted press and click on a field unmoved for 500 ms, topmost under the pointer, picks it', () => {
  mock.timers.enable({ apis: ['setInterval'] });
  const field = document.getElementById('field');
  const at = (isTrusted = true, target = field) => ({ isTrusted, target, clientX: 20, clientY: 20 });
  const pick = () => {
    const life = new AbortController();
    const picked = [];
    globalThis.ikaFieldPick(guards)('input', (el) => el instanceof window.HTMLInputElement && el.isConnected, life.signal, (el) => picked.push(el));
    return { life, picked };
  };
  try {
    topmost = field;
    // Seen at once; pressed 499 ms later: too soon, and the click picks nothing.
    let { life, picked } = pick();
    now += 499;
    fire('pointerdown', at());
    fire('click', at());
    assert.deepEqual(picked, [null]);
    life.abort();

    // 500 ms still: picked.
    ({ life, picked } = pick());
    now += 500;
    fire('pointerdown', at());
    fire('click', at());
    assert.deepEqual(picked, [field]);
    life.abort();

    // Clicks a page makes are no clicks at all: they neither pick nor end the choice.
    ({ life, picked } = pick());
    now += 500;
    fire('pointerdown', at(false));
    fire('click', at(false));
    assert.deepEqual(picked, []);
    fire('pointerdown', at());
    fire('click', at());
    assert.deepEqual(picked, [field]);
    life.abort();

    // Another element topmost at the pointer (a field slid under an overlay): refused.
    ({ life, picked } = pick());
    now += 500;
    topmost = document.getElementById('cover');
    fire('pointerdown', at());
    fire('click', at());
    assert.deepEqual(picked, [null]);
    topmost = field;
    life.abort();

    // A field that moved restarts its clock at the next sample (every 100 ms).
    ({ life, picked } = pick());
    now += 500;
    field.setAttribute('data-test-box', '10 60 200 30');
    mock.timers.tick(100);
    now += 499;
    fire('pointerdown', at());
    fire('click', at());
    assert.deepEqual(picked, [null]);
    life.abort();
    ({ life, picked } = pick());
    field.setAttribute('data-test-box', '10 10 200 30');
    mock.timers.tick(100);
    now += 500;
    fire('pointerdown', at());
    fire('click', at());
    assert.deepEqual(picked, [field]);
    life.abort();

    // Moved since the last sample, just before the press: refused.
    ({ life, picked } = pick());
    now += 500;
    field.setAttribute('data-test-box', '10 40 200 30');
    fire('pointerdown', at());
    fire('click', at());
    assert.deepEqual(picked, [null]);
    life.abort();
    field.setAttribute('data-test-box', '10 10 200 30');

    // Moved between press and click: refused.
    ({ life, picked } = pick());
    now += 500;
    fire('pointerdown', at());
    field.setAttribute('data-test-box', '10 40 200 30');
    fire('click', at());
    assert.deepEqual(picked, [null]);
    life.abort();

    // Aborted: its listeners are gone.
    assert.equal(windowListeners.length, 0);
  } finally {
    mock.timers.reset();
  }
});
