// The spotter's matching (extension/content/spotter.js): the core's locators
// against the elements added since the last report, in happy-dom, with
// page-facts.js describing the elements exactly as it does in the browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openPage } from '../support/content-script-dom.mjs';

/** A locator as the core serializes it (src/guide/mod.rs, `impl Serialize for Locator`). */
function locator(fields) {
  return {
    role: null, by: 'name', mode: 'is', text: '', in_dialog: false, when_empty: false, until_checked: false,
    section_mode: null, section_text: null, in_nav: false, ...fields,
  };
}

/** What spot() finds when `added` (HTML) is appended to `container`, after a report on a page made of `page`. */
function spotAfterAdding(locators, added, { page = '', container = 'body' } = {}) {
  openPage(page, { scripts: ['page-facts.js', 'spotter.js'] });
  const { nodes } = globalThis.ikaPageFacts.collect();
  const template = document.createElement('template');
  template.innerHTML = added;
  document.querySelector(container).append(...template.content.childNodes);
  const hit = globalThis.ikaSpotter.spot(locators, nodes);
  return hit && (hit.getAttribute('id') || hit.textContent);
}

test('by name, in each text mode, after the core\'s normalisation', () => {
  const added = '<button id="create">+ Create new secret key</button><button id="quote">I’ll do it later</button>';
  assert.equal(spotAfterAdding([locator({ role: 'button', text: 'Create new secret key' })], added), 'create');
  assert.equal(spotAfterAdding([locator({ role: 'button', mode: 'has', text: 'SECRET' })], added), 'create');
  assert.equal(spotAfterAdding([locator({ role: 'button', mode: 'starts_with', text: "I'll do" })], added), 'quote');
  assert.equal(spotAfterAdding([locator({ role: 'button', text: 'Create new' })], added), null, '"is" is whole text');
});

test('the role must match when the locator names one', () => {
  const added = '<a id="link" href="/keys">API keys</a>';
  assert.equal(spotAfterAdding([locator({ role: 'button', text: 'API keys' })], added), null);
  assert.equal(spotAfterAdding([locator({ role: 'link', text: 'API keys' })], added), 'link');
  assert.equal(spotAfterAdding([locator({ text: 'API keys' })], added), 'link', 'no role: any role');
});

test('by label (or name), placeholder, test id and role alone', () => {
  const added = `
    <label for="n">Key name</label><input id="n" placeholder="My test key">
    <input id="perm" aria-label="Permissions" data-testid="perm-select">
    <div role="radio" id="radio" aria-label="Restricted"></div>`;
  assert.equal(spotAfterAdding([locator({ by: 'label', text: 'Key name' })], added), 'n');
  assert.equal(spotAfterAdding([locator({ by: 'label', text: 'Permissions' })], added), 'perm', 'label falls back to name');
  assert.equal(spotAfterAdding([locator({ by: 'placeholder', mode: 'has', text: 'test key' })], added), 'n');
  assert.equal(spotAfterAdding([locator({ by: 'test_id', text: 'perm-select' })], added), 'perm');
  assert.equal(spotAfterAdding([locator({ by: 'test_id', text: 'PERM-SELECT' })], added), null, 'test ids are exact');
  assert.equal(spotAfterAdding([locator({ role: 'radio', by: 'role' })], added), 'radio');
});

test('dialog, empty-field, not-yet-chosen and section conditions', () => {
  const page = '<div role="dialog" aria-label="Create key" id="dialog"></div>';
  const field = '<input id="name" aria-label="Name">';
  assert.equal(spotAfterAdding([locator({ text: 'Name', in_dialog: true })], field, { page }), null, 'outside the dialog');
  assert.equal(spotAfterAdding([locator({ text: 'Name', in_dialog: true })], field, { page, container: '#dialog' }), 'name');
  assert.equal(spotAfterAdding([locator({ text: 'Name', when_empty: true })], '<input id="f" aria-label="Name" value="x">'), null);
  assert.equal(spotAfterAdding([locator({ text: 'Name', when_empty: true })], field), 'name');
  const chosen = '<div role="radio" id="r" aria-label="Restricted" aria-checked="true"></div>';
  assert.equal(spotAfterAdding([locator({ role: 'radio', text: 'Restricted', until_checked: true })], chosen), null);
  const sections = `
    <nav aria-label="Organization"><a id="org" href="/o">API keys</a></nav>
    <nav aria-label="Project"><a id="proj" href="/p">API keys</a></nav>`;
  const projectKeys = locator({ role: 'link', text: 'API keys', section_mode: 'is', section_text: 'project' });
  assert.equal(spotAfterAdding([projectKeys], sections), 'proj');
});

test('locators are tried best first, whatever the order on the page', () => {
  const added = '<button id="fallback">Continue</button><button id="best" data-testid="submit">Create</button>';
  const locators = [locator({ by: 'test_id', text: 'submit' }), locator({ role: 'button', text: 'Continue' })];
  assert.equal(spotAfterAdding(locators, added), 'best');
});

test('only added elements, their descendants included, and only visible ones', () => {
  const wanted = [locator({ role: 'button', text: 'Save' })];
  assert.equal(spotAfterAdding(wanted, '<p>unrelated</p>', { page: '<button id="old">Save</button>' }), null,
    'an element already on the page is the core\'s to find');
  assert.equal(spotAfterAdding(wanted, '<div><section><button id="deep">Save</button></section></div>'), 'deep');
  assert.equal(spotAfterAdding(wanted, '<button style="display:none">Save</button>'), null);
  assert.equal(spotAfterAdding(wanted, '<div aria-hidden="true"><button>Save</button></div>'), null);
});

test('a control the last report listed is not new, however the page changed since', () => {
  const page = '<main id="outlet"><button id="old">Create new secret key</button></main>';
  const wanted = [locator({ role: 'button', text: 'Create new secret key' })];
  assert.equal(spotAfterAdding(wanted, '<p>Loading</p>', { page }), null, 'only the old one fits');
  assert.equal(spotAfterAdding(wanted, '<button id="new">Create new secret key</button>', { page }), 'new');
  openPage('<main id="outlet"><p>Loading</p></main>', { scripts: ['page-facts.js', 'spotter.js'] });
  const before = globalThis.ikaPageFacts.collect().nodes;
  // A view mounted, then a button put into its slot: one control.
  const view = document.createElement('div');
  const slot = document.createElement('div');
  view.append(slot);
  document.getElementById('outlet').replaceChildren(view);
  slot.append(Object.assign(document.createElement('button'), { id: 'create', textContent: '+ Create new secret key' }));
  assert.equal(globalThis.ikaSpotter.spot(wanted, before)?.id, 'create');
  // The next report lists it: from then on it is not new.
  assert.equal(globalThis.ikaSpotter.spot(wanted, globalThis.ikaPageFacts.collect().nodes), null);
});

test('a burst of added content is checked only up to 200 candidates', () => {
  const filler = '<button>Other</button>'.repeat(250);
  const wanted = [locator({ role: 'button', text: 'Save' })];
  assert.equal(spotAfterAdding(wanted, `<div>${'<button>Other</button>'.repeat(10)}<button id="early">Save</button></div>`), 'early');
  assert.equal(spotAfterAdding(wanted, `<div>${filler}<button id="late">Save</button></div>`), null);
});

test('a navigation-only locator skips links in the text, and disabled controls are never spotted', () => {
  const links = '<main><a id="text" href="/k">API Keys</a></main><nav><a id="side" href="/k">API Keys</a></nav>';
  assert.equal(spotAfterAdding([locator({ role: 'link', text: 'API keys', in_nav: true })], links), 'side');
  assert.equal(spotAfterAdding([locator({ role: 'link', text: 'API keys' })], links), null, 'two without the landmark');
  const held = '<button id="create" disabled>Create secret key</button>';
  assert.equal(spotAfterAdding([locator({ role: 'button', text: 'Create secret key' })], held), null);
  const aria = '<div role="button" id="create" aria-disabled="true">Create secret key</div>';
  assert.equal(spotAfterAdding([locator({ role: 'button', text: 'Create secret key' })], aria), null);
});

// The spotter's copy of the core's text normalisation, against the fixture
// the core's own test uses (tests/core/text_normalisation.rs): the two
// cannot drift apart.
test('the spotter normalises page text exactly as the core does', () => {
  openPage('', { scripts: ['page-facts.js', 'spotter.js'] });
  const { cases } = JSON.parse(readFileSync('tests/fixtures/text-normalisation.json', 'utf8'));
  assert.ok(cases.length >= 10);
  for (const { input, normalised } of cases) {
    assert.equal(globalThis.ikaSpotter.normalise(input), normalised, JSON.stringify(input));
  }
});
