// The live key check in the popup, written once for every browser driver:
// access to api.openai.com asked for on the first "Test with OpenAI" click,
// then a working key and a restricted one, line by line as the admin reads
// them. Needs a browser that answers permissions.request() without a
// prompt to press (Firefox's test profile); Chromium's headless run cannot,
// so tests/e2e/key/live-key-check.spec.mjs grants access there another way.
import assert from 'node:assert/strict';
import { waitFor } from '../support/ui.mjs';
import { scenarioKey } from '../practice-site/openai/api.mjs';

const API = 'https://api.openai.com/*';
const hasApiAccess = (page) => page.evaluate((p) => (globalThis.browser ?? globalThis.chrome).permissions.contains({ origins: [p] }), API);

/** Pastes `key` into "Check a key", checks it, presses Test with OpenAI and reads the report. */
async function testInPopup(popup, key) {
  await popup.evaluate((k) => { document.querySelector('#check-input').value = k; }, key);
  await popup.click({ role: 'button', name: 'Check' });
  await popup.click({ role: 'button', name: 'Test with OpenAI' });
  return waitFor('the report', () => popup.evaluate(() => {
    const box = document.querySelector('#check-live-report');
    if (!box.dataset.verdict) return null;
    return {
      verdict: box.dataset.verdict,
      lines: Object.fromEntries([...box.querySelectorAll('li')].map((li) => [li.dataset.check, `${li.dataset.state}: ${li.textContent}`])),
    };
  }, null), { timeout: 20_000 });
}

export const liveCheckScenarios = {
  async 'Test with OpenAI: access asked on the click, a working key passes, a restricted one says what to change'(driver) {
    const popup = await driver.openExtensionPage('popup/popup.html');
    await waitFor('the core', () => popup.evaluate(() => document.querySelector('#core-status').textContent.startsWith('Ready'), null));
    assert.equal(await hasApiAccess(popup), false, 'nothing is granted at install');
    const works = await testInPopup(popup, scenarioKey('works'));
    assert.equal(await hasApiAccess(popup), true, 'granted on the click');
    assert.equal(works.verdict, 'works');
    assert.equal(works.lines.known, 'pass: OK: OpenAI knows this key and it is not revoked.');
    assert.equal(works.lines.call_models, 'pass: OK: It may call models (Model capabilities: Request, called Write on older pages).');
    assert.equal(works.lines.credit, 'skipped: Not checked: Credit: that request is billed, so it only runs when you tick the box.');

    const restricted = await testInPopup(popup, scenarioKey('no-read'));
    assert.equal(restricted.verdict, 'problem');
    assert.match(restricted.lines.list_models, /^fail: Problem: It may not list models: the permission Models: Read is missing\. On OpenAI's API keys page, edit this key's permissions: set Models to Read, then test again\./);
    assert.equal(restricted.lines.call_models.split(':')[0], 'pass');
    await popup.close();
  },
};
