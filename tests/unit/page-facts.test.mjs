// The page report builder (extension/content/page-facts.js), as shipped in
// source form, on small pages in happy-dom: roles, accessible names, labels,
// sections, what counts as visible, and what must never leave the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

test('long texts are cut between words to at most 120 characters, the cut marked', () => {
  const [[, name]] = rolesAndNames(`<button>${'word '.repeat(60)}</button>`);
  assert.ok(name.length <= 120 && name.length > 100, name);
  assert.match(name, /^(word )+\u2026$/);
});

/** Text from `seed`: `length` letters and digits, with at least one digit. */
function randomToken(seed, length = 40) {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let state = seed;
  let out = '';
  while (out.length < length) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out += chars[state % chars.length];
  }
  return /\d/.test(out) ? out : `${out.slice(1)}7`;
}

// Every position of the report's 120-character limit inside the token, and
// the token wholly before and wholly after it: the name holds the whole
// token (for the core to judge) or no character of it, and a token that
// did not fit leaves the mark the core counts.
const STRADDLERS = [
  ['a random 40-character token', randomToken(7)],
  ['another random token', randomToken(123456)],
  ['a GitHub token', `ghp_${randomToken(99, 36)}`],
  ['an OpenAI project key', `sk-proj-${randomToken(5, 60)}T3BlbkFJ${randomToken(6, 60)}`],
];
const FILLER = 'Open the key list and copy this one now '.repeat(4);
for (const [what, token] of STRADDLERS) {
  test(`${what} that the limit would split is left out whole, wherever the limit falls`, () => {
    for (let lead = Math.max(0, 120 - token.length - 8); lead <= 124; lead += 1) {
      const filler = FILLER.slice(0, lead).trimEnd();
      const fillerWords = new Set(filler.split(' '));
      for (const [before, after] of [['', ''], ['(', ')'], ['token:', '.']]) {
        const [[, name]] = rolesAndNames(`<button aria-label="${filler} ${before}${token}${after} and more words after it">x</button>`);
        const words = name.split(' ');
        const context = `${lead} ${before}: ${name}`;
        assert.ok(name.length <= 120, context);
        // Whole: the token, or an OpenAI key's hidden form, for the core to judge.
        if (words.some((w) => w.includes(token) || w.includes('sk-[hidden]'))) continue;
        assert.ok(words.slice(0, -1).every((w) => fillerWords.has(w)), context);
        assert.equal(words[words.length - 1], '[hidden]', context);
      }
    }
  });
}

test('a word cut by the raw limit is never shown, even after white space that collapses', () => {
  const token = randomToken(42);
  for (let pad = 1950; pad <= 2001; pad += 1) {
    const [[, name]] = rolesAndNames(`<button aria-label="Key${' '.repeat(pad)}${token}">x</button>`);
    // The last word before the limit goes, judged with what follows it:
    // the token's head, the token itself when it starts at the limit, or
    // white space when the token lies wholly beyond.
    const start = 3 + pad;
    const expected = start + 40 <= 2000 ? `Key ${token}` : start < 2000 ? 'Key [hidden]' : start === 2000 ? '[hidden]' : '\u2026';
    assert.equal(name, expected, `${pad}: ${name}`);
  }
});

test('a long text whose cut words hold no token ends in an ellipsis, one with a hidden key in the mark', () => {
  const sentence = 'Keys are shown only once, so copy the new key right now and keep it somewhere safe before you close this dialog';
  const [[, plain], [, keyed]] = rolesAndNames(`
    <button aria-label="${sentence} internationalization-configuration">x</button>
    <button aria-label="${sentence} sk-proj-${randomToken(3, 48)} copy">x</button>`);
  assert.equal(plain, `${sentence} \u2026`);
  assert.equal(keyed, `${sentence} [hidden]`);
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

test('links in a navigation landmark say so; links in the text do not', () => {
  const inNav = reportOf(`
    <nav><a href="/api-keys">API Keys</a></nav>
    <div role="navigation"><ul><li><a href="/usage">Usage</a></li></ul></div>
    <main><p>Create one under <a href="/api-keys">API Keys</a>.</p></main>`).elements.map((e) => [e.name, e.in_nav]);
  assert.deepEqual(inNav, [['API Keys', true], ['Usage', true], ['API Keys', false]]);
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
  assert.deepEqual(report.dialogs, [{ name: 'Shown dialog', modal: true, description: '' }]);
  assert.deepEqual(report.elements.map((e) => [e.name, e.dialog]), [['OK', 0]]);
});

test('dialogs are named by labelledby, aria-label or their first heading', () => {
  const report = reportOf(`
    <h2 id="t">Save your key</h2>
    <div role="dialog" aria-labelledby="t"></div>
    <div role="alertdialog" aria-label="Revoke key"></div>
    <dialog open><h2>Create new secret key</h2><input aria-label="Name"></dialog>`);
  assert.deepEqual(report.dialogs, [
    { name: 'Save your key', modal: false, description: '' },
    { name: 'Revoke key', modal: false, description: '' },
    { name: 'Create new secret key', modal: false, description: '' },
  ]);
  assert.equal(report.elements.find((e) => e.name === 'Name').dialog, 2);
});

test('a dialog\'s description comes from aria-describedby, a key in it hidden', () => {
  const key = `sk-proj-${'Ab3_'.repeat(10)}`;
  const report = reportOf(`
    <div role="alertdialog" aria-label="Delete secret key" aria-describedby="d1 d2">
      <p id="d1">Delete "Innoslate" (sk-...Ab12)?</p><p id="d2">Not ${key}.</p><button>Delete key</button>
    </div>`);
  assert.deepEqual(report.dialogs[0].description, 'Delete "Innoslate" (sk-...Ab12)? Not sk-[hidden].');
});

test('a control in a table row reports its row\'s cells; others report none', () => {
  const key = `sk-proj-${'Ab3_'.repeat(10)}`;
  const report = reportOf(`
    <table><tr><th>Name</th><th>Secret key</th><th></th></tr>
      <tr><td>Innoslate</td><td>sk-...Ab12</td><td><button>Delete</button></td></tr>
      <tr><td>${key}</td><td>sk-...7fGh</td><td><button aria-label="Revoke secret key"></button></td></tr></table>
    <div role="row"><span role="cell">Grid key</span><span role="gridcell">sk-...Zz_9</span><a href="/x">Edit</a></div>
    <button>Outside</button>`);
  assert.deepEqual(report.elements.map((e) => [e.name, e.row]), [
    ['Delete', ['Innoslate', 'sk-...Ab12', 'Delete']],
    ['Revoke secret key', ['sk-[hidden]', 'sk-...7fGh', '']],
    ['Edit', ['Grid key', 'sk-...Zz_9']],
    ['Outside', []],
  ]);
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

test('the create-key dialog\'s Expiration list reports its chosen option as the core expects it', () => {
  const { cases } = JSON.parse(readFileSync(new URL('../fixtures/expiration-select.json', import.meta.url), 'utf8'));
  for (const { state, html, choose, reported } of cases) {
    openPage(`<div role="dialog" aria-modal="true" aria-label="Create new secret key">${html}</div>`, { scripts: ['page-facts.js'] });
    const select = /** @type {HTMLSelectElement} */ (document.querySelector('select'));
    if (choose) select.selectedIndex = Array.from(select.options).findIndex((o) => o.textContent === choose);
    const { elements } = globalThis.ikaPageFacts.collect().report;
    const list = elements.find((e) => e.role === 'combobox');
    const { role, name, label, value_text: valueText, options } = list ?? {};
    assert.deepEqual({ role, name, label, value_text: valueText, options }, reported, state);
  }
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

test('state: a tri-state checkbox partly checked is mixed, and not checked', () => {
  openPage(`
    <div role="checkbox" aria-checked="mixed" aria-label="aria group"></div>
    <input type="checkbox" aria-label="native group">
    <input type="checkbox" aria-label="native set">
    <div role="checkbox" aria-checked="false" aria-label="aria clear"></div>`, { scripts: ['page-facts.js'] });
  const [, group, set] = document.querySelectorAll('[aria-label]');
  // Checked underneath, shown as partly checked: mixed wins.
  group.checked = true;
  group.indeterminate = true;
  set.checked = true;
  const states = globalThis.ikaPageFacts.collect().report.elements.map(({ name, checked, mixed }) => [name, checked, mixed]);
  assert.deepEqual(states, [
    ['aria group', false, true],
    ['native group', false, true],
    ['native set', true, false],
    ['aria clear', false, false],
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
