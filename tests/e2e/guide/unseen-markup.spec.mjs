// Screens the practice site does not draw, built here as another front end
// might render the same OpenAI screen: permission levels as drop-downs, a
// row that merely mentions models, permission levels under other names,
// and a "Save your key" dialog that shows the key as plain text. Each is
// served at the real address with a strict CSP, and judged by where the
// spotlight ends up and what the callout asks for.
import { test, expect } from '@playwright/test';
import { useExtensionBrowser } from '../../support/extension-browser.mjs';
import { spotlightReader } from '../../support/overlay-probe.mjs';
import { spotlightAround } from '../../scenarios/openai-guide.mjs';

const env = useExtensionBrowser(test, { per: 'worker' });
const KEYS = 'https://platform.openai.com/api-keys';

/** Opens `body` (the keys page behind a dialog) at the keys page's address. */
async function openScreen(body) {
  const page = await env.browser.context.newPage();
  await page.route(KEYS, (route) => route.fulfill({
    status: 200,
    contentType: 'text/html; charset=utf-8',
    headers: { 'content-security-policy': "default-src 'self'; object-src 'none'" },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>API keys</title></head><body>
      <nav aria-label="Main"><a href="/home">Home</a> <a href="/api-keys" aria-current="page">API keys</a></nav>
      <h1>API keys</h1><button>Create new secret key</button>${body}</body></html>`,
  }));
  await page.goto(KEYS);
  return { page, reader: await spotlightReader(page) };
}

/** The callout once it shows step `n` and has stayed the same for a moment, with what its spotlight is around. */
async function settled(page, reader, n) {
  let last = '';
  let since = 0;
  await expect.poll(async () => {
    const state = await reader.read().catch(() => null);
    const now = JSON.stringify(state);
    if (now !== last) [last, since] = [now, Date.now()];
    return Boolean(state?.callout.includes(`Step ${n} of 11`)) && Date.now() - since > 700;
  }, { timeout: 10_000 }).toBe(true);
  const state = JSON.parse(last);
  if (!state.spotlight) return { text: state.callout, on: null };
  const boxes = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((el) => {
    const { x, y, width, height } = el.getBoundingClientRect();
    return { id: el.id, box: { x, y, width, height } };
  }));
  return { text: state.callout, on: boxes.find(({ box }) => spotlightAround(state.spotlight, box))?.id ?? 'something else' };
}

const dialog = (inner, title = 'Create new secret key') => `<div role="dialog" aria-modal="true" aria-labelledby="title">
  <h2 id="title">${title}</h2>${inner}</div>`;
const radios = (legend, levels, chosen) => `<fieldset><legend>${legend}</legend>${levels.map((level) =>
  `<label><input type="radio" name="${legend}" ${level === chosen ? 'checked' : ''}>${level}</label>`).join('')}</fieldset>`;
const NAME = '<label>Name <input id="name" placeholder="My Test Key" value="Innoslate"></label>';
const SUBMIT = '<button>Cancel</button><button id="submit">Create secret key</button>';

test('permission levels as drop-downs, after a row that mentions models: Models first, then the calls, then Create', async () => {
  const select = (id, row, levels) => `<fieldset><legend>${row}</legend><select id="${id}" aria-label="${row}">${
    levels.map((level) => `<option>${level}</option>`).join('')}</select></fieldset>`;
  const { page, reader } = await openScreen(dialog(`${NAME}${radios('Permissions', ['All', 'Restricted', 'Read only'], 'Restricted')}
    ${radios('Custom models', ['None', 'Read', 'Write'], 'Read')}
    ${select('models', 'Models', ['None', 'Read'])}${select('calls', 'Model capabilities', ['None', 'Request'])}${SUBMIT}`));
  let shown = await settled(page, reader, 10);
  expect(shown.on).toBe('models');
  expect(shown.text).toContain('Models: Read is not chosen yet');
  await page.locator('#models').selectOption('Read');
  await expect.poll(async () => (await settled(page, reader, 10)).on).toBe('calls');
  await page.locator('#calls').selectOption('Request');
  shown = await settled(page, reader, 10);
  expect(shown.on).toBe('submit');
  expect(shown.text).not.toContain('is not chosen yet');
});

test('permission levels under other names: Restricted is not asked for, and Create is not pointed at', async () => {
  const { page, reader } = await openScreen(dialog(`${NAME}${radios('Permissions', ['Full access', 'Custom', 'Read only'], 'Full access')}${SUBMIT}`));
  const shown = await settled(page, reader, 9);
  expect(shown.on).toBeNull();
  expect(shown.text).toContain('does not offer Restricted');
  expect(shown.text).not.toContain('set Permissions to Restricted');
});

test('"Save your key" showing the key as text beside an editable name: no pointer and no Send key', async () => {
  const { page, reader } = await openScreen(dialog(`<p>Keep it somewhere safe.</p><code id="key">sk-proj-${'A1b2'.repeat(20)}</code>
    <label>Key name <input id="name" value="Innoslate"></label><button id="copy">Copy</button><button>Done</button>`, 'Save your key'));
  const shown = await settled(page, reader, 11);
  expect(shown.on).toBeNull();
  expect(shown.text.split('\n')).not.toContain('Send key to Innoslate');
  expect(shown.text).toContain('plain text the assistant cannot read');
  expect(shown.text).not.toContain('choose Send key');
});
