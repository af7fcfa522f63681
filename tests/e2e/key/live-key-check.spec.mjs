// The live key check in Chromium: "Test with OpenAI" for a key pasted into
// the popup and for the key in transit, against the practice site's
// api.openai.com replica, which answers per scenario key. Each reply class
// as the admin sees it in the popup and in the Innoslate callout, access to
// the API refused and granted, the untested path, and proof that the key
// went only to the API, in the Authorization header, and was never put in a
// page, the console or a file of the profile.
//
// Access to api.openai.com is an optional host permission. Headless Chromium
// cannot show the prompt that permissions.request() opens (the promise never
// settles), so the test grants it the way an admin can without a prompt:
// on the browser's own extensions page (chrome://extensions, "Site access"),
// whose page calls chrome.developerPrivate.addHostPermission. The popup's
// real request() then resolves at once, as it does for an admin who allowed
// it before. The refusal is the value request() gives when the admin presses
// Deny (false), stood in for on the popup page.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdir } from 'node:fs/promises';
import { startPracticeSite } from '../../practice-site/server.mjs';
import { launchWithExtension, ownWindowForOpenedTab } from '../../support/extension-browser.mjs';
import { overlayProbe } from '../../support/overlay-probe.mjs';
import { createKeyAndSend } from '../../scenarios/key-capture.mjs';
import { apiLog, scenarioKey } from '../../practice-site/openai/api.mjs';
import { profileFilesContaining } from '../../support/profile-scan.mjs';
import { inContentScript } from '../../support/content-world.mjs';
import { holdTimers } from '../../support/held-timers.mjs';

const PREFS = 'https://cloud.innoslate.com/acme/admin/preferences';
// Screenshots of the reports as the admin sees them, for review.
const SHOTS = 'target/screenshots/live-check';
const KEYS_PAGE = 'https://platform.openai.com/api-keys';
const BILLING_PAGE = 'https://platform.openai.com/settings/organization/billing';

let site;
let browser;
const consoleLines = [];
/** Every key the tests used, for the scans at the end. */
const usedKeys = new Set();

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  site = await startPracticeSite();
  browser = await launchWithExtension(site);
  const record = (target) => target.on('console', (msg) => consoleLines.push(msg.text()));
  record(browser.worker);
  browser.context.on('page', record);
  await mkdir(SHOTS, { recursive: true }).catch(() => {});
});
test.afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function openPopup() {
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 400, height: 900 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  await expect(popup.locator('#core-status')).toContainText('Ready');
  return popup;
}

/** Grants access to api.openai.com from chrome://extensions, as an admin can. */
async function grantApiAccess() {
  const page = await browser.context.newPage();
  await page.goto('chrome://extensions/');
  await page.evaluate((id) => chrome.developerPrivate.addHostPermission(id, 'https://api.openai.com/*'), browser.extensionId);
  await page.close();
  granted = true;
}
let granted = false;
/** So that each test after the first also runs on its own (`-g`). */
async function withApiAccess() {
  if (!granted) await grantApiAccess();
}

async function pasteAndCheck(popup, key) {
  usedKeys.add(key);
  await popup.getByLabel(/Paste a key/).fill(key);
  await popup.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(popup.locator('#check-result')).toContainText('Innoslate can use this key.');
}

/** The report in `box` as the admin reads it, line by line. */
async function reportIn(popup, box) {
  const verdict = popup.locator(`${box}[data-verdict]`);
  await expect(verdict).toHaveCount(1, { timeout: 15_000 });
  return popup.locator(box).evaluate((el) => ({
    verdict: el.dataset.verdict,
    heading: el.querySelector('.live-verdict')?.textContent ?? '',
    lines: Object.fromEntries([...el.querySelectorAll('li')].map((li) => [li.dataset.check, {
      state: li.dataset.state,
      text: li.textContent,
      link: li.querySelector('a')?.href ?? null,
    }])),
  }));
}

async function testPasted(popup, scenario, { credit = false } = {}) {
  await withApiAccess();
  await pasteAndCheck(popup, scenarioKey(scenario));
  await popup.locator('#check-credit').setChecked(credit);
  await popup.getByRole('button', { name: 'Test with OpenAI' }).click();
  return reportIn(popup, '#check-live-report');
}

test('without access to api.openai.com, the test says so, sends nothing and the key can still go untested', async () => {
  const popup = await openPopup();
  await expect(popup.locator('#live-permission')).toHaveText(/^The first time, your browser asks you to allow the extension to contact api\.openai\.com/);
  await pasteAndCheck(popup, scenarioKey('works'));
  // The admin presses Deny on the browser's prompt.
  await popup.evaluate(() => { chrome.permissions.request = async () => false; });
  const before = apiLog.length;
  await popup.getByRole('button', { name: 'Test with OpenAI' }).click();
  await expect(popup.locator('#check-live-report')).toHaveText(/^Not tested: the extension was not allowed to contact api\.openai\.com\. Nothing else changed; you can still send the key untested/);
  expect(apiLog.length).toBe(before);
  await expect(popup.locator('#check-send')).toBeEnabled();
  await popup.close();
});

test('with access granted, a working key passes every line, and the credit line waits to be asked', async () => {
  await grantApiAccess();
  const popup = await openPopup();
  const before = apiLog.length;
  const report = await testPasted(popup, 'works');
  expect(report.verdict).toBe('works');
  expect(report.heading).toBe('OpenAI says this key works for Chat AI and Image AI.');
  expect(report.lines.known).toEqual({ state: 'pass', text: 'OK: OpenAI knows this key and it is not revoked.', link: null });
  expect(report.lines.list_models.text).toBe('OK: It may list models (Models: Read).');
  expect(report.lines.chat_models.text).toBe('OK: Models it can use for Chat AI: gpt-4.1, gpt-4o, gpt-4o-mini, o3-mini.');
  expect(report.lines.image_models.text).toBe('OK: Models it can use for Image AI: gpt-image-1, dall-e-3.');
  expect(report.lines.call_models.text).toBe('OK: It may call models (Model capabilities: Request, called Write on older pages).');
  expect(report.lines.credit.state).toBe('skipped');
  await expect(popup.locator('#live-permission')).toHaveText('');
  // Only the two free requests, to the API, with the key in the header only.
  const sent = apiLog.slice(before);
  expect(sent.map((r) => `${r.method} ${r.path}${r.search}`).sort()).toEqual(['GET /v1/models', 'POST /v1/moderations']);
  expect(sent.every((r) => r.authorization && r.scenario === 'works')).toBe(true);
  await popup.screenshot({ path: `${SHOTS}/live-check-popup-pass.png`, fullPage: true });
  await popup.close();
});

// Each reply class of the replica, line by line as the popup shows it.
const CLASSES = [
  {
    scenario: 'revoked',
    verdict: 'problem',
    heading: 'OpenAI found a problem with this key.',
    lines: {
      known: ['fail', 'Problem: OpenAI does not know this key: it was revoked or deleted, or it was not copied whole. Create a new key on OpenAI\'s API keys page and use that one instead. Open the API keys page', KEYS_PAGE],
      list_models: ['skipped', 'Not checked: The key is not known to OpenAI.'],
      call_models: ['skipped'],
    },
  },
  {
    scenario: 'no-read',
    verdict: 'problem',
    heading: 'OpenAI found a problem with this key.',
    lines: {
      known: ['pass'],
      list_models: ['fail', 'Problem: It may not list models: the permission Models: Read is missing. On OpenAI\'s API keys page, edit this key\'s permissions: set Models to Read, then test again. Open the API keys page', KEYS_PAGE],
      chat_models: ['skipped'],
      call_models: ['pass'],
    },
  },
  {
    scenario: 'no-request',
    verdict: 'problem',
    heading: 'OpenAI found a problem with this key.',
    lines: {
      known: ['pass'],
      list_models: ['pass'],
      call_models: ['fail', 'Problem: It may not call models: Model capabilities is not set to the level that allows requests. On OpenAI\'s API keys page, edit this key\'s permissions: set Model capabilities itself (not only rows inside it) to Request, called Write on older pages, then test again. Open the API keys page', KEYS_PAGE],
    },
  },
  {
    scenario: 'rate-limit',
    verdict: 'could_not_check',
    heading: 'The test with OpenAI could not be completed. This does not mean the key is wrong.',
    lines: {
      known: ['unknown', 'Could not check: OpenAI is limiting requests right now (rate limit). Test again in a minute or two: the limit lifts by itself. This does not mean the key is wrong; you may also send it untested.'],
      call_models: ['unknown'],
    },
  },
  {
    scenario: 'server-error',
    verdict: 'could_not_check',
    lines: { known: ['unknown', 'Could not check: OpenAI\'s service had a problem answering. Test again in a few minutes, once OpenAI\'s service has recovered. This does not mean the key is wrong; you may also send it untested.'] },
  },
  {
    // Billing not active (429, `code`): an account problem for an owner, not a rate limit.
    scenario: 'billing-code',
    verdict: 'problem',
    heading: 'OpenAI knows this key, but its account\'s billing stops Chat AI and Image AI requests.',
    lines: {
      known: ['pass'],
      list_models: ['skipped', 'Not checked: OpenAI takes no request from this account until its billing is in order.'],
      call_models: ['skipped', 'Not checked: OpenAI takes no request from this account until its billing is in order.'],
      credit: ['fail', 'Problem: Billing is not active on this key\'s OpenAI account, so Chat AI and Image AI requests would fail. An owner of your OpenAI organization must activate billing (a payment method or credit) on OpenAI\'s billing page; testing again before that gets the same answer. Open billing', BILLING_PAGE],
    },
  },
  {
    // The same in an older body's `type`.
    scenario: 'billing-type',
    verdict: 'problem',
    heading: 'OpenAI knows this key, but its account\'s billing stops Chat AI and Image AI requests.',
    lines: {
      known: ['pass'],
      credit: ['fail', 'Problem: Billing is not active on this key\'s OpenAI account, so Chat AI and Image AI requests would fail. An owner of your OpenAI organization must activate billing (a payment method or credit) on OpenAI\'s billing page; testing again before that gets the same answer. Open billing', BILLING_PAGE],
    },
  },
  {
    // A region block: about the place, not the key, and no retry or owner helps.
    scenario: 'region',
    verdict: 'could_not_check',
    heading: 'The test with OpenAI could not be completed. This does not mean the key is wrong.',
    lines: {
      known: ['unknown', 'Could not check: OpenAI\'s API cannot be used from this country or region: this is about the place, not the key. No key, permission or owner can change that; testing again here gets the same answer.'],
      list_models: ['skipped', 'Not checked: OpenAI\'s API takes no request from this country or region.'],
      call_models: ['skipped', 'Not checked: OpenAI\'s API takes no request from this country or region.'],
      credit: ['skipped', 'Not checked: OpenAI\'s API takes no request from this country or region.'],
    },
  },
  {
    scenario: 'no-org',
    verdict: 'problem',
    heading: 'OpenAI found a problem with this key.',
    lines: {
      known: ['fail', 'Problem: OpenAI knows this key but refuses it: the key\'s owner is not a member of an OpenAI organization. Sign in to OpenAI as a member of the organization for Innoslate (its owner can invite you) and create a new key there.'],
      list_models: ['skipped', 'Not checked: OpenAI takes no request with this key until its owner joins an organization.'],
      call_models: ['skipped', 'Not checked: OpenAI takes no request with this key until its owner joins an organization.'],
    },
  },
  {
    scenario: 'other-org',
    verdict: 'could_not_check',
    lines: {
      known: ['unknown', 'Could not check: OpenAI refused the test for naming another organization than the key\'s. The test names none: a proxy on this network may add it. Testing again on this network gets the same answer: test from another one, or send the key untested.'],
      call_models: ['skipped', 'Not checked: OpenAI refused the test\'s requests for naming another organization.'],
    },
  },
  {
    // Completions-only and other non-chat ids first in the list: the lines
    // name the families Innoslate would use, best first.
    scenario: 'non-chat-first',
    verdict: 'works',
    lines: {
      chat_models: ['pass', 'OK: Models it can use for Chat AI: gpt-4.1, gpt-4o-2024-11-20, gpt-4o-mini.'],
      image_models: ['pass', 'OK: Models it can use for Image AI: gpt-image-1, dall-e-2.'],
    },
  },
  {
    scenario: 'malformed',
    verdict: 'could_not_check',
    lines: { known: ['unknown', 'Could not check: OpenAI answered in a way the extension does not recognise. Try the test again in a minute. This does not mean the key is wrong; you may also send it untested.'] },
  },
  {
    scenario: 'new-code',
    verdict: 'could_not_check',
    lines: { known: ['unknown', 'Could not check: OpenAI answered in a way the extension does not recognise. Try the test again in a minute. This does not mean the key is wrong; you may also send it untested.'] },
  },
];

for (const { scenario, verdict, heading, lines } of CLASSES) {
  test(`popup: "${scenario}" reads as ${verdict}, each line with its next step`, async () => {
    const popup = await openPopup();
    const report = await testPasted(popup, scenario);
    expect(report.verdict).toBe(verdict);
    // The heading says whom the report is about: the key, its account's billing, or neither.
    if (heading) expect(report.heading).toBe(heading);
    for (const [check, [state, text, link]] of Object.entries(lines)) {
      expect(report.lines[check]?.state, check).toBe(state);
      if (text) expect(report.lines[check].text, check).toBe(text);
      if (link) expect(report.lines[check].link, check).toBe(link);
    }
    // Never "invalid" for trouble that says nothing about the key.
    if (verdict === 'could_not_check') expect(Object.values(report.lines).some((l) => l.state === 'fail')).toBe(false);
    // A reply the extension recognised never reads as one it does not.
    if (!['malformed', 'new-code'].includes(scenario)) {
      expect(Object.values(report.lines).map((l) => l.text).join(' ')).not.toMatch(/does not recognise|Try the test again/);
    }
    // The check is advice: the key can still be sent.
    await expect(popup.locator('#check-send')).toBeEnabled();
    if (['billing-code', 'region'].includes(scenario)) await popup.screenshot({ path: `${SHOTS}/live-check-popup-${scenario}.png`, fullPage: true });
    if (scenario === 'no-request') {
      await popup.screenshot({ path: `${SHOTS}/live-check-popup-fail.png`, fullPage: true });
      // The report, its links and the test's controls, as assistive technology meets them.
      const axe = await new AxeBuilder({ page: popup }).include('#check-actions').include('#check-live-report').include('section[aria-labelledby="live-title"]').analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
    }
    await popup.close();
  });
}

test('popup: credit is checked only when ticked, and an empty account says where to add credit', async () => {
  const popup = await openPopup();
  const before = apiLog.length;
  const unticked = await testPasted(popup, 'no-quota');
  expect(unticked.lines.credit.state).toBe('skipped');
  expect(apiLog.slice(before).some((r) => r.path === '/v1/chat/completions')).toBe(false);
  await expect(popup.locator('#live-credit-cost')).toContainText('one billed request');
  const ticked = await testPasted(popup, 'no-quota', { credit: true });
  expect(ticked.verdict).toBe('problem');
  expect(ticked.heading).toBe('OpenAI knows this key, but its account\'s billing stops Chat AI and Image AI requests.');
  expect(ticked.lines.credit).toEqual({
    state: 'fail',
    text: 'Problem: The account has no credit left, so Chat AI and Image AI requests would fail. Add credit to the OpenAI account under Settings \u2192 Billing, then test again. Open billing',
    link: BILLING_PAGE,
  });
  expect(apiLog.slice(before).filter((r) => r.path === '/v1/chat/completions')).toHaveLength(1);
  await popup.close();
});

test('popup: an API that does not answer in 10 seconds is "could not check", never invalid', async () => {
  await withApiAccess();
  const popup = await openPopup();
  await pasteAndCheck(popup, scenarioKey('slow'));
  // The replica answers after 12 s; the popup's 10-second limit is held and
  // then made to pass, instead of waited out.
  const limit = await holdTimers(popup, 10_000);
  await popup.getByRole('button', { name: 'Test with OpenAI' }).click();
  await expect.poll(limit.held).toBeGreaterThan(0);
  await popup.waitForTimeout(300);
  await expect(popup.locator('#check-live-report[data-verdict]'), 'nothing is decided before the limit').toHaveCount(0);
  await limit.expire();
  const report = await reportIn(popup, '#check-live-report');
  expect(report.verdict).toBe('could_not_check');
  expect(report.lines.known.text).toBe('Could not check: OpenAI did not answer within 10 seconds. Test again in a minute, or on a faster connection. This does not mean the key is wrong; you may also send it untested.');
  await popup.close();
});

test('the key in transit is tested where it is held; the popup and the Innoslate callout show the report, and it can still be filled', async () => {
  await withApiAccess();
  const popup = await openPopup();
  const key = scenarioKey('no-request');
  await pasteAndCheck(popup, key);
  const opened = browser.context.waitForEvent('page');
  await popup.locator('#check-send').click();
  const innoslate = await opened;
  await innoslate.goto(PREFS);
  const probe = await overlayProbe(innoslate);
  // Untested: the callout offers the test and the fill.
  await probe.until((s) => s.callout && s.callout.text.includes('press \u201cTest with OpenAI\u201d') && s.callout.buttons.some((b) => b.text === 'Fill Chat AI'));

  await popup.locator('#vault-live').click();
  const report = await reportIn(popup, '#vault-live-report');
  expect(report.verdict).toBe('problem');
  expect(report.lines.call_models.state).toBe('fail');
  // The page never saw the key; the callout shows the report without it.
  const shown = await probe.until((s) => s.callout && s.callout.text.includes('Tested with OpenAI: there is a problem with this key.'));
  expect(shown.callout.text).toContain('It may not call models: Model capabilities is not set to the level that allows requests.');
  expect(shown.callout.text).toContain('set Model capabilities itself (not only rows inside it) to Request, called Write on older pages');
  expect(shown.callout.text).not.toContain(key.slice(8, 40));
  expect(shown.callout.buttons.map((b) => b.text)).toContain('Fill Chat AI');
  expect(await innoslate.content()).not.toContain(key.slice(8, 40));
  await popup.screenshot({ path: `${SHOTS}/live-check-popup-in-transit-fail.png`, fullPage: true });

  // The untested-or-failed path still fills, on the admin's choice.
  await probe.press('Fill Chat AI');
  const chat = innoslate.getByRole('region', { name: 'Chat AI' }).getByLabel('OpenAI API Key');
  await expect.poll(() => chat.inputValue()).toBe(key);
  await probe.detach();
  await innoslate.close();
  await popup.close();
});

test('a key captured on OpenAI\'s dialog: tested from the popup, the callout says it works', async () => {
  const openai = await browser.context.newPage();
  const { key, innoslate } = await createKeyAndSend(browser.context, openai);
  usedKeys.add(key);
  await withApiAccess();
  const popup = await openPopup();
  await popup.locator('#vault-live').click();
  const report = await reportIn(popup, '#vault-live-report');
  expect(report.verdict).toBe('works');
  await innoslate.goto(PREFS);
  const probe = await overlayProbe(innoslate);
  await probe.until((s) => s.callout && s.callout.text.includes('Tested with OpenAI: this key works for Chat AI and Image AI.') && s.callout.buttons.some((b) => b.text === 'Fill Chat AI'));
  await popup.screenshot({ path: `${SHOTS}/live-check-popup-in-transit-pass.png`, fullPage: true });
  await probe.detach();
  await popup.locator('#vault-clear').click();
  await Promise.all([popup.close(), innoslate.close(), openai.close()]);
});

// The same reply classes for the key in transit, as the Innoslate callout
// shows them (the conclusion, then each failed or unchecked line and what
// to do), with the fill still offered: the test is advice.
const CALLOUT_CLASSES = [
  ['works', {}, ['Tested with OpenAI: this key works for Chat AI and Image AI.']],
  ['revoked', {}, ['Tested with OpenAI: there is a problem with this key.', 'OpenAI does not know this key: it was revoked or deleted, or it was not copied whole.', 'Create a new key on OpenAI\'s API keys page and use that one instead.']],
  ['no-read', {}, ['Tested with OpenAI: there is a problem with this key.', 'It may not list models: the permission Models: Read is missing.', 'set Models to Read']],
  ['no-request', {}, ['Tested with OpenAI: there is a problem with this key.', 'It may not call models: Model capabilities is not set to the level that allows requests.']],
  ['no-quota', { credit: true }, ['Tested with OpenAI: OpenAI knows this key, but its account\'s billing stops Chat AI and Image AI requests.', 'The account has no credit left, so Chat AI and Image AI requests would fail.', 'Add credit to the OpenAI account under Settings \u2192 Billing, then test again.']],
  ['rate-limit', {}, ['The test with OpenAI could not be completed.', 'OpenAI is limiting requests right now (rate limit).', 'This does not mean the key is wrong']],
  ['server-error', {}, ['The test with OpenAI could not be completed.', 'OpenAI\'s service had a problem answering.']],
  ['malformed', {}, ['The test with OpenAI could not be completed.', 'OpenAI answered in a way the extension does not recognise.']],
  ['new-code', {}, ['The test with OpenAI could not be completed.', 'OpenAI answered in a way the extension does not recognise.']],
  ['billing-code', {}, ['Tested with OpenAI: OpenAI knows this key, but its account\'s billing stops Chat AI and Image AI requests.', 'Billing is not active on this key\'s OpenAI account', 'An owner of your OpenAI organization must activate billing']],
  ['region', {}, ['The test with OpenAI could not be completed.', 'OpenAI\'s API cannot be used from this country or region: this is about the place, not the key.', 'No key, permission or owner can change that']],
];

test('the Innoslate callout shows each reply class for the key in transit, and still offers the fill', async () => {
  test.setTimeout(120_000);
  await withApiAccess();
  const popup = await openPopup();
  let innoslate = null;
  let probe = null;
  for (const [scenario, { credit = false }, expected] of CALLOUT_CLASSES) {
    await pasteAndCheck(popup, scenarioKey(scenario));
    const opened = innoslate ? null : browser.context.waitForEvent('page');
    await popup.locator('#check-send').click();
    if (opened) {
      innoslate = await opened;
      await ownWindowForOpenedTab(popup);
      await innoslate.goto(PREFS);
      probe = await overlayProbe(innoslate);
    }
    // A new key is untested: the callout offers the test again (so what
    // follows cannot be the previous key's report).
    await probe.until((s) => s.callout && s.callout.text.includes('press \u201cTest with OpenAI\u201d'), { timeout: 10_000 });
    await popup.locator('#vault-credit').setChecked(credit);
    await popup.locator('#vault-live').click();
    await expect(popup.locator('#vault-live-report')).toHaveAttribute('data-verdict', /./, { timeout: 15_000 });
    const shown = await probe.until((s) => s.callout && expected.every((text) => s.callout.text.includes(text)), { timeout: 10_000 })
      .catch((error) => { throw new Error(`${scenario}: ${error.message}`); });
    expect(shown.callout.buttons.map((b) => b.text), scenario).toContain('Fill Chat AI');
  }
  await probe.detach();
  await popup.locator('#vault-clear').click();
  await Promise.all([innoslate.close(), popup.close()]);
});

test('with the permission taken back, the held key\'s test says so and sends nothing', async () => {
  const popup = await openPopup();
  await pasteAndCheck(popup, scenarioKey('works'));
  const opened = browser.context.waitForEvent('page');
  await popup.locator('#check-send').click();
  await (await opened).close();
  await popup.evaluate(() => chrome.permissions.remove({ origins: ['https://api.openai.com/*'] }));
  granted = false;
  // The admin refuses again when asked.
  await popup.evaluate(() => { chrome.permissions.request = async () => false; });
  const before = apiLog.length;
  await popup.locator('#vault-live').click();
  await expect(popup.locator('#vault-live-report')).toHaveText(/^Not tested: the extension was not allowed to contact api\.openai\.com/);
  expect(apiLog.length).toBe(before);
  await popup.locator('#vault-clear').click();
  await popup.close();
});

/**
 * Puts the scenario's key in transit from the popup and opens Innoslate's
 * preferences, where the callout offers the fill and the test. Access
 * granted on chrome://extensions takes effect once the extension asks for
 * it from one of its pages (as the popup's Test button does), which here
 * the popup does first.
 */
async function keyOnPreferences(scenario) {
  const popup = await openPopup();
  if (granted) {
    expect(await popup.evaluate((origins) => chrome.permissions.request({ origins }), ['https://api.openai.com/*'])).toBe(true);
  }
  const key = scenarioKey(scenario);
  await pasteAndCheck(popup, key);
  const opened = browser.context.waitForEvent('page');
  await popup.locator('#check-send').click();
  const innoslate = await opened;
  await popup.close();
  await innoslate.goto(PREFS);
  const probe = await overlayProbe(innoslate);
  await probe.until((s) => s.callout && s.callout.buttons.some((b) => b.text === 'Test with OpenAI') && s.callout.buttons.some((b) => b.text === 'Fill Chat AI'));
  return { key, innoslate, probe };
}

/** Clears the key in transit, if it is still held (a fill wipes it). */
async function clearKey() {
  const popup = await openPopup();
  if (await popup.locator('#vault-clear').isVisible()) await popup.locator('#vault-clear').click();
  await popup.close();
}

// The callout's own "Test with OpenAI": the background tests the key it
// holds and the page only ever sees the report.
for (const [scenario, expected, shot] of [
  ['works', ['Tested with OpenAI: this key works for Chat AI and Image AI.'], 'pass'],
  ['no-request', ['Tested with OpenAI: there is a problem with this key.', 'It may not call models: Model capabilities is not set to the level that allows requests.', 'to Request, called Write on older pages'], 'fail'],
  // The account's billing and the place, as the admin reads them: neither
  // is a rate limit, a bad key or something to try again in a minute.
  ['billing-code', ['Tested with OpenAI: OpenAI knows this key, but its account\'s billing stops Chat AI and Image AI requests.', 'Billing is not active on this key\'s OpenAI account, so Chat AI and Image AI requests would fail.', 'An owner of your OpenAI organization must activate billing (a payment method or credit) on OpenAI\'s billing page; testing again before that gets the same answer.'], 'billing'],
  ['region', ['The test with OpenAI could not be completed.', 'OpenAI\'s API cannot be used from this country or region: this is about the place, not the key.', 'No key, permission or owner can change that; testing again here gets the same answer.'], 'region'],
]) {
  test(`callout: Test with OpenAI on "${scenario}" shows the report, and the fill is still offered`, async () => {
    await withApiAccess();
    const { key, innoslate, probe } = await keyOnPreferences(scenario);
    const before = apiLog.length;
    await probe.press('Test with OpenAI');
    const shown = await probe.until((s) => s.callout && expected.every((text) => s.callout.text.includes(text)), { timeout: 15_000 });
    expect(shown.callout.text).not.toContain('Testing the key with OpenAI');
    expect(shown.callout.text).not.toMatch(/rate limit|in a minute|does not recognise|refuses it here|Ask the owner/);
    expect(shown.callout.buttons.map((b) => b.text)).toEqual(expect.arrayContaining(['Fill Chat AI', 'Test with OpenAI']));
    // The popup's free requests, for this key, with the key in the header only; never the billed one.
    const sent = apiLog.slice(before);
    expect(sent.map((r) => `${r.method} ${r.path}${r.search}`).sort()).toEqual(['GET /v1/models', 'POST /v1/moderations']);
    expect(sent.every((r) => r.authorization && r.scenario === scenario)).toBe(true);
    expect(await innoslate.content()).not.toContain(key.slice(8, 40));
    expect(shown.callout.text).not.toContain(key.slice(8, 40));
    await innoslate.screenshot({ path: `${SHOTS}/live-check-callout-${shot}.png` });
    // The report is advice: the failing key still goes in on the admin's click.
    if (scenario === 'no-request') {
      await probe.press('Fill Chat AI');
      const chat = innoslate.getByRole('region', { name: 'Chat AI' }).getByLabel('OpenAI API Key');
      await expect.poll(() => chat.inputValue()).toBe(key);
    }
    await probe.detach();
    await innoslate.close();
    await clearKey();
  });
}

test('callout: while the test runs the callout says so, and an API past its time limit is "could not check"', async () => {
  await withApiAccess();
  const { innoslate, probe } = await keyOnPreferences('slow');
  // The held key is tested in the service worker: its 10-second limit is
  // held there and made to pass once the callout has said the test runs.
  const worker = browser.context.serviceWorkers().at(-1) ?? browser.worker;
  const limit = await holdTimers(worker, 10_000);
  try {
    await probe.press('Test with OpenAI');
    await probe.until((s) => s.callout && s.callout.text.includes('Testing the key with OpenAI\u2026'), { timeout: 5_000 });
    await expect.poll(limit.held).toBeGreaterThan(0);
    await limit.expire();
    const done = await probe.until((s) => s.callout && s.callout.text.includes('The test with OpenAI could not be completed.'), { timeout: 10_000 });
    expect(done.callout.text).toContain('OpenAI did not answer within 10 seconds.');
    expect(done.callout.text).not.toContain('Testing the key with OpenAI');
    expect(done.callout.buttons.map((b) => b.text)).toContain('Fill Chat AI');
  } finally {
    await limit.release();
  }
  await probe.detach();
  await innoslate.close();
  await clearKey();
});

test('callout: a test_held_key without the page\'s offer, or from another site, is refused and sends nothing', async () => {
  await withApiAccess();
  const { innoslate, probe } = await keyOnPreferences('works');
  const before = apiLog.length;
  const guessed = await inContentScript(innoslate, "chrome.runtime.sendMessage({ kind: 'test_held_key', v: 1, offer: 'guessed' })");
  expect(guessed).toMatchObject({ ok: false, code: 'stale_offer' });
  const openai = await browser.context.newPage();
  await openai.goto(KEYS_PAGE);
  // Asked again until the content script has started on the page.
  await expect.poll(() => inContentScript(openai, "chrome.runtime.sendMessage({ kind: 'test_held_key', v: 1, offer: 'guessed' })").catch(() => null))
    .toMatchObject({ ok: false, code: 'not_allowed' });
  expect(apiLog.length).toBe(before);
  // Nothing was recorded: the callout still offers the untested key's test.
  const after = await probe.read();
  expect(after.callout.text).toContain('press \u201cTest with OpenAI\u201d');
  await probe.detach();
  await Promise.all([innoslate.close(), openai.close()]);
  await clearKey();
});

test('callout: without access to api.openai.com, Test with OpenAI says in one line where to allow it, and nothing else changes', async () => {
  const { innoslate, probe } = await keyOnPreferences('works');
  const popup = await openPopup();
  await popup.evaluate(() => chrome.permissions.remove({ origins: ['https://api.openai.com/*'] }));
  granted = false;
  await popup.close();
  const before = apiLog.length;
  await probe.press('Test with OpenAI');
  const told = await probe.until((s) => s.callout && s.callout.text.includes('Not tested: the extension may not contact api.openai.com yet. Open the extension\'s menu and choose Test with OpenAI once to allow it.'), { timeout: 10_000 });
  expect(apiLog.length).toBe(before);
  // No report was recorded; the fill and the test are still offered.
  expect(told.callout.text).toContain('press \u201cTest with OpenAI\u201d');
  expect(told.callout.text).not.toContain('Tested with OpenAI');
  expect(told.callout.buttons.map((b) => b.text)).toEqual(expect.arrayContaining(['Fill Chat AI', 'Test with OpenAI']));
  await probe.detach();
  await innoslate.close();
  await clearKey();
});

test('the keys went to no log, no page and no file of the profile', async () => {
  const text = consoleLines.join('\n');
  for (const key of usedKeys) {
    expect(text).not.toContain(key.slice(8, 40));
    // Never in a URL the replica saw.
    expect(apiLog.every((r) => !r.search.includes(key.slice(8, 40)))).toBe(true);
  }
  await browser.close({ keepProfile: true });
  for (const key of usedKeys) expect(await profileFilesContaining(browser.profile, key.slice(8, 60))).toEqual([]);
  await browser.close();
  browser = null;
});
