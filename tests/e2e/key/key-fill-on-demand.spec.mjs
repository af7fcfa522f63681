// The Fill and Test buttons' code (key-fill.js, field-pick.js) is not in the
// content scripts every page loads: the background runs it only in an
// Innoslate page the core offers a key to, at the adapter's request. Here:
// where it is and is not, that a page cannot stand in for it, and what the
// admin is told when it cannot be loaded.
import { test, expect } from '@playwright/test';
import { useExtensionBrowser, keyWaiting } from '../../support/extension-browser.mjs';
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
