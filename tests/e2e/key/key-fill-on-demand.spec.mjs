// The Fill and Test buttons' code (key-fill.js, field-pick.js) is not in the
// content scripts pages load: the background runs it only in an Innoslate
// page the core offers a key to, at fill-offer.js's request. Here: where it
// is and is not, that a page cannot stand in for it, what the admin is told
// when it cannot be loaded, and that each site's file carries only its own
// key code.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useExtensionBrowser, keyWaiting, EXTENSION_DIR } from '../../support/extension-browser.mjs';
import { overlayProbe } from '../../support/overlay-probe.mjs';
import { inContentScript } from '../../support/content-world.mjs';

const PREFS = 'https://cloud.innoslate.com/acme/admin/preferences?layout=shared';
const KEY = `sk-proj-${'Hn5V'.repeat(14)}mnT3BlbkFJ${'Qe9R'.repeat(14)}wx`;
const FILL = 'Fill the key field';

const env = useExtensionBrowser(test, { per: 'worker' });

// Whether the Fill buttons' code has run in the page's content-script world.
const fillCodeIn = (page) => inContentScript(page, 'typeof ikaKeyFill === "function" && typeof ikaFieldPick === "function"');

// The key pasted into the popup's checker and sent, as an admin would.
// Innoslate comes forward: a tab of it already open (`opensTab` false), or
// a new one, closed here (each test opens its own page).
async function keySent({ opensTab = true } = {}) {
  const popup = await env.browser.context.newPage();
  await popup.goto(`chrome-extension://${env.browser.extensionId}/popup/popup.html`);
  const opened = opensTab ? env.browser.context.waitForEvent('page') : null;
  const reply = await popup.evaluate((key) => chrome.runtime.sendMessage({ kind: 'send_key', v: 1, key }), KEY);
  expect(reply.ok).toBe(true);
  if (opened) await (await opened).close();
  await popup.close();
  expect(await keyWaiting(env.browser)).not.toBeNull();
}

test('the fill code reaches only an Innoslate page offered a key, and fills from there', async () => {
  // The OpenAI guide's pages never get it, nor Innoslate without a key waiting.
  const openai = await env.browser.context.newPage();
  await openai.goto('https://platform.openai.com/api-keys');
  await (await overlayProbe(openai)).until((s) => s.callout);
  expect(await fillCodeIn(openai)).toBe(false);
  const home = await env.browser.context.newPage();
  await home.goto('https://cloud.innoslate.com/');
  // No callout there without a key: polled until the content script runs.
  await expect.poll(() => fillCodeIn(home).catch(() => null)).toBe(false);

  // With a key waiting, that page is led on towards the preferences, with
  // no offer there: still no fill code.
  await keySent({ opensTab: false });
  await (await overlayProbe(home)).until((s) => s.callout && s.callout.labelText === 'Open the Admin Dashboard');
  expect(await fillCodeIn(home)).toBe(false);
  const innoslate = await env.browser.context.newPage();
  await innoslate.goto(PREFS);
  const probe = await overlayProbe(innoslate);
  await probe.until((s) => s.callout && s.callout.buttons.some((b) => b.text === FILL));
  expect(await fillCodeIn(innoslate)).toBe(true);
  // Loaded into that document only.
  expect(await fillCodeIn(home)).toBe(false);
  await expect(innoslate.getByLabel('OpenAI API Key')).toHaveValue('');
  await probe.press(FILL);
  await expect.poll(() => innoslate.getByLabel('OpenAI API Key').inputValue()).toBe(KEY);
});

test('a page element named after the fill code does not stand in for it', async () => {
  await keySent();
  const innoslate = await env.browser.context.newPage();
  // Named elements are window properties in every world: these exist
  // before the content scripts run.
  await innoslate.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      for (const name of ['ikaKeyFill', 'ikaFieldPick']) {
        const decoy = document.createElement('div');
        decoy.id = name;
        document.body.append(decoy);
      }
    });
  });
  await innoslate.goto(PREFS);
  expect(await innoslate.evaluate(() => typeof window.ikaKeyFill)).toBe('object');
  const probe = await overlayProbe(innoslate);
  await probe.until((s) => s.callout && s.callout.buttons.some((b) => b.text === FILL));
  await probe.press(FILL);
  await expect.poll(() => innoslate.getByLabel('OpenAI API Key').inputValue()).toBe(KEY);
});

test('when the fill code cannot be loaded, the callout says so and offers no Fill', async () => {
  await keySent();
  // As when the browser refuses (site access withheld): the worker's
  // injection fails. startAfresh restarts the worker for the next test.
  await env.browser.worker.evaluate(() => {
    chrome.scripting.executeScript = async () => { throw new Error('Cannot access contents of the page.'); };
  });
  const innoslate = await env.browser.context.newPage();
  await innoslate.goto(PREFS);
  const probe = await overlayProbe(innoslate);
  const shown = await probe.until((s) => s.callout && s.callout.text.includes('could not be loaded'));
  expect(shown.callout.text).toContain('The Fill buttons could not be loaded on this page. Reload it and try again.');
  expect(shown.callout.buttons.map((b) => b.text).filter((t) => t.startsWith('Fill'))).toEqual([]);
  expect(await fillCodeIn(innoslate)).toBe(false);
  await expect(innoslate.getByLabel('OpenAI API Key')).toHaveValue('');
  expect(await keyWaiting(env.browser)).not.toBeNull();
});

test('each site ships only its own key code: none that writes a key on OpenAI, none that reads one on Innoslate', () => {
  const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  const read = (entries) => entries.flatMap((e) => e.js).map((file) => readFileSync(path.join(EXTENSION_DIR, file), 'utf8')).join('\n');
  // Every entry a site's pages load.
  const shipped = (host) => read(manifest.content_scripts.filter((e) => e.matches.includes(`https://${host}/*`)));
  const openai = shipped('platform.openai.com');
  const innoslate = shipped('cloud.innoslate.com');
  // The messages each side's code sends, as literals in the built files.
  for (const kind of ['key_fill_script', 'release_key', 'fill_done', 'test_held_key', 'form_submitted']) {
    expect(openai).not.toContain(`"${kind}"`);
  }
  expect(openai).toContain('"capture_key"');
  expect(innoslate).not.toContain('"capture_key"');
  expect(innoslate).toContain('"key_fill_script"');
  expect(innoslate).not.toContain('"release_key"');
  // What runs in the page's own world can reach no extension API at all.
  const pageWorld = read(manifest.content_scripts.filter((e) => e.world === 'MAIN'));
  expect(pageWorld).toContain('MutationObserver');
  expect(pageWorld).not.toMatch(/chrome|browser|runtime|sendMessage|key/i);
  // The fill code itself is in no entry: only injected.
  expect(manifest.content_scripts.flatMap((e) => e.js)).not.toContain('content/key-fill.js');
  expect(readFileSync(path.join(EXTENSION_DIR, 'content/key-fill.js'), 'utf8')).toContain('"release_key"');
});
