// The key's record after the transfer, in Chromium: what is kept in
// storage.local after a whole transfer (and that neither storage nor the
// profile on disk holds the key), the popup's view of Innoslate's current
// key, its expiry set by the admin, the toolbar badge and the notifications
// driven by the alarm handler under a controlled clock, deleting a record,
// and records of another Innoslate origin kept apart.
//
// Headless Chromium cannot show the prompt of permissions.request, and the
// "notifications" permission cannot be granted from chrome://extensions as
// host access can. The notification test therefore stands in for the
// browser's notifications API in the service worker (a recorder with the
// API's create/clear/onClicked shape, and permissions.contains answering
// yes for it) and checks what the background's real reminder code asks it
// to show, and when.
import { test, expect } from '@playwright/test';
import { startPracticeSite } from '../../practice-site/server.mjs';
import { launchWithExtension } from '../../support/extension-browser.mjs';
import { overlayProbe } from '../../support/overlay-probe.mjs';
import { createKeyAndSend } from '../../scenarios/key-capture.mjs';
import { expectNoTraceOfKey } from '../../support/profile-scan.mjs';
import { inContentScript } from '../../support/content-world.mjs';
import { savedKeyRecord, storeKeyRecords } from '../../support/key-records.mjs';

const DAY = 86_400_000;
const CLOUD = 'https://cloud.innoslate.com';
const SELF_HOSTED = 'https://innoslate.example.test';

let site;
let browser;

test.beforeAll(async () => { site = await startPracticeSite(); });
test.afterAll(async () => { await site?.close(); });
test.beforeEach(async () => { browser = await launchWithExtension(site); });
test.afterEach(async () => { await browser?.close(); });

async function openPopup() {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  return page;
}

const storedRecords = () => browser.worker.evaluate(async () => (await chrome.storage.local.get('key.records'))['key.records'] ?? {});
const badge = () => browser.worker.evaluate(() => chrome.action.getBadgeText({}));

/** Grants access to api.openai.com the way an admin can without a prompt. */
async function grantApiAccess() {
  const page = await browser.context.newPage();
  await page.goto('chrome://extensions/');
  await page.evaluate((id) => chrome.developerPrivate.addHostPermission(id, 'https://api.openai.com/*'), browser.extensionId);
  await page.close();
}

/**
 * A whole transfer: a key made on the practice platform, tested with
 * OpenAI's replica from the popup while on its way, filled into both fields
 * of Organization Preferences, then saved there by the admin.
 */
async function transferAndSave() {
  await grantApiAccess();
  const openai = await browser.context.newPage();
  const { key, innoslate } = await createKeyAndSend(browser.context, openai);
  const popup = await openPopup();
  await popup.locator('#vault-live').click();
  await expect(popup.locator('#vault-live-report[data-verdict="works"]')).toBeVisible();
  await popup.close();
  await innoslate.goto(`${CLOUD}/acme/admin/preferences`);
  const probe = await overlayProbe(innoslate);
  await probe.until((s) => s.callout && s.callout.buttons.some((b) => b.text === 'Fill Both'));
  await probe.press('Fill Both');
  // Each feature's provider set to OpenAI, as the guide asks, before Save.
  await probe.until((s) => s.callout && s.callout.labelText === 'Make Chat AI use your key');
  await innoslate.getByRole('region', { name: 'Chat AI' }).getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'OpenAI' });
  await probe.until((s) => s.callout && s.callout.labelText === 'Make Image AI use your key');
  await innoslate.getByRole('group', { name: 'Image AI provider' }).getByRole('radio', { name: 'OpenAI' }).check();
  await probe.until((s) => s.callout && s.callout.labelText === 'Check and save');
  await expect.poll(async () => (await storedRecords())[CLOUD]?.length ?? 0).toBe(1);
  expect((await storedRecords())[CLOUD][0].saved).toBe(false);
  await innoslate.getByRole('button', { name: 'Save' }).click();
  await expect(innoslate.locator('#save-result')).toContainText('chat-openai=set image-openai=set');
  await expect.poll(async () => (await storedRecords())[CLOUD][0].saved).toBe(true);
  return { key, innoslate, openai };
}

test('after a whole transfer the record is in storage.local, the popup shows it, and no trace of the key is kept', async () => {
  const started = Date.now();
  const { key, innoslate } = await transferAndSave();
  const [record] = (await storedRecords())[CLOUD];
  // Content scripts can neither read the records nor delete one.
  const read = await inContentScript(innoslate, "chrome.storage.local.get('key.records').then((v) => JSON.stringify(v), (e) => 'refused: ' + e.message)");
  expect(read).toMatch(/^refused: /);
  const deleted = await inContentScript(innoslate, `chrome.runtime.sendMessage({ kind: 'key_record_delete', id: ${JSON.stringify(record.id)}, origin: ${JSON.stringify(CLOUD)} })`);
  expect(deleted).toEqual({ ok: false });
  expect((await storedRecords())[CLOUD]).toHaveLength(1);
  expect(record).toMatchObject({
    origin: CLOUD,
    masked: `sk-...${key.slice(-4)}`,
    owner: 'You',
    permissions: 'Restricted',
    api_organization: 'org-practice',
    personal: false,
    fields: ['chat_ai', 'image_ai'],
    saved: true,
    live: 'works',
    expires_ms: null,
    expiry: '',
  });
  expect(record.created_ms).toBeGreaterThanOrEqual(started);
  expect(record.created_ms).toBeLessThanOrEqual(Date.now());
  // Nothing expires, so no reminder is scheduled and no badge shown.
  expect(await browser.worker.evaluate(() => chrome.alarms.getAll())).toEqual([]);
  expect(await badge()).toBe('');

  const popup = await openPopup();
  await expect(popup.locator('#record-held')).toBeVisible();
  await expect(popup.locator('#record-masked')).toHaveText(`sk-...${key.slice(-4)}`);
  await expect(popup.locator('#record-fields')).toHaveText(`Chat AI and Image AI at ${CLOUD}`);
  await expect(popup.locator('#record-saved')).toHaveText(/^Yes/);
  await expect(popup.locator('#record-access')).toHaveText('You, Restricted');
  await expect(popup.locator('#record-organization')).toHaveText("Not seen (OpenAI's API: org-practice)");
  await expect(popup.locator('#record-live')).toHaveText(/^OpenAI says this key works/);
  await expect(popup.locator('#record-expires')).toHaveText(/^Not known/);
  await expect(popup.locator('#record-alert')).toBeHidden();

  // No part of the key beyond OpenAI's last four anywhere in storage or on disk.
  await expectNoTraceOfKey(browser, key, expect);
});

/**
 * The record an earlier transfer left, saved in Innoslate, written straight
 * into storage: for tests of what follows a transfer, not of the transfer.
 */
async function seedSavedRecord() {
  const record = savedKeyRecord({ id: 'rec-seeded', project: 'Default project', owner: 'You', permissions: 'Restricted', created_ms: Date.now() - DAY });
  await storeKeyRecords(browser.worker, [record]);
}

test('an expiry the admin sets shows in the popup and on the toolbar; the record can be deleted', async () => {
  const { key } = await transferAndSave();
  const popup = await openPopup();
  await expect(popup.locator('#record-expiry-form')).toBeVisible();
  // Five days from today, where the admin is: the end of that day.
  const day = new Date(Date.now() + 5 * DAY);
  const iso = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
  await popup.getByLabel('Expiry date shown by OpenAI').fill(iso);
  await popup.getByRole('button', { name: 'Set expiry' }).click();
  await expect(popup.locator('#record-status')).toHaveText('Expiry saved.');
  const expires = new Date(day.getFullYear(), day.getMonth(), day.getDate(), 23, 59, 59).getTime();
  expect((await storedRecords())[CLOUD][0].expires_ms).toBe(expires);
  const daysLeft = Math.ceil((expires - Date.now()) / DAY);
  await expect(popup.locator('#record-expires')).toContainText(`(in ${daysLeft} days)`);
  // Within the reminder window: said prominently.
  await expect(popup.locator('#record-alert')).toHaveText(new RegExp(`^This key expires in ${daysLeft} days\\. Replace it before then`));
  await expect.poll(badge).toBe(`${daysLeft}d`);
  const alarm = await browser.worker.evaluate(() => chrome.alarms.get('key-reminder'));
  expect(alarm.scheduledTime).toBe(expires - (daysLeft - 1) * DAY);

  // "Replace this key" opens OpenAI's keys page, where the guide starts.
  const opened = browser.context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Replace this key' }).click();
  expect((await opened).url()).toBe('https://platform.openai.com/api-keys');

  // Clearing the expiry takes the badge and the alarm away; deleting forgets the key.
  const again = await openPopup();
  await again.getByRole('button', { name: 'Clear expiry' }).click();
  await expect(again.locator('#record-expires')).toHaveText(/^Not known/);
  await expect.poll(badge).toBe('');
  expect(await browser.worker.evaluate(() => chrome.alarms.getAll())).toEqual([]);
  await again.getByRole('button', { name: 'Delete this record' }).click();
  await expect(again.locator('#record-status')).toHaveText('Record deleted.');
  await expect(again.locator('#record-none')).toBeVisible();
  expect(await storedRecords()).toEqual({});
  expect(JSON.stringify(await browser.worker.evaluate(() => chrome.storage.local.get(null)))).not.toContain(key.slice(-4));
});

test('the alarm handler under a controlled clock: the badge from 14 days, one notification at 14, 7 and 1 days, then expired', async () => {
  await seedSavedRecord();
  const expires = Date.now() + 30 * DAY;
  const popup = await openPopup();
  await popup.evaluate(async (at) => {
    const [record] = (await chrome.storage.local.get('key.records'))['key.records']['https://cloud.innoslate.com'];
    await chrome.runtime.sendMessage({ kind: 'key_record_expiry', id: record.id, origin: record.origin, expires_ms: at });
  }, expires);
  await expect.poll(badge).toBe('');

  // Notifications allowed (see the top of this file), and a clock the test sets.
  await browser.worker.evaluate(() => {
    globalThis.shownNotifications = [];
    const listeners = [];
    const notifications = {
      create: async (id, options) => { globalThis.shownNotifications.push({ id, ...options }); return id; },
      clear: async () => true,
      onClicked: {
        addListener: (f) => listeners.push(f),
        hasListener: (f) => listeners.includes(f),
        dispatch: (id) => listeners.forEach((f) => f(id)),
      },
    };
    // Chromium has both namespaces, as separate objects; the background uses `browser`.
    for (const ns of [globalThis.browser, chrome].filter(Boolean)) {
      Object.defineProperty(ns, 'notifications', { configurable: true, value: notifications });
      const contains = ns.permissions.contains.bind(ns.permissions);
      Object.defineProperty(ns.permissions, 'contains', {
        configurable: true,
        value: async (query) => (query.permissions?.includes('notifications') ? true : contains(query)),
      });
    }
    const real = Date.now.bind(Date);
    globalThis.clockOffset = 0;
    Date.now = () => real() + globalThis.clockOffset;
    // The background registers its click listener once the permission is added.
    chrome.permissions.onAdded.dispatch({ permissions: ['notifications'], origins: [] });
  });
  const at = async (before) => {
    await browser.worker.evaluate(([e, b]) => {
      globalThis.clockOffset = e - b - Date.now() + globalThis.clockOffset;
      chrome.alarms.onAlarm.dispatch({ name: 'key-reminder', scheduledTime: Date.now() });
    }, [expires, before]);
  };
  const shown = () => browser.worker.evaluate(() => globalThis.shownNotifications.map((n) => ({ title: n.title, message: n.message, id: n.id })));

  await at(20 * DAY);
  await expect.poll(badge).toBe('');
  await at(14 * DAY - 60_000);
  await expect.poll(badge).toBe('14d');
  await expect.poll(async () => (await shown()).length).toBe(1);
  const [first] = await shown();
  expect(first.title).toBe('Innoslate\u2019s OpenAI key expires in 14 days');
  expect(first.message).toBe('The key \u201cInnoslate\u201d (sk-...7fGh) used by https://cloud.innoslate.com stops working then, and Chat AI and Image AI with it. Open Innoslate Key Assistant to replace it.');
  // The same day again, and the day after: no second notification.
  await at(14 * DAY - 3_600_000);
  await at(13 * DAY - 60_000);
  await expect.poll(badge).toBe('13d');
  expect((await shown()).length).toBe(1);
  await at(7 * DAY - 60_000);
  await expect.poll(async () => (await shown()).length).toBe(2);
  expect((await shown())[1].title).toBe('Innoslate\u2019s OpenAI key expires in 7 days');
  await at(DAY - 60_000);
  await expect.poll(async () => (await shown()).length).toBe(3);
  expect((await shown())[2].title).toBe('Innoslate\u2019s OpenAI key expires within a day');
  await expect.poll(badge).toBe('1d');
  // Expired: the badge says so, nothing more is scheduled or shown.
  await at(-60_000);
  await expect.poll(badge).toBe('!');
  expect(await browser.worker.evaluate(() => chrome.alarms.getAll())).toEqual([]);
  expect((await shown()).length).toBe(3);
  expect(await browser.worker.evaluate(() => chrome.action.getTitle({}))).toBe('Innoslate\u2019s OpenAI key has expired');

  // A click on a reminder opens the popup (in a tab where the browser cannot open it).
  const opened = browser.context.waitForEvent('page', { timeout: 5000 }).catch(() => null);
  await browser.worker.evaluate((id) => chrome.notifications.onClicked.dispatch(id), (await shown())[2].id);
  const page = await opened;
  const popupOpened = page !== null
    ? page.url() === `chrome-extension://${browser.extensionId}/popup/popup.html`
    : await browser.worker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['POPUP'] })).length > 0);
  expect(popupOpened).toBe(true);
});

test('a record for another Innoslate origin never shows as the key of this one', async () => {
  const popup = await openPopup();
  await expect(popup.locator('#record-none')).toContainText(CLOUD);
  const other = {
    id: 'other-1', origin: SELF_HOSTED, masked: 'sk-...Wxyz', name: '', project: '', owner: 'You', permissions: 'All',
    organization: '', api_organization: '', personal: false, created_ms: Date.now(), expires_ms: Date.now() + 2 * DAY,
    expiry: '', fields: ['chat_ai'], saved: true, live: null, live_ms: null,
  };
  // Filed under this origin but naming another: not this origin's either.
  const misfiled = { ...other, id: 'other-2', masked: 'sk-...Mxyz' };
  await browser.worker.evaluate(async ([a, b]) => {
    await chrome.storage.local.set({ 'key.records': { [a.origin]: [a], 'https://cloud.innoslate.com': [b] } });
  }, [other, misfiled]);
  await popup.reload();
  await expect(popup.locator('#record-none')).toBeVisible();
  await expect(popup.locator('#record-held')).toBeHidden();
  // Its near expiry does not reach this origin's toolbar badge either.
  await expect.poll(badge).toBe('');
});
