// Replacing a recorded key, written once for every browser driver, on both
// practice layouts (whose tables list earlier keys with alike names):
// the replacement started as the popup's "Replace this key" starts it, the
// guide's line naming the old key, the new key captured, filled and saved,
// then the revoke step pointing at the old key's own row action (not at the
// other "Innoslate" row) and at the dialog's confirmation; the row gone, the
// old record is marked revoked.
import assert from 'node:assert/strict';
import { waitFor } from '../support/ui.mjs';
import { savedKeyRecord } from '../support/key-records.mjs';
import { CLOUD, captureGuideAndFill } from './key-transfer.mjs';

const KEYS = 'https://platform.openai.com/api-keys';
// Each layout's row action and confirmation; the older page lists earlier
// keys with ?history=1.
const LAYOUTS = {
  2026: { query: '?layout=2026', action: 'Delete', confirm: 'Delete key' },
  2025: { query: '?layout=2025&history=1', action: 'Revoke secret key', confirm: 'Revoke key' },
};
const OLD = { id: 'rec-a', name: 'Innoslate', masked: 'sk-...7fGh' };
const PAD = 6;

const around = (spot, box) => Boolean(spot && box) && !spot.hidden
  && Math.abs(spot.x - (box.x - PAD)) <= 3 && Math.abs(spot.y - (box.y - PAD)) <= 3
  && Math.abs(spot.width - (box.width + 2 * PAD)) <= 3 && Math.abs(spot.height - (box.height + 2 * PAD)) <= 3;

/** Runs in the page: the box of the button named `name` in the keys row with `masked` (or in the open alert dialog). */
function boxOfButton([masked, name]) {
  const scope = masked
    ? [...document.querySelectorAll('table.keys tbody tr')].find((tr) => tr.textContent.includes(masked))
    : document.querySelector('[role=alertdialog]');
  const button = scope && [...scope.querySelectorAll('button')]
    .find((b) => (b.getAttribute('aria-label') ?? b.textContent.trim()) === name);
  if (!button) return null;
  const r = button.getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
}

async function recordsOf(driver) {
  const popup = await driver.openExtensionPage('popup/popup.html');
  try {
    return await popup.evaluate(async () => ((await (globalThis.browser ?? globalThis.chrome).storage.local.get('key.records'))['key.records'] ?? {})['https://cloud.innoslate.com'] ?? [], null);
  } finally {
    await popup.close();
  }
}

async function replaceAndRevoke(driver, layout) {
  const { query, action, confirm: confirmName } = LAYOUTS[layout];
  const popup = await driver.openExtensionPage('popup/popup.html');
  const started = await popup.evaluate(async (record) => {
    const api = globalThis.browser ?? globalThis.chrome;
    await api.storage.local.set({ 'key.records': { [record.origin]: [record] } });
    // What the popup's "Replace this key" sends before it opens the keys page.
    return api.runtime.sendMessage({ kind: 'key_record_replace', id: record.id, origin: record.origin });
  }, savedKeyRecord({ ...OLD, created_ms: Date.now() - 86_400_000 }));
  await popup.close();
  assert.deepEqual(started, { ok: true });

  const openai = await driver.newPage();
  await openai.goto(`${KEYS}${query}`);
  await openai.waitOverlay((s) => (s.callout?.text ?? '').includes(`Replacing the key ${OLD.name} (${OLD.masked})`));
  const { record } = await captureGuideAndFill(driver, layout);
  assert.equal(record.replaces, OLD.id);

  // Innoslate saved the new key: this tab's keys page shows the revoke step.
  await openai.bringToFront();
  const oldAction = () => openai.evaluate(boxOfButton, [OLD.masked, action]);
  const atRow = await openai.waitOverlay((s) => s.callout?.labelText === 'Revoke the old key' && s.spotlight && !s.spotlight.hidden);
  assert.ok(around(atRow.spotlight, await oldAction()), 'the old key\'s own row action');
  assert.ok(!around(atRow.spotlight, await openai.evaluate(boxOfButton, ['sk-...Wd3e', action])), 'not the other "Innoslate"');
  await openai.evaluate(([masked, name]) => [...document.querySelectorAll('table.keys tbody tr')]
    .find((tr) => tr.textContent.includes(masked)).querySelectorAll('button')
    .forEach((b) => { if ((b.getAttribute('aria-label') ?? b.textContent.trim()) === name) b.click(); }), [OLD.masked, action]);
  const confirm = await openai.waitOverlay((s) => (s.callout?.text ?? '').includes('Revoking: step 2 of 2') && s.spotlight && !s.spotlight.hidden);
  assert.ok(around(confirm.spotlight, await openai.evaluate(boxOfButton, [null, confirmName])), 'the dialog\'s confirmation');
  await openai.evaluate((name) => [...document.querySelectorAll('[role=alertdialog] button')].find((b) => b.textContent === name).click(), confirmName);
  await waitFor('the row gone', async () => (await oldAction()) === null);
  const revoked = await waitFor('the old record revoked', async () => (await recordsOf(driver)).find((r) => r.id === OLD.id && r.revoked_ms));
  assert.ok(revoked.revoked_ms > 0);
  await openai.close();
}

export const replaceScenarios2026 = {
  '2026 layout: a recorded key is replaced, then revoked at its own row and confirmation': (driver) => replaceAndRevoke(driver, '2026'),
};

export const replaceScenarios2025 = {
  '2025 layout: a recorded key is replaced, then revoked at its own row and confirmation': (driver) => replaceAndRevoke(driver, '2025'),
};
