// The popup and the options page meet WCAG 2.2 AA in light mode, dark mode
// and forced colours: axe finds nothing in every state an admin can reach,
// measured contrast of text, focus rings and field borders is enough, both
// pages work in a sensible order from the keyboard without trapping it, and
// what changes (errors, a saved setting, the popup's status line) is
// announced in words that say what to do.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { useExtensionBrowser } from '../../support/extension-browser.mjs';
import { measureContrast } from '../../support/page-contrast.mjs';
import { overlayProbe } from '../../support/overlay-probe.mjs';
import { savedKeyRecord, storeKeyRecords } from '../../support/key-records.mjs';
import { newSecretKey } from '../../practice-site/openai/platform/keygen.js';

const env = useExtensionBrowser(test, { per: 'worker' });

/** Light, dark and forced colours, as Playwright's media emulation sets them. */
const MODES = {
  light: { colorScheme: 'light', forcedColors: 'none' },
  dark: { colorScheme: 'dark', forcedColors: 'none' },
  forced: { colorScheme: 'light', forcedColors: 'active' },
};

async function openPage(path, width) {
  const page = await env.browser.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`chrome-extension://${env.browser.extensionId}/${path}`);
  return page;
}

async function openPopup() {
  const popup = await openPage('popup/popup.html', 360);
  await expect(popup.locator('#core-status')).toContainText('Ready');
  return popup;
}

async function openOptions() {
  const options = await openPage('options/options.html', 900);
  await expect(options.getByLabel('Minutes (1 to 30)')).toHaveValue('10');
  return options;
}

/** The popup's reachable states, each reached from the one before. */
const POPUP_STATES = {
  async idle() {},
  async 'a key checked and refused'(popup) {
    await popup.getByLabel(/Paste a key/).fill('sk-...abcd');
    await popup.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(popup.locator('#check-result')).toContainText('Innoslate cannot use this.');
  },
  async 'a key ready to send'(popup) {
    await popup.getByLabel(/Paste a key/).fill(newSecretKey('proj'));
    await popup.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(popup.locator('#check-send')).toBeVisible();
  },
  async 'a key waiting for Innoslate'(popup) {
    const opened = env.browser.context.waitForEvent('page');
    await popup.locator('#check-send').click();
    await (await opened).close();
    await expect(popup.locator('#vault-held')).toBeVisible();
    await expect(popup.locator('#check-send-status')).not.toBeEmpty();
  },
  async 'Innoslate\u2019s key recorded, expiring soon, of a personal organization'(popup) {
    const now = Date.now();
    const record = {
      id: 'a11y', origin: 'https://cloud.innoslate.com', masked: 'sk-...Ab12', name: '', project: 'Default project',
      owner: 'You', permissions: 'Restricted', organization: 'Personal', api_organization: '', personal: true,
      created_ms: now - 80 * 86_400_000, expires_ms: now + 3 * 86_400_000, expiry: '', fields: ['chat_ai', 'image_ai'],
      saved: true, live: 'works', live_ms: now - 80 * 86_400_000,
    };
    await env.browser.worker.evaluate((r) => chrome.storage.local.set({ 'key.records': { [r.origin]: [r] } }), record);
    await popup.reload();
    await expect(popup.locator('#record-alert')).toContainText('This key expires in 3 days');
    await expect(popup.locator('#record-expiry-form')).toBeVisible();
  },
  async 'a replaced key still active'(popup) {
    const now = Date.now();
    const old = savedKeyRecord({ id: 'a11y-old', masked: 'sk-...Ab12', fields: ['chat_ai'], created_ms: now - 90 * 86_400_000 });
    const current = savedKeyRecord({ id: 'a11y-new', masked: 'sk-...Cd34', name: 'Innoslate 2027', fields: ['chat_ai'], created_ms: now, replaces: old.id });
    await storeKeyRecords(env.browser.worker, [old, current]);
    await popup.reload();
    await expect(popup.locator('#record-old-text')).toContainText('is still active');
    await expect(popup.locator('#record-revoke-dismiss')).toBeVisible();
  },
};

/** The options page's states: a refused address, then saved settings. */
const OPTIONS_STATES = {
  async 'an address refused'(options) {
    await options.getByLabel('Innoslate address').fill('http://innoslate.example.com');
    await options.getByRole('button', { name: 'Save address' }).click();
    await expect(options.locator('#destination-status')).toContainText('https://');
  },
  async 'settings saved'(options) {
    await options.getByRole('button', { name: 'Use cloud.innoslate.com' }).click();
    await expect(options.locator('#destination-status')).toContainText('Saved');
    await options.getByLabel('Minutes (1 to 30)').fill('15');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(options.locator('#ttl-status')).toContainText('Saved');
  },
};

/** axe and the measured text contrast, in every mode, for the page as it is now. */
async function auditEveryMode(page, state) {
  const found = [];
  for (const [mode, media] of Object.entries(MODES)) {
    await page.emulateMedia(media);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
    for (const v of axe.violations) {
      found.push(`${state}, ${mode}: axe ${v.id}: ${v.nodes.map((n) => n.failureSummary.split('\n')[1]?.trim() ?? n.target.join(' ')).join(' | ')}`);
    }
    if (mode === 'forced') continue; // forced colours: the system's palette, checked by axe and the button test
    for (const t of await page.evaluate(measureContrast, 'text')) {
      if (t.ratio < t.needed) found.push(`${state}, ${mode}: "${t.text}" ${t.fg} on ${t.bg} is ${t.ratio}:1, needs ${t.needed}:1`);
    }
  }
  await page.emulateMedia(MODES.light);
  return found;
}

test('the popup: axe finds nothing and every text is readable, in light, dark and forced colours, in each state', async () => {
  test.setTimeout(120_000);
  const popup = await openPopup();
  const found = [];
  for (const [state, reach] of Object.entries(POPUP_STATES)) {
    await reach(popup);
    found.push(...(await auditEveryMode(popup, state)));
  }
  expect(found).toEqual([]);
});

test('the options page: axe finds nothing and every text is readable, in light, dark and forced colours, with an error and after a save', async () => {
  test.setTimeout(120_000);
  const options = await openOptions();
  const found = [];
  for (const [state, reach] of Object.entries(OPTIONS_STATES)) {
    await reach(options);
    found.push(...(await auditEveryMode(options, state)));
  }
  expect(found).toEqual([]);
});

/**
 * Tabs through the page from its start until focus comes back round, and
 * returns each stop with its focus ring measured. Throws if focus stays put
 * (a trap) or never comes back.
 */
async function tabRound(page) {
  // A click on the page's empty top-left corner puts the keyboard's starting point there.
  await page.evaluate(() => { document.activeElement?.blur(); });
  await page.mouse.click(1, 1);
  const stops = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(measureContrast, 'focus');
    if (!stop) continue; // past the last control, focus leaves the document once
    if (stops.length > 0 && stop.name === stops[0].name) return stops;
    if (stops.length > 0 && stop.name === stops.at(-1).name) throw new Error(`focus is stuck on ${stop.name}`);
    stops.push(stop);
  }
  throw new Error(`focus never came back round: ${stops.map((s) => s.name).join(', ')}`);
}

for (const mode of ['light', 'dark']) {
  test(`keyboard, ${mode}: both pages are used top to bottom, every stop shows a focus ring of 3:1, field borders 3:1, no trap`, async () => {
    test.setTimeout(90_000);
    const popup = await openPopup();
    await POPUP_STATES['a key ready to send'](popup);
    const options = await openOptions();
    const found = [];
    const names = {};
    for (const [label, page] of [['popup', popup], ['options', options]]) {
      await page.emulateMedia(MODES[mode]);
      const stops = await tabRound(page);
      names[label] = stops.map((s) => s.name);
      stops.forEach((s, i) => {
        if (s.ring < 2) found.push(`${label}: ${s.name} shows no focus ring`);
        if (s.ringRatio < 3) found.push(`${label}: ${s.name} focus ring ${s.ringRatio}:1`);
        if (s.borderRatio !== null && s.borderRatio < 3) found.push(`${label}: ${s.name} border ${s.borderRatio}:1`);
        const before = stops[i - 1];
        if (before && (s.top < before.top - 4 || (Math.abs(s.top - before.top) <= 4 && s.left < before.left))) {
          found.push(`${label}: ${s.name} comes after ${before.name} but sits above or left of it`);
        }
      });
    }
    expect(found).toEqual([]);
    expect(names.popup).toEqual(['open-keys', 'guide-on', 'A screen looks different from what the guide says?', 'check-input', 'check-submit', 'check-send', 'check-live', 'check-credit', 'options-link']);
    expect(names.options).toEqual(['destination', 'destination-save', 'use-cloud', 'ttl', 'ttl-save']);
  });
}

test('forced colours: the primary button is filled and the secondary one outlined, so they look different', async () => {
  const popup = await openPopup();
  await popup.emulateMedia(MODES.forced);
  // As seen on screen: a transparent button on a page of the same colour looks like a plain one.
  const look = (selector) => popup.evaluate(measureContrast, { look: selector });
  const page = await look('body');
  const primary = await look('#open-keys');
  const secondary = await look('#check-form button[type=submit]');
  expect(primary.background, 'the primary button is filled').not.toBe(page.background);
  expect(primary.background).not.toBe(secondary.background);
  expect(primary.color).not.toBe(secondary.color);
  // The secondary one is outlined in a colour that stands out from the page.
  expect(secondary.border).toMatch(/^solid /);
  expect(secondary.border).not.toBe(`solid ${page.background}`);
});

test('the options page names an error at its field, announces it, and announces a saved setting', async () => {
  const options = await openOptions();
  const field = options.getByLabel('Innoslate address');
  await field.fill('http://innoslate.example.com');
  await options.getByRole('button', { name: 'Save address' }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/Use https:\/\//);
  // The error is in a live region, so a screen reader reads it without moving focus.
  const error = options.locator('#destination-status');
  await expect(error).toHaveAttribute('role', 'status');
  await expect(error).toHaveText(/Use https:\/\//);
  // It sits right below the field, before any help text.
  const [fieldBox, errorBox, helpBox] = await Promise.all(['#destination', '#destination-status', '#destination-help'].map((s) => options.locator(s).boundingBox()));
  expect(errorBox.y).toBeGreaterThanOrEqual(fieldBox.y + fieldBox.height);
  expect(errorBox.y).toBeLessThan(helpBox.y);

  // Typing again clears the error mark; a good address is saved and says so.
  await field.fill('https://cloud.innoslate.com');
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await options.getByRole('button', { name: 'Save address' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved. Keys will only be filled on https://cloud.innoslate.com.' })).toBeVisible();
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await options.getByLabel('Minutes (1 to 30)').fill('5');
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved: 5 minutes.' })).toBeVisible();
});

test('the options page is a settings page: a page title, one section per setting, readable type', async () => {
  const options = await openOptions();
  await expect(options.getByRole('heading', { level: 1 })).toHaveText('Innoslate Key Assistant options');
  await expect(options.getByRole('heading', { level: 2 })).toHaveText(['Your Innoslate', 'How long a sent key waits']);
  const sizes = await options.evaluate(() => Object.fromEntries(['h1', 'h2', 'label', 'p', '#destination'].map((s) => [s, parseFloat(getComputedStyle(document.querySelector(s)).fontSize)])));
  // Body text and fields at 16px at least, headings clearly larger, in steps.
  expect(sizes.p).toBeGreaterThanOrEqual(16);
  expect(sizes['#destination']).toBeGreaterThanOrEqual(16);
  expect(sizes.h2).toBeGreaterThan(sizes.p);
  expect(sizes.h1).toBeGreaterThan(sizes.h2);
});

test('the popup\'s status line speaks to the admin and changes are announced', async () => {
  const popup = await openPopup();
  const line = popup.locator('#core-status');
  await expect(line).toHaveText(/^Ready\. Version \d+\.\d+\.\d+\.$/);
  await expect(popup.locator('#guide-where')).toHaveText('Open OpenAI\'s API keys page with the button below. The guide then takes you through 11 steps there, pointing at each control to use.');
  for (const live of ['#core-status', '#guide-where', '#check-result', '#check-send-status', '#diagnostic-status']) {
    const polite = await popup.locator(live).evaluate((el) => el.getAttribute('aria-live') === 'polite' || ['status', 'output'].includes(el.getAttribute('role') ?? el.localName));
    expect(polite, live).toBe(true);
  }
  // Turning the guide off says how to turn it back on.
  await popup.getByLabel('Show the guide on OpenAI pages').uncheck();
  await expect(popup.locator('#guide-where')).toHaveText('The guide is turned off. Tick "Show the guide on OpenAI pages" to see it again.');
  await popup.getByLabel('Show the guide on OpenAI pages').check();
  await expect(popup.locator('#guide-where')).toContainText('11 steps');
});

test('the popup says where the guide is in the tab and what to do next, running or paused', async () => {
  const openai = await env.browser.context.newPage();
  await openai.goto('https://platform.openai.com/api-keys');
  await (await overlayProbe(openai)).until((s) => Boolean(s.callout));
  // Opened behind the OpenAI tab, the popup page reads that tab as the active one, as the real popup does.
  const opened = env.browser.context.waitForEvent('page');
  await env.browser.worker.evaluate(() => chrome.tabs.create({ url: chrome.runtime.getURL('popup/popup.html'), active: false }));
  const popup = await opened;
  const where = popup.locator('#guide-where');
  await expect(where).toHaveText(/^Step \d+ of 11 in this tab: .+\. Follow the guide on the page; \d+ of 11 steps are done\.$/);
  await popup.getByRole('button', { name: 'Pause' }).click();
  await expect(where).toHaveText(/^The guide is paused at step \d+ of 11: .+\. Choose Resume to carry on\.$/);
  await popup.getByRole('button', { name: 'Resume' }).click();
  await expect(where).toHaveText(/^Step \d+ of 11 in this tab/);
});

test('keyboard: with a key waiting and the diagnostic opened by Enter, every popup control is reached in order with a visible ring', async () => {
  const popup = await openPopup();
  await POPUP_STATES['a key ready to send'](popup);
  await POPUP_STATES['a key waiting for Innoslate'](popup);
  const disclosure = popup.getByText('A screen looks different from what the guide says?');
  await disclosure.focus();
  await popup.keyboard.press('Enter');
  await expect(popup.locator('#diagnostic')).toHaveAttribute('open', '');
  const stops = await tabRound(popup);
  expect(stops.filter((s) => s.ring < 2 || s.ringRatio < 3)).toEqual([]);
  expect(stops.map((s) => s.name)).toEqual([
    'open-keys', 'guide-on', 'A screen looks different from what the guide says?', 'diagnostic-copy',
    'vault-send', 'vault-clear', 'vault-live', 'vault-credit', 'check-input', 'check-submit', 'options-link',
  ]);
});
