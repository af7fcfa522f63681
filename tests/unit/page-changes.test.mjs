// The page-world watcher (extension/content/page-changes.js): which page
// changes make it say "look again", in happy-dom, through its real
// MutationObserver and the event the adapter listens for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from '../support/content-script-dom.mjs';

/** The content scripts' request to watch, as guide-adapter.js sends it. */
function startWatching(window) {
  const { WATCH } = globalThis.ikaPageChanges;
  window.document.dispatchEvent(new window.CustomEvent(WATCH, { detail: globalThis.ikaPageFacts.NAMING }));
}

/** Opens `html` with the watcher running; `hinted(change)` says whether `change(document)` made it send a hint. */
function watch(html, { start = true } = {}) {
  const window = openPage(html, { scripts: ['page-facts.js', 'page-changes.js'] });
  let hints = 0;
  window.document.addEventListener(globalThis.ikaPageChanges.HINT, () => { hints += 1; });
  if (start) startWatching(window);
  return {
    start: () => startWatching(window),
    async hinted(change) {
      hints = 0;
      change(window.document);
      // The observer's batch is delivered as a microtask; a task later it has run.
      await new Promise((resolve) => setTimeout(resolve, 0));
      return hints > 0;
    },
  };
}

test('text churn in a grid is not news; what names, shows or hides a control is', async () => {
  const page = watch(`<main>
    <div id="grid"><span id="cell">1</span></div>
    <div id="bar"><button id="go"><span id="label">Go</span></button></div><div id="slot"></div></main>
    <div id="backdrop"></div>`);
  const byId = (d, id) => d.getElementById(id);
  assert.equal(await page.hinted((d) => { byId(d, 'cell').textContent = '2'; }), false, 'a cell\'s text replaced');
  assert.equal(await page.hinted((d) => { byId(d, 'cell').firstChild.data = '3'; }), false, 'a cell\'s text edited in place');
  assert.equal(await page.hinted((d) => byId(d, 'cell').setAttribute('data-x', '1')), false, 'an attribute nothing reads');
  assert.equal(await page.hinted((d) => byId(d, 'grid').append(d.createElement('span'))), false, 'a plain span added');
  assert.equal(await page.hinted((d) => { byId(d, 'label').textContent = 'Go on'; }), true, 'a button renamed');
  assert.equal(await page.hinted((d) => { byId(d, 'label').firstChild.data = 'Went'; }), true, 'its text edited in place');
  assert.equal(await page.hinted((d) => byId(d, 'cell').classList.add('hidden')), false, 'a class on a plain cell');
  assert.equal(await page.hinted((d) => byId(d, 'bar').classList.add('hidden')), true, 'a class around a button, which can hide it');
  assert.equal(await page.hinted((d) => byId(d, 'go').setAttribute('aria-disabled', 'true')), true, 'any attribute of a button');
  assert.equal(await page.hinted((d) => byId(d, 'label').setAttribute('hidden', '')), true, 'any attribute inside it');
  assert.equal(await page.hinted((d) => d.body.setAttribute('class', 'modal-open')), true, 'the body\'s');
  assert.equal(await page.hinted((d) => byId(d, 'backdrop').setAttribute('aria-hidden', 'true')), true, 'a child of the body\'s (what hides the page around a dialog)');
  assert.equal(await page.hinted((d) => byId(d, 'slot').setAttribute('role', 'button')), true, 'a role that makes a plain element a control');
  assert.equal(await page.hinted((d) => byId(d, 'grid').append(d.createElement('h2'))), true, 'a heading added');
  const wrapper = (d) => Object.assign(d.createElement('div'), { innerHTML: '<p><a href="/x">x</a></p>' });
  assert.equal(await page.hinted((d) => byId(d, 'slot').append(wrapper(d))), true, 'a link inside added content');
  assert.equal(await page.hinted((d) => d.body.append(d.createElement('div'))), true, 'anything added to the body (a dialog\'s portal)');
});

test('the watcher follows the page: a control added is watched from then on, a plain element is not', async () => {
  const page = watch('<div id="grid"><span id="cell">1</span></div><div id="slot"></div>');
  const button = Object.assign(document.createElement('button'), { innerHTML: '<span>Create</span>' });
  assert.equal(await page.hinted((d) => d.getElementById('slot').append(button)), true, 'a button added');
  const label = button.firstElementChild;
  assert.equal(await page.hinted(() => { label.textContent = 'Create key'; }), true, 'the new button renamed');
  assert.equal(await page.hinted((d) => button.append(d.getElementById('cell'))), true, 'a plain element moved into it');
  const grid = document.getElementById('grid');
  const cell = Object.assign(document.createElement('span'), { textContent: '2' });
  await page.hinted(() => grid.append(cell));
  assert.equal(await page.hinted(() => { cell.textContent = '3'; }), false, 'a new plain cell\'s text replaced');
});

test('a change deep inside a huge dialog is news, and one outside it is not', async () => {
  const page = watch(`<div role="dialog" aria-label="Many">${'<div><span>x</span></div>'.repeat(2600)}</div><div id="grid"><span id="cell">1</span></div>`);
  assert.equal(await page.hinted((d) => { d.querySelector('[role=dialog] > div:last-child > span').textContent = 'y'; }), true);
  assert.equal(await page.hinted((d) => { d.getElementById('cell').textContent = '2'; }), false, 'a plain cell outside it');
});

test('nothing is watched before the content scripts ask; a selector that is not a string starts nothing', async () => {
  const page = watch('<button id="go">Go</button>', { start: false });
  const rename = (d) => { d.getElementById('go').textContent = 'Go on'; };
  assert.equal(await page.hinted(rename), false, 'not asked yet');
  document.dispatchEvent(new CustomEvent(globalThis.ikaPageChanges.WATCH, { detail: { selector: 'button' } }));
  assert.equal(await page.hinted(rename), false, 'an object for a selector');
  page.start();
  assert.equal(await page.hinted(rename), true, 'asked');
});

test('no record\'s removed nodes are read, nor a text-only parent\'s added nodes', () => {
  const window = openPage('<div id="grid"><span id="cell">1</span></div><div id="row"><span>a</span></div>', { scripts: ['page-facts.js', 'page-changes.js'] });
  startWatching(window);
  const unread = () => { throw new Error('read'); };
  const record = (target) => ({ type: 'childList', target, get addedNodes() { return unread(); }, get removedNodes() { return unread(); } });
  assert.equal(globalThis.ikaPageChanges.isRelevant(record(document.getElementById('cell')), document.body), false);
  assert.throws(() => globalThis.ikaPageChanges.isRelevant(record(document.getElementById('row')), document.body), /read/, 'a parent with elements: its added nodes are read');
});

// The page of the removal cases, then one removal each.
const REMOVALS_PAGE = `
  <main><h1 id="title">API keys</h1>
    <label for="name" id="name-label">Name</label><input id="name">
    <div id="slot"><button id="create">Create new secret key</button></div>
    <button id="unseen" style="display:none">Not shown</button>
    <div role="dialog" aria-label="Create key" id="dialog"><button id="save">Save</button></div>
    <div role="alertdialog" aria-label="Key created" id="notice"><p>Done.</p></div>
    <div id="grid"><div id="row"><span id="cell">1</span></div></div>
  </main>
  <div id="hider" aria-hidden="true"><span>under the dialog</span></div>`;

test('removals: news whenever they can change the report', async () => {
  const cases = {
    'a cell\'s text replaced': [(d) => { d.getElementById('cell').textContent = '2'; }, false],
    'a plain row removed': [(d) => d.getElementById('row').remove(), false],
    // The report stays the same: the adapter's next report finds nothing new.
    'a control nobody sees removed': [(d) => d.getElementById('unseen').remove(), true],
    'the spotlight\'s control removed': [(d) => d.getElementById('create').remove(), true],
    'the control re-mounted as an identical new node': [(d) => d.getElementById('slot').replaceChildren(d.getElementById('create').cloneNode(true)), true],
    'the dialog removed': [(d) => d.getElementById('dialog').remove(), true],
    'a dialog without controls removed': [(d) => d.getElementById('notice').remove(), true],
    'a control in the dialog removed': [(d) => d.getElementById('save').remove(), true],
    'the heading removed': [(d) => d.getElementById('title').remove(), true],
    'a field\'s label removed, the field stays': [(d) => d.getElementById('name-label').remove(), true],
    'what hid the page around the dialog removed': [(d) => d.getElementById('hider').remove(), true],
  };
  for (const [what, [change, news]] of Object.entries(cases)) {
    const page = watch(REMOVALS_PAGE);
    assert.equal(await page.hinted(change), news, what);
  }
});

test('what the watcher is told counts as naming is what a report lists, and labels', () => {
  openPage('', { scripts: ['page-facts.js'] });
  const { INTERACTIVE, DIALOGS, NAMING } = globalThis.ikaPageFacts;
  const naming = new Set(NAMING.split(','));
  for (const selector of [...INTERACTIVE.split(','), ...DIALOGS.split(','), 'h1', 'h6', '[role=heading]', 'label', 'legend']) {
    assert.ok(naming.has(selector), selector);
  }
});
