// Replacing Innoslate's key, in Chromium, with trusted clicks throughout, on
// the 2026 layout (the shared scenarios in tests/scenarios/key-replace.mjs
// replace and revoke on both layouts, in Chromium and in Firefox): the
// popup's "Replace this key" for a recorded key A, the guide's
// line naming A while key B is made and sent, the admin's Save in
// Innoslate, then the revoke step pointing at A's row action (never at the
// other key of the same name) and at the confirmation of OpenAI's dialog;
// the admin presses both, the row disappears, and the popup shows A revoked
// and B current. And an admin who skips revoking: the popup says the old key
// is still active until the reminder is dismissed. Neither storage nor the
// profile on disk holds key B.
import { test, expect } from '@playwright/test';
import { startPracticeSite } from '../../practice-site/server.mjs';
import { launchWithExtension } from '../../support/extension-browser.mjs';
import { overlayProbe } from '../../support/overlay-probe.mjs';
import { expectNoTraceOfKey } from '../../support/profile-scan.mjs';
import { savedKeyRecord, storeKeyRecords } from '../../support/key-records.mjs';

const CLOUD = 'https://cloud.innoslate.com';
const KEYS = 'https://platform.openai.com/api-keys';
const PAD = 6;
// Key A: one of the practice table's earlier keys; another "Innoslate" row
// (sk-...Wd3e) has the same name.
const OLD = { id: 'rec-a', name: 'Innoslate', masked: 'sk-...7fGh' };
const LAYOUT = { query: '?layout=2026', action: 'Delete', confirm: 'Delete key', capabilities: 'Request' };

let site;
let browser;

test.beforeAll(async () => { site = await startPracticeSite(); });
test.afterAll(async () => { await site?.close(); });
test.beforeEach(async () => { browser = await launchWithExtension(site); });
test.afterEach(async () => { await browser?.close(); });

const storedRecords = () => browser.worker.evaluate(async () => (await chrome.storage.local.get('key.records'))['key.records'] ?? {});

async function openPopup() {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  return page;
}

/** The record of key A, as an earlier transfer left it. */
async function recordKeyA() {
  await storeKeyRecords(browser.worker, [savedKeyRecord({ ...OLD, project: 'Default project', owner: 'You', permissions: 'Restricted' })]);
}

/** Whether the spotlight's ring surrounds `box`. */
function around(spot, box) {
  return Boolean(spot && box) && !spot.hidden && Math.abs(spot.x - (box.x - PAD)) <= 3 && Math.abs(spot.y - (box.y - PAD)) <= 3
    && Math.abs(spot.width - (box.width + 2 * PAD)) <= 3 && Math.abs(spot.height - (box.height + 2 * PAD)) <= 3;
}

/** Waits until the callout fits `check` and the spotlight surrounds `target`; returns that state. */
async function untilPointedAt(probe, target, check) {
  let state = null;
  await expect.poll(async () => {
    state = await probe.read();
    return Boolean(state && check(state) && around(state.spotlight, await target.boundingBox()));
  }, { timeout: 10_000 }).toBe(true);
  return state;
}

const rowOf = (page, masked) => page.locator('table.keys tbody tr').filter({ hasText: masked });

/**
 * From the popup's "Replace this key" to key B saved in Innoslate: returns
 * the OpenAI tab, its probe, and key B.
 */
async function replaceUntilSaved() {
  const { query, capabilities } = LAYOUT;
  await recordKeyA();
  const popup = await openPopup();
  await expect(popup.locator('#record-name')).toHaveText(OLD.name);
  const opened = browser.context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Replace this key' }).click();
  const openai = await opened;
  await expect(openai).toHaveURL(KEYS);
  // The practice site's layout (and, on the older one, its earlier keys).
  await openai.goto(`${KEYS}${query}`);
  await expect(rowOf(openai, OLD.masked)).toHaveCount(1);
  await expect(rowOf(openai, 'sk-...Wd3e')).toContainText(OLD.name);
  const probe = await overlayProbe(openai);
  await probe.until((s) => s.callout?.text.includes(`Replacing the key ${OLD.name} (${OLD.masked})`));

  // Key B, the usual way.
  await openai.getByRole('button', { name: 'Create new secret key' }).click();
  const dialog = openai.getByRole('dialog', { name: 'Create new secret key' });
  await dialog.getByPlaceholder('My Test Key').fill('Innoslate 2027');
  await dialog.getByRole('radio', { name: 'Restricted' }).check();
  await dialog.getByRole('group', { name: 'Models', exact: true }).getByRole('radio', { name: 'Read' }).check();
  await dialog.getByRole('group', { name: 'Model capabilities', exact: true }).getByRole('radio', { name: capabilities }).check();
  await dialog.getByRole('button', { name: 'Create secret key' }).click();
  const saveDialog = openai.getByRole('dialog', { name: 'Save your key' });
  const key = await saveDialog.getByRole('textbox').inputValue();
  expect(key).toMatch(/^sk-proj-/);
  await probe.until((s) => s.callout?.buttons.some((b) => b.text === 'Send key to Innoslate'));
  const innoslateOpened = browser.context.waitForEvent('page');
  await probe.press('Send key to Innoslate');
  const innoslate = await innoslateOpened;
  await saveDialog.getByRole('button', { name: 'Done' }).click();
  // The new key is listed with its masked form.
  await expect(rowOf(openai, `sk-...${key.slice(-4)}`)).toContainText('Innoslate 2027');

  await innoslate.goto(`${CLOUD}/acme/admin/preferences`);
  const inProbe = await overlayProbe(innoslate);
  await inProbe.until((s) => s.callout?.buttons.some((b) => b.text === 'Fill Both'));
  await inProbe.press('Fill Both');
  await inProbe.until((s) => s.callout?.labelText === 'Make Chat AI use your key');
  await innoslate.getByRole('region', { name: 'Chat AI' }).getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'OpenAI' });
  await innoslate.getByRole('group', { name: 'Image AI provider' }).getByRole('radio', { name: 'OpenAI' }).check();
  await inProbe.until((s) => s.callout?.labelText === 'Check and save');
  await innoslate.getByRole('button', { name: 'Save' }).click();
  await expect(innoslate.locator('#save-result')).toContainText('chat-openai=set image-openai=set');
  await inProbe.detach();
  const newRecord = async () => (await storedRecords())[CLOUD]?.find((r) => r.id !== OLD.id);
  await expect.poll(async () => (await newRecord())?.saved).toBe(true);
  expect(await newRecord()).toMatchObject({ replaces: OLD.id, masked: `sk-...${key.slice(-4)}`, name: 'Innoslate 2027' });
  return { openai, probe, key };
}

test('2026 layout: replace key A by B, then revoke A at its own row and its confirmation', async () => {
  test.setTimeout(90_000);
  const { action, confirm } = LAYOUT;
  const { openai, probe, key } = await replaceUntilSaved();
  await openai.bringToFront();
  const oldAction = rowOf(openai, OLD.masked).getByRole('button', { name: action });
  const sameName = rowOf(openai, 'sk-...Wd3e').getByRole('button', { name: action });
  const atRow = await untilPointedAt(probe, oldAction, (s) => s.callout?.labelText === 'Revoke the old key');
  expect(atRow.callout.text).toContain('Revoking: step 1 of 2');
  expect(around(atRow.spotlight, await sameName.boundingBox())).toBe(false);

  // The admin presses it: the dialog's confirmation, which names key A.
  await oldAction.click();
  const confirmButton = openai.getByRole('alertdialog').getByRole('button', { name: confirm });
  await untilPointedAt(probe, confirmButton, (s) => s.callout?.text.includes('Revoking: step 2 of 2'));
  await confirmButton.click();
  await expect(rowOf(openai, OLD.masked)).toHaveCount(0);
  await expect(rowOf(openai, 'sk-...Wd3e')).toHaveCount(1);
  await expect.poll(async () => (await storedRecords())[CLOUD].find((r) => r.id === OLD.id).revoked_ms).toBeGreaterThan(0);
  await probe.detach();

  const popup = await openPopup();
  await expect(popup.locator('#record-name')).toHaveText('Innoslate 2027');
  await expect(popup.locator('#record-masked')).toHaveText(`sk-...${key.slice(-4)}`);
  await expect(popup.locator('#record-old-text')).toHaveText(new RegExp(`^It replaced \u201c${OLD.name}\u201d \\(sk-\\.\\.\\.7fGh\\), revoked on `));
  await expect(popup.locator('#record-old-actions')).toBeHidden();
  await popup.close();
  await expectNoTraceOfKey(browser, key, expect);
});

test('an admin who skips revoking is told the old key is still active, until they dismiss it', async () => {
  test.setTimeout(90_000);
  const { openai, probe } = await replaceUntilSaved();
  await probe.detach();
  await openai.close();
  const popup = await openPopup();
  await expect(popup.locator('#record-name')).toHaveText('Innoslate 2027');
  await expect(popup.locator('#record-old-text')).toHaveText(`The old key \u201c${OLD.name}\u201d (${OLD.masked}) is still active: anyone with a copy of it can still use it. Revoke it on OpenAI\u2019s API keys page.`);
  await expect(popup.getByRole('button', { name: 'Revoke it on OpenAI' })).toBeVisible();
  // Still said after the popup is opened again.
  await popup.reload();
  await expect(popup.locator('#record-old-text')).toContainText('is still active');
  await popup.getByRole('button', { name: 'Dismiss this reminder' }).click();
  await expect(popup.locator('#record-old')).toBeHidden();
  await expect(popup.locator('#record-status')).toHaveText(/^Reminder dismissed/);
  const old = (await storedRecords())[CLOUD].find((r) => r.id === OLD.id);
  expect(old).toMatchObject({ revoke_dismissed: true, revoked_ms: null });
  // The replacement is over: OpenAI's keys page shows the usual guide again.
  expect(await browser.worker.evaluate(async () => (await chrome.storage.session.get('key.replacing'))['key.replacing'])).toBeUndefined();
});
