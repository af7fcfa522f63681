// The popup and the options page, written once for every browser driver:
// the popup's core status, a self-hosted Innoslate address (permission,
// content script, a key filled there), a failed save that says so and gives
// back the permission it asked for, host access taken back later, and the
// access given back when the admin switches to the hosted Innoslate.
import assert from 'node:assert/strict';
import { waitFor } from '../support/ui.mjs';
import { createKeyAndSend, fillOnChoice } from './key-transfer.mjs';

export const SELF_HOSTED = 'https://innoslate.example.test';

async function openOptions(driver) {
  const options = await driver.openExtensionPage('options/options.html');
  // The page is ready once it has shown the saved address.
  await waitFor('the options page', () => options.evaluate(() => document.querySelector('#destination').value !== '', null));
  return options;
}

const status = (options) => options.evaluate(() => {
  const el = document.querySelector('#destination-status');
  return { text: el.textContent, error: el.classList.contains('error') };
}, null);

const hasOrigin = (page, pattern) => page.evaluate((p) => (globalThis.browser ?? globalThis.chrome).permissions.contains({ origins: [p] }), pattern);
const storedDestination = (page) => page.evaluate(async () => (await (globalThis.browser ?? globalThis.chrome).storage.local.get('innoslate.origin'))['innoslate.origin'] ?? null, null);

async function saveAddress(options, address) {
  await options.fill({ label: 'Innoslate address' }, address);
  await options.click({ role: 'button', name: 'Save address' });
}

export const optionsScenarios = {
  async 'the popup shows the core ready'(driver) {
    const popup = await driver.openExtensionPage('popup/popup.html');
    await waitFor('the core status', () => popup.evaluate(() => /^Ready\. Version \d+\.\d+\.\d+\.$/.test(document.querySelector('#core-status').textContent)
      && document.querySelector('#guide-where').textContent.includes('takes you through 11 steps'), null));
    await popup.close();
  },

  async 'a failed save says so on the page and changes nothing'(driver) {
    const options = await openOptions(driver);
    // The browser refuses to (un)register the content script.
    await options.evaluate(() => {
      const api = globalThis.browser ?? globalThis.chrome;
      api.scripting.getRegisteredContentScripts = () => Promise.reject(new Error('refused by the browser'));
    }, null);
    await options.click({ role: 'button', name: 'Use cloud.innoslate.com' });
    const shown = await waitFor('an error on the page', async () => { const s = await status(options); return s.error ? s : null; });
    assert.match(shown.text, /^Not saved: the browser would not set up the extension for https:\/\/cloud\.innoslate\.com \(refused by the browser\)\. Nothing was changed\./);
    assert.equal(await storedDestination(options), null);
    await options.close();
  },
};

/**
 * Firefox answers permissions.request() without a prompt in the test
 * profile; Chromium can only show its prompt, which a headless run cannot
 * press, so these run in Firefox.
 */
export const selfHostedScenarios = {
  async 'a self-hosted address: access asked on save, the key filled there'(driver) {
    const options = await openOptions(driver);
    await saveAddress(options, SELF_HOSTED);
    const saved = await waitFor('the saved status', async () => { const s = await status(options); return s.text ? s : null; });
    assert.deepEqual(saved, { text: `Saved. Keys will only be filled on ${SELF_HOSTED}.`, error: false });
    assert.equal(await hasOrigin(options, `${SELF_HOSTED}/*`), true);
    assert.equal(await storedDestination(options), SELF_HOSTED);
    await options.close();

    const { key, openai, innoslate } = await createKeyAndSend(driver, { destination: SELF_HOSTED });
    await innoslate.goto(`${SELF_HOSTED}/acme/admin/preferences`);
    await fillOnChoice(innoslate, key);
    await innoslate.close();
    await openai.close();
  },

  async 'a save that fails gives back the access it asked for'(driver) {
    const options = await openOptions(driver);
    const address = 'https://innoslate-two.example.test';
    assert.equal(await hasOrigin(options, `${address}/*`), false);
    await options.evaluate(() => {
      const api = globalThis.browser ?? globalThis.chrome;
      const refuse = () => Promise.reject(new Error('refused by the browser'));
      api.scripting.registerContentScripts = refuse;
      api.scripting.updateContentScripts = refuse;
    }, null);
    await saveAddress(options, address);
    const shown = await waitFor('an error on the page', async () => { const s = await status(options); return s.error ? s : null; });
    assert.match(shown.text, /^Not saved: the browser would not set up the extension for https:\/\/innoslate-two\.example\.test \(refused by the browser\)\. Nothing was changed\./);
    assert.equal(await hasOrigin(options, `${address}/*`), false, 'the permission asked for is given back');
    assert.equal(await storedDestination(options), SELF_HOSTED, 'the saved address is unchanged');
    await options.close();
  },

  async 'access taken back later: the options page says what to do'(driver) {
    await driver.revokeOrigins([`${SELF_HOSTED}/*`, 'https://platform.openai.com/*']);
    const options = await openOptions(driver);
    const shown = await waitFor('a warning', async () => { const s = await status(options); return s.error ? s : null; });
    // The saved address lost its access, so it no longer counts; the page says so and what to do.
    assert.match(shown.text, /The saved Innoslate address "https:\/\/innoslate\.example\.test" was not set up on this page \(or its permission was removed\), so it is ignored and keys go only to https:\/\/cloud\.innoslate\.com\. Save your address again to use it\./);
    assert.match(shown.text, /The browser no longer lets the extension guide you on platform\.openai\.com\. Allow it again on the browser's add-ons page/);
    // Saving the address again asks for access again.
    await saveAddress(options, SELF_HOSTED);
    await waitFor('the saved status', async () => (await status(options)).text.startsWith('Saved.'));
    assert.equal(await hasOrigin(options, `${SELF_HOSTED}/*`), true);
    await options.close();
  },

  async 'switching back to cloud.innoslate.com gives back the self-hosted access'(driver) {
    const options = await openOptions(driver);
    assert.equal(await hasOrigin(options, `${SELF_HOSTED}/*`), true);
    await options.click({ role: 'button', name: 'Use cloud.innoslate.com' });
    await waitFor('the saved status', async () => (await status(options)).text.startsWith('Saved.'));
    assert.equal(await storedDestination(options), 'https://cloud.innoslate.com');
    // Kept, it would let the saved address be set up again after an update.
    assert.equal(await hasOrigin(options, `${SELF_HOSTED}/*`), false);
    await options.close();
  },
};
