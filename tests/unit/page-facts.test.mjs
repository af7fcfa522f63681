// The page report builder (extension/content/page-facts.js), as shipped in
// source form, on small pages in happy-dom: roles, accessible names, labels,
// sections, what counts as visible, and what must never leave the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from '../support/content-script-dom.mjs';

/** The report of a page made of `html`. */
function reportOf(html, options = {}) {
  openPage(html, { ...options, scripts: ['page-facts.js'] });
  return globalThis.ikaPageFacts.collect().report;
}

/** role and name of every reported element, in order. */
function rolesAndNames(html) {
  return reportOf(html).elements.map(({ role, name }) => [role, name]);
}

test('roles: explicit first token, else the implicit role of the element', () => {
  assert.deepEqual(
    rolesAndNames(`
      <button>Go</button>
      <a href="/x">Link</a>
      <a>No href, not interactive</a>
      <summary>More</summary>
      <input type="checkbox" aria-label="c">
      <input type="radio" aria-label="r">
      <input type="range" aria-label="s">
      <input type="submit" value="Send">
      <input type="search" aria-label="q">
      <input type="number" aria-label="n">
      <input aria-label="plain">
      <input type="email" aria-label="mail">
      <input type="hidden" value="never listed">
      <select aria-label="one"><option>a</option></select>
      <select multiple aria-label="many"><option>a</option></select>
      <textarea aria-label="t"></textarea>
      <button role="tab switch">Tab</button>
      <span role="textbox" aria-label="rich"></span>`),
    [
      ['button', 'Go'], ['link', 'Link'], ['button', 'More'], ['checkbox', 'c'], ['radio', 'r'], ['slider', 's'],
      ['button', 'Send'], ['searchbox', 'q'], ['spinbutton', 'n'], ['textbox', 'plain'], ['textbox', 'mail'],
      ['combobox', 'one'], ['listbox', 'many'], ['textbox', 't'], ['tab', 'Tab'], ['textbox', 'rich'],
    ],
  );
});

test('accessible names: labelledby, aria-label, label, value, title and placeholder, text', () => {
  assert.deepEqual(
    rolesAndNames(`
      <span id="a">Project</span><span id="b">API   keys</span>
      <button aria-labelledby="a missing b" aria-label="ignored">ignored text</button>
      <button aria-label="  Close   dialog ">×</button>
      <label for="n">Key name</label><input id="n" placeholder="My key">
      <label>Wrapped <input type="checkbox"></label>
      <input placeholder="Search keys">
      <input title="Filter" placeholder="ignored">
      <button><span aria-hidden="true">+</span> Create new
        secret key</button>
      <button><span aria-hidden="true"><b>icon</b></span><span>Nested <i aria-hidden="true">x</i>text</span></button>
      <a href="/settings" title="Settings"></a>`),
    [
      ['button', 'Project API keys'],
      ['button', 'Close dialog'],
      ['textbox', 'Key name'],
      ['checkbox', 'Wrapped'],
      ['textbox', 'Search keys'],
      ['textbox', 'Filter'],
      ['button', 'Create new secret key'],
      ['button', 'Nested text'],
      ['link', 'Settings'],
    ],
  );
});

test('long texts are cut to 120 characters', () => {
  const [[, name]] = rolesAndNames(`<button>${'word '.repeat(60)}</button>`);
  assert.equal(name.length, 120);
  assert.ok(name.startsWith('word word'));
});

test('label and placeholder are reported beside the name', () => {
  const [field] = reportOf('<label for="k">Secret key</label><input id="k" aria-label="Key" placeholder="sk-…">').elements;
  assert.equal(field.name, 'Key');
  assert.equal(field.label, 'Secret key');
  assert.equal(field.placeholder, 'sk-…');
});

test('sections: the nearest labelled group, legend or earlier heading', () => {
  const sections = reportOf(`
    <nav aria-label="Organization"><a href="/o/keys">API keys</a></nav>
    <div aria-labelledby="proj-title"><h3 id="proj-title">Project</h3><a href="/p/keys">API keys</a></div>
    <fieldset><legend>Permissions</legend><div><input type="radio" aria-label="All"></div></fieldset>
    <section><h2>Chat AI</h2><div><div><input aria-label="OpenAI API Key"></div></div></section>
    <section><button>Before any heading</button><h2>Later</h2></section>`).elements.map((e) => [e.name, e.section]);
  assert.deepEqual(sections, [
    ['API keys', 'Organization'],
    ['API keys', 'Project'],
    ['All', 'Permissions'],
    ['OpenAI API Key', 'Chat AI'],
    ['Before any heading', ''],
  ]);
});

test('what the admin cannot see is left out', () => {
  const names = rolesAndNames(`
    <button>Shown</button>
    <button style="display:none">display none</button>
    <div style="display:none"><button>inside display none</button></div>
    <button style="visibility:hidden">visibility hidden</button>
    <div aria-hidden="true"><button>aria-hidden</button></div>
    <div inert><button>inert</button></div>
    <button data-test-box="10 10 0 0">zero size</button>
    <button data-test-box="10 10 0 24">zero width is still a box</button>`).map(([, name]) => name);
  assert.deepEqual(names, ['Shown', 'zero width is still a box']);
});

test('hidden dialogs and headings are not reported', () => {
  const report = reportOf(`
    <h1>Visible</h1><h2 style="display:none">Hidden heading</h2>
    <div role="dialog" aria-label="Shown dialog" aria-modal="true"><button>OK</button></div>
    <div role="dialog" aria-label="Hidden dialog" style="display:none"><button>No</button></div>`);
  assert.deepEqual(report.headings, ['Visible']);
  assert.deepEqual(report.dialogs, [{ name: 'Shown dialog', modal: true }]);
  assert.deepEqual(report.elements.map((e) => [e.name, e.dialog]), [['OK', 0]]);
});

test('dialogs are named by labelledby, aria-label or their first heading', () => {
  const report = reportOf(`
    <h2 id="t">Save your key</h2>
    <div role="dialog" aria-labelledby="t"></div>
    <div role="alertdialog" aria-label="Revoke key"></div>
    <dialog open><h2>Create new secret key</h2><input aria-label="Name"></dialog>`);
  assert.deepEqual(report.dialogs, [
    { name: 'Save your key', modal: false },
    { name: 'Revoke key', modal: false },
    { name: 'Create new secret key', modal: false },
  ]);
  assert.equal(report.elements.find((e) => e.name === 'Name').dialog, 2);
});

test('text that looks like a key is hidden everywhere it is reported', () => {
  const key = `sk-proj-${'Ab3_'.repeat(10)}`;
  const report = reportOf(
    `<h2>Your key ${key}</h2>
     <div role="dialog" aria-label="Key ${key} created"><button>Copy ${key}</button></div>
     <input aria-label="Key" placeholder="${key}" data-testid="${key}">
     <button>sk-short stays</button>`,
    { title: `Keys ${key}` },
  );
  const text = JSON.stringify(report);
  assert.ok(!text.includes(key), text);
  assert.equal(report.title, 'Keys sk-[hidden]');
  assert.deepEqual(report.headings, ['Your key sk-[hidden]']);
  assert.equal(report.dialogs[0].name, 'Key sk-[hidden] created');
  assert.deepEqual(report.elements.map((e) => e.name), ['Copy sk-[hidden]', 'Key', 'sk-short stays']);
  assert.equal(report.elements[1].placeholder, 'sk-[hidden]');
  assert.equal(report.elements[1].test_id, 'sk-[hidden]');
});

test('field values are never reported, only whether there is one', () => {
  const typed = 'typed-secret-value';
  openPage(`
    <input aria-label="Filled">
    <input aria-label="Empty">
    <textarea aria-label="Notes"></textarea>
    <div role="textbox" aria-label="Rich" contenteditable="true">${typed}</div>
    <select aria-label="Pick"><option>one</option></select>
    <button value="${typed}">Button value</button>`, { scripts: ['page-facts.js'] });
  document.querySelector('[aria-label=Filled]').value = typed;
  document.querySelector('textarea').value = typed;
  const { report } = globalThis.ikaPageFacts.collect();
  assert.ok(!JSON.stringify(report).includes(typed));
  assert.deepEqual(report.elements.map((e) => [e.name, e.has_value]), [
    ['Filled', true], ['Empty', false], ['Notes', true], ['Rich', true], ['Pick', true], ['Button value', false],
  ]);
});

test('credential-like query values are blanked and the fragment dropped', () => {
  const { url } = reportOf('', {
    url: 'https://auth.openai.com/callback?code=abc123&state=xyz&step=keys&api_key=sk-x&SessionToken=t#access_token=z',
  });
  assert.equal(url, 'https://auth.openai.com/callback?code=&state=&step=keys&api_key=&SessionToken=');
});

test('a list box reports its choice by name, never typed text', () => {
  const typed = 'typed-secret-value';
  openPage(`
    <select aria-label="Provider"><option value="spec">SPEC Innovations (default)</option><option value="openai" selected>OpenAI</option></select>
    <div role="combobox" aria-label="Region" tabindex="0">Europe</div>
    <input role="combobox" aria-label="Search models">
    <div role="combobox" aria-label="Typed" contenteditable="true">${typed}</div>
    <input aria-label="Key">`, { scripts: ['page-facts.js'] });
  document.querySelector('input[role=combobox]').value = typed;
  document.querySelector('[aria-label=Key]').value = typed;
  const { report } = globalThis.ikaPageFacts.collect();
  assert.ok(!JSON.stringify(report).includes(typed));
  assert.deepEqual(report.elements.map((e) => [e.name, e.value_text, e.options]), [
    ['Provider', 'OpenAI', ['SPEC Innovations (default)', 'OpenAI']],
    ['Region', 'Europe', []],
    ['Search models', '', []],
    ['Typed', '', []],
    ['Key', '', []],
  ]);
});

test('a long list reports at most 12 option names, cut and redacted like any text', () => {
  const options = Array.from({ length: 30 }, (_, i) => `<option>${i === 1 ? `sk-proj-${'a'.repeat(40)}` : `Option ${i} ${'x'.repeat(200)}`}</option>`);
  const { elements: [list] } = reportOf(`<select aria-label="Many">${options.join('')}</select>`);
  assert.equal(list.options.length, 12);
  assert.equal(list.options[1], 'sk-[hidden]');
  assert.ok(list.options.every((o) => o.length <= 120));
  assert.equal(list.value_text, list.options[0]);
});

test('state: checked, pressed, selected, disabled, read-only', () => {
  openPage(`
    <input type="checkbox" aria-label="native">
    <div role="checkbox" aria-checked="true" aria-label="aria checked"></div>
    <button aria-pressed="false">toggle</button>
    <div role="tab" aria-selected="true">Tab</div>
    <button disabled>off</button>
    <div role="button" aria-disabled="true">aria off</div>
    <input aria-label="ro" readonly>
    <div role="textbox" aria-readonly="true" aria-label="aria ro"></div>`, { scripts: ['page-facts.js'] });
  document.querySelector('[aria-label=native]').checked = true;
  const states = globalThis.ikaPageFacts.collect().report.elements.map(
    ({ name, checked, selected, disabled, read_only: readOnly }) => [name, checked, selected, disabled, readOnly],
  );
  assert.deepEqual(states, [
    ['native', true, null, false, false],
    ['aria checked', true, null, false, false],
    ['toggle', false, null, false, false],
    ['Tab', null, true, false, false],
    ['off', null, null, true, false],
    ['aria off', null, null, true, false],
    ['ro', null, null, false, true],
    ['aria ro', null, null, false, true],
  ]);
});

test('boxes are reported as the element lays out', () => {
  const [el] = reportOf('<button data-test-box="12.5 40 90 32">Create</button>').elements;
  assert.deepEqual(el.rect, { x: 12.5, y: 40, width: 90, height: 32 });
});

test('a page of thousands of controls reports the first 400', () => {
  const { elements } = reportOf('<button>b</button>'.repeat(450));
  assert.equal(elements.length, 400);
  assert.deepEqual(elements.map((e) => e.id), [...Array(400).keys()]);
});

test('only changes that can alter the report are relevant', () => {
  openPage(`
    <div id="grid"><span id="cell">1</span></div>
    <button id="go"><span id="label">Go</span></button>`, { scripts: ['page-facts.js'] });
  const facts = globalThis.ikaPageFacts;
  const relevant = (record) => facts.isRelevantChange(record, record.target, record.type);
  const text = (target) => ({ type: 'characterData', target, addedNodes: [], removedNodes: [] });
  const added = (target, node) => ({ type: 'childList', target, addedNodes: [node], removedNodes: [] });
  const cell = document.getElementById('cell');
  assert.equal(relevant(text(cell.firstChild)), false, 'text churn in a grid');
  assert.equal(relevant(text(document.getElementById('label').firstChild)), true, 'a button is renamed');
  assert.equal(relevant({ type: 'attributes', target: cell, addedNodes: [], removedNodes: [] }), true);
  const span = document.createElement('span');
  assert.equal(relevant(added(document.getElementById('grid'), span)), false, 'a plain span added');
  const heading = document.createElement('h2');
  assert.equal(relevant(added(document.getElementById('grid'), heading)), true, 'a heading added');
  const wrapper = document.createElement('div');
  wrapper.innerHTML = '<p><a href="/x">x</a></p>';
  assert.equal(relevant(added(document.body, wrapper)), true, 'a link inside added content');
});
