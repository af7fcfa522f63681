// The key's trip, written once for every browser driver: captured on
// OpenAI's "Save your key" with a trusted click, carried to Innoslate, filled
// when the admin presses a Fill button, refused everywhere it must be, wiped
// by "Clear now", kept across a background restart, and never left in a
// console or on disk.
import assert from 'node:assert/strict';
import { showingStep, showingStepNumber, sleep, waitFor } from '../support/ui.mjs';
import { profileFilesContaining } from '../support/profile-scan.mjs';

export const CLOUD = 'https://cloud.innoslate.com';
const PREFS_PATH = '/acme/admin/preferences';
const inCreateDialog = [{ role: 'dialog', name: 'Create new secret key' }];

/**
 * Creates a key on the practice keys page of one layout (Models: Read and
 * the calling level the page offers: Write on the older pages, the group's
 * own Request on the 2026 ones) and presses "Send key to Innoslate".
 */
export async function createKeyAndSend(driver, { destination = CLOUD, layout = '2025' } = {}) {
  const openai = await driver.newPage();
  await openai.goto(`https://platform.openai.com/api-keys?layout=${layout}`);
  await openai.click({ role: 'button', name: 'Create new secret key' });
  await openai.fill({ placeholder: 'My Test Key', within: inCreateDialog }, 'Innoslate');
  await openai.click({ role: 'radio', name: 'Restricted', within: inCreateDialog });
  await openai.click({ role: 'radio', name: 'Read', within: [...inCreateDialog, { role: 'group', name: 'Models' }] });
  const calls = layout === '2026' ? 'Request' : 'Write';
  await openai.choose({ role: 'radio', name: calls, within: [...inCreateDialog, { role: 'group', name: 'Model capabilities' }] });
  const create = { role: 'button', name: 'Create secret key', within: inCreateDialog };
  await openai.click(create);
  // The 2026 field has neither a name nor a test id: the dialog's only read-only field.
  const field = layout === '2026' ? '[role=dialog] input[readonly], dialog input[readonly]' : '[data-testid="secret-key-value"]';
  const newKey = async () => {
    const value = await openai.evaluate((selector) => document.querySelector(selector)?.value, field);
    return /^sk-proj-/.test(value || '') ? value : null;
  };
  let key = await waitFor('the new key', newKey, { timeout: 5000 }).catch(() => null);
  if (!key) {
    // A click the page never took (on a busy machine the button can move
    // between being seen and being clicked): the button is still there and
    // not busy, so a person clicks it again.
    const button = await openai.locate(create);
    if (button && !button.disabled) await openai.click(create);
    key = await waitFor('the new key', newKey);
  }
  (driver.seenKeys ??= []).push(key);
  const showing = layout === '2026' ? showingStepNumber : showingStep;
  await openai.waitOverlay((s) => showing(11)(s) && s.callout.buttons.some((b) => b.text === 'Send key to Innoslate'));
  const innoslate = await driver.waitForNewPage(destination, () => openai.pressCallout('Send key to Innoslate'));
  const sent = await openai.waitOverlay((s) => /on its way/.test(s.callout?.text ?? ''));
  assert.ok(!sent.callout.text.includes(key), 'the callout never shows the key');
  return { key, openai, innoslate };
}

export async function vaultStatus(driver) {
  const popup = await driver.openExtensionPage('popup/popup.html');
  try {
    const reply = await popup.evaluate(() => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ kind: 'vault_status', v: 1 }), null);
    return reply.vault;
  } finally {
    await popup.close();
  }
}

async function storageText(driver, area) {
  const popup = await driver.openExtensionPage('popup/popup.html');
  try {
    return await popup.evaluate(async (name) => JSON.stringify(await (globalThis.browser ?? globalThis.chrome).storage[name].get(null)), area);
  } finally {
    await popup.close();
  }
}
const sessionStorageText = (driver) => storageText(driver, 'session');

const OPENAI_FIELD = (section) => ({ label: 'OpenAI API Key', within: [{ role: 'region', name: section }] });

export async function fieldValues(ui) {
  return {
    chat: await ui.valueOf(OPENAI_FIELD('Chat AI')),
    image: await ui.valueOf(OPENAI_FIELD('Image AI')),
    asksage: await ui.valueOf({ label: 'AskSage API Key' }),
  };
}

/** On the preferences page: the admin presses a Fill button, and the fields get the key. */
export async function fillOnChoice(ui, key, button = 'Fill Both') {
  const offer = await ui.waitOverlay((s) => s.callout && s.callout.buttons.some((b) => b.text === button), { timeout: 12_000 });
  const labels = offer.callout.buttons.map((b) => b.text);
  for (const wanted of ['Fill Chat AI', 'Fill Image AI', 'Fill Both']) assert.ok(labels.includes(wanted), `offers ${wanted}: ${labels}`);
  // Nothing is filled before the admin chooses.
  assert.deepEqual(await fieldValues(ui), { chat: '', image: '', asksage: '' });
  await ui.pressCallout(button);
  await waitFor('the filled fields', async () => {
    const v = await fieldValues(ui);
    return v.chat === key && v.image === key && v.asksage === '' ? v : null;
  });
}

const CHAT_PROVIDER = { label: 'Provider', within: [{ role: 'region', name: 'Chat AI' }] };
const IMAGE_OPENAI = { role: 'radio', name: 'OpenAI', within: [{ role: 'group', name: 'Image AI provider' }] };

/**
 * After the fill: the guide points at Chat AI's provider, then at Image
 * AI's, naming "OpenAI" each time and changing neither; the admin picks it
 * from the keyboard.
 */
export async function chooseOpenaiAsGuided(ui) {
  const chat = await ui.waitOverlay((s) => s.callout?.labelText === 'Make Chat AI use your key' && !s.spotlight.hidden);
  assert.ok(chat.callout.text.includes('\u201cOpenAI\u201d'), chat.callout.text);
  await sleep(500);
  assert.equal(await ui.valueOf(CHAT_PROVIDER), 'spec', 'the guide changes no setting');
  await ui.waitVisible({ ...CHAT_PROVIDER, focus: true });
  await ui.press('ArrowDown');
  const image = await ui.waitOverlay((s) => s.callout?.labelText === 'Make Image AI use your key' && !s.spotlight.hidden);
  assert.ok(image.callout.text.includes('\u201cOpenAI\u201d'), image.callout.text);
  assert.equal((await ui.locate(IMAGE_OPENAI)).checked, false, 'the guide changes no setting');
  await ui.choose(IMAGE_OPENAI);
}

/** From the key's capture on one layout to Innoslate's filled fields, the provider chosen as guided and the form saved by the admin. */
export async function captureGuideAndFill(driver, layout) {
  const { key, openai, innoslate } = await createKeyAndSend(driver, { layout });
  assert.equal(new URL(innoslate.url()).origin, CLOUD);
  const vault = await vaultStatus(driver);
  assert.equal(vault.masked, `sk-proj-\u2026${key.slice(-4)}`);
  assert.equal(vault.destination, CLOUD);
  assert.ok(vault.expires_at_ms - Date.now() > 9 * 60_000);

  await innoslate.bringToFront();
  await innoslate.waitOverlay((s) => s.callout?.labelText === 'Open the Admin Dashboard');
  await innoslate.click({ role: 'link', name: 'Admin Dashboard' });
  await innoslate.waitOverlay((s) => s.callout?.labelText === 'Open Organization Preferences');
  await innoslate.click({ role: 'link', name: 'Organization Preferences' });
  await fillOnChoice(innoslate, key);
  await chooseOpenaiAsGuided(innoslate);
  await innoslate.waitOverlay((s) => s.callout?.labelText === 'Check and save' && !s.spotlight.hidden);
  assert.equal(await innoslate.evaluate(() => document.querySelector('#save-result').textContent, null), '');
  // The admin saves: Innoslate would use the key for both features.
  await innoslate.click({ role: 'button', name: 'Save' });
  const uses = await waitFor('the saved providers', () => innoslate.evaluate(() => {
    const result = document.querySelector('#save-result');
    return result.textContent && [result.dataset.chatUses, result.dataset.imageUses];
  }, null));
  assert.deepEqual(uses, ['openai', 'openai']);

  assert.equal(await vaultStatus(driver), null, 'the key is gone from the extension after the fill');
  assert.ok(!(await sessionStorageText(driver)).includes(key.slice(8, 40)));
  // What stays is the key's record: OpenAI's masked form, never the key.
  const local = JSON.parse(await storageText(driver, 'local'));
  const record = local['key.records'][CLOUD].find((r) => r.masked === `sk-...${key.slice(-4)}`);
  assert.ok(record, 'the new key is recorded by its masked form');
  assert.deepEqual(record.fields, ['chat_ai', 'image_ai']);
  assert.ok(!JSON.stringify(local).includes(key.slice(8, 40)) && !JSON.stringify(local).includes(key.slice(-12, -4)));
  await openai.close();
  await innoslate.close();
  return { key, record };
}

export const keyScenarios = {
  async 'capture with a trusted click, guided to preferences, filled on choice, never saved for you'(driver) {
    await captureGuideAndFill(driver, '2025');
  },

  async 'refusals: lookalike origins, plain http and a frame get nothing'(driver) {
    const { key, openai, innoslate } = await createKeyAndSend(driver);
    await innoslate.goto(`${CLOUD}/acme/admin/preferences-in-frame`);
    await sleep(1500);
    const inFrame = await innoslate.evaluate(() => [...document.querySelector('iframe').contentDocument.querySelectorAll('input:not([type=radio])')].map((i) => i.value), null);
    assert.ok(inFrame.length > 0 && inFrame.every((v) => v === ''), `frame fields: ${inFrame.length}`);
    for (const url of [
      `https://cloud.innoslate.com.example.net${PREFS_PATH}`,
      `https://cloud-innoslate.com${PREFS_PATH}`,
      `http://cloud.innoslate.com${PREFS_PATH}`,
    ]) {
      const page = await driver.newPage();
      await page.goto(url);
      await page.waitVisible({ label: 'AskSage API Key' });
      await sleep(800);
      assert.deepEqual(await fieldValues(page), { chat: '', image: '', asksage: '' }, url);
      assert.equal(await page.evaluate(() => document.querySelectorAll('ika-guide-overlay').length, null), 0, `no callout on ${url}`);
      await page.close();
    }
    const vault = await vaultStatus(driver);
    assert.ok(vault && !JSON.stringify(vault).includes(key), 'the key still waits for the real page, masked');
    await innoslate.close();
    await openai.close();
  },

  async '"Clear now" in the popup wipes the waiting key'(driver) {
    const { openai, innoslate } = await createKeyAndSend(driver);
    const popup = await driver.openExtensionPage('popup/popup.html');
    await waitFor('the countdown', () => popup.evaluate(() => /^(10:00|9:[0-5]\d)$/.test(document.querySelector('#vault-countdown').textContent), null));
    await popup.click({ role: 'button', name: 'Clear now' });
    await waitFor('the empty vault view', () => popup.evaluate(() => !document.querySelector('#vault-empty').hidden, null));
    await popup.close();
    await innoslate.goto(`${CLOUD}${PREFS_PATH}`);
    await sleep(1500);
    assert.deepEqual(await fieldValues(innoslate), { chat: '', image: '', asksage: '' });
    const state = await innoslate.readOverlay();
    assert.ok(!state?.callout?.buttons.some((b) => b.text.startsWith('Fill')), 'no fill offered without a key');
    await innoslate.close();
    await openai.close();
  },

  async 'a key pending across a background restart is still filled'(driver) {
    const { key, openai, innoslate } = await createKeyAndSend(driver);
    await driver.stopBackground();
    await innoslate.goto(`${CLOUD}${PREFS_PATH}`);
    await fillOnChoice(innoslate, key);
    await innoslate.close();
    await openai.close();
  },
};

/** The 2026 pages' part of the key's trip (run with the 2026 guide scenarios). */
export const keyScenarios2026 = {
  async '2026 layout: the key from the new "Save your key" (a field without a name) is captured, guided and filled'(driver) {
    await captureGuideAndFill(driver, '2026');
  },
};

/** Run last in a browser that saw keys: no console line and no profile file holds one. */
export async function expectNoKeyLeft(driver) {
  const keys = driver.seenKeys ?? [];
  assert.ok(keys.length > 0, 'the browser saw a key');
  for (const key of keys) {
    assert.ok(!driver.consoleLines.join('\n').includes(key.slice(8, 40)), 'a key reached a console');
  }
  await driver.close({ keepProfile: true });
  for (const key of keys) {
    assert.deepEqual(await profileFilesContaining(driver.profile, key.slice(8, 60)), [], 'a key was written to the profile');
  }
}
