// When and where the key is written, against pages that try to catch it:
// only on a page recognised as Organization Preferences and only when the
// admin presses Fill; elsewhere only into the one field the admin picks, if
// it stayed in place; never after the page moved itself; the Save pointer
// is the filled form's own; and nothing a content script claims about
// tabs, fills, settings or the page's size is taken on trust.
import { test, expect } from '@playwright/test';
import { useExtensionBrowser, keyWaiting } from '../../support/extension-browser.mjs';
import { overlayProbe } from '../../support/overlay-probe.mjs';
import { createKeyAndSend } from '../../scenarios/key-capture.mjs';
import { inContentScript, withPageFacts } from '../../support/content-world.mjs';

const ORIGIN = 'https://cloud.innoslate.com';
const PREFS = `${ORIGIN}/acme/admin/preferences`;
const DISCUSSION = `${ORIGIN}/acme/p/7/discussions/42`;

const env = useExtensionBrowser(test, { per: 'worker' });

const vaultHeld = () => keyWaiting(env.browser);

async function keyOnItsWay() {
  const openai = await env.browser.context.newPage();
  return createKeyAndSend(env.browser.context, openai);
}

/**
 * Chooses "Fill a field I pick" and clicks `at` as an admin does: the
 * pointer rests there for the settle time first.
 */
async function pickAt(page, probe, at) {
  await probe.press('Fill a field I pick');
  // The last pick's refusal, if any, makes way for the new choice.
  await probe.until((s) => s.callout && !/Nothing was filled/.test(s.callout.text));
  await page.mouse.move(at.x, at.y);
  await page.waitForTimeout(500);
  await page.mouse.click(at.x, at.y);
}

const center = async (locator) => {
  const box = await locator.boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2, box };
};

test('a discussion whose content imitates the key field gets no key, only a warning in our words', async () => {
  const { key, innoslate } = await keyOnItsWay();
  await innoslate.goto(DISCUSSION);
  const bait = innoslate.getByLabel('OpenAI API Key');
  await expect(bait).toBeVisible();
  await innoslate.waitForTimeout(1500);
  await expect(bait).toHaveValue('');
  const probe = await overlayProbe(innoslate);
  const shown = await probe.until((s) => s.callout && s.callout.labelText === 'This is not Organization Preferences');
  expect(shown.callout.text).toContain('This page does not look like Organization Preferences.');
  expect(shown.callout.text).not.toContain('/discussions/');
  const labels = shown.callout.buttons.map((b) => b.text);
  expect(labels).toContain('Fill a field I pick');
  expect(labels.filter((l) => l.startsWith('Fill ') && l !== 'Fill a field I pick')).toEqual([]);
  await expect(bait).toHaveValue('');
  expect(await vaultHeld()).not.toBeNull();
  expect(key).toMatch(/^sk-proj-/);
});

test('"Fill a field I pick" refuses a field slid under the pointer, then fills a field that stayed put', async () => {
  const { key, innoslate } = await keyOnItsWay();
  await innoslate.goto(`${DISCUSSION}?move=1`);
  const probe = await overlayProbe(innoslate);
  await probe.until((s) => s.callout && s.callout.buttons.some((b) => b.text === 'Fill a field I pick'));
  const notes = innoslate.getByLabel('Notes');
  const slider = innoslate.getByRole('textbox', { name: 'Slider' });
  const target = await center(notes);

  await probe.press('Fill a field I pick');
  await innoslate.waitForTimeout(500);
  // The pointer's move makes the page slide a field under it and focus it;
  // the click then lands on that field.
  await innoslate.mouse.click(target.x, target.y);
  await expect(slider).toBeVisible();
  await probe.until((s) => s.callout && /Nothing was filled/.test(s.callout.text));
  await expect(slider).toHaveValue('');
  await expect(notes).toHaveValue('');
  expect(await vaultHeld()).not.toBeNull();

  // The choice ended with that click: another click fills nothing.
  const sliderAt = await center(slider);
  await innoslate.mouse.click(sliderAt.x, sliderAt.y);
  await innoslate.waitForTimeout(500);
  await expect(slider).toHaveValue('');

  // A field that has stayed in place, clicked by the admin (beside the
  // field the page left over it), is filled.
  await pickAt(innoslate, probe, { x: target.box.x + 15, y: target.y });
  await expect.poll(() => notes.inputValue()).toBe(key);
  await expect(slider).toHaveValue('');
  expect(await vaultHeld()).toBeNull();
});

test('"Fill a field I pick" refuses a nearly invisible field laid over the one the admin sees, by styles alone', async () => {
  const { key, innoslate } = await keyOnItsWay();
  await innoslate.goto(DISCUSSION);
  const probe = await overlayProbe(innoslate);
  await probe.until((s) => s.callout && s.callout.buttons.some((b) => b.text === 'Fill a field I pick'));
  const notes = innoslate.getByLabel('Notes');
  const target = await center(notes);
  // A post's own field, styled to sit still exactly over Notes: no script
  // moves it, so only how it is drawn gives it away.
  const bait = innoslate.getByRole('textbox', { name: 'Bait' });
  const lay = (look) => innoslate.evaluate(({ box, look }) => {
    document.getElementById('ika-test-bait')?.remove();
    const field = Object.assign(document.createElement('input'), { id: 'ika-test-bait' });
    field.setAttribute('aria-label', 'Bait');
    Object.assign(field.style, { position: 'fixed', left: `${box.x}px`, top: `${box.y}px`, width: `${box.width}px`, height: `${box.height}px`, zIndex: 10, margin: 0 }, look);
    document.body.append(field);
  }, { box: target.box, look });
  for (const look of [{ opacity: '0.02' }, { color: 'transparent', background: 'transparent', border: '0' }]) {
    await lay(look);
    await pickAt(innoslate, probe, target);
    await probe.until((s) => s.callout && /Nothing was filled/.test(s.callout.text));
    await expect(bait, JSON.stringify(look)).toHaveValue('');
    expect(await vaultHeld()).not.toBeNull();
  }
  // Plainly drawn, the same field is the one the admin sees, and is filled.
  await lay({ background: 'white' });
  await pickAt(innoslate, probe, target);
  await expect.poll(() => bait.inputValue()).toBe(key);
  await expect(notes).toHaveValue('');
});

test('a page that moves itself (pushState) as Fill is pressed gets nothing until it is recognised again', async () => {
  const { innoslate } = await keyOnItsWay();
  await innoslate.goto(`${PREFS}?navigate=press`);
  const probe = await overlayProbe(innoslate);
  await probe.until((s) => s.callout && s.callout.buttons.some((b) => b.text === 'Fill Chat AI'));
  await probe.press('Fill Chat AI');
  await innoslate.waitForTimeout(1500);
  expect(new URL(innoslate.url()).pathname).toBe('/acme/p/7/discussions/44');
  for (const field of await innoslate.getByLabel('OpenAI API Key').all()) await expect(field).toHaveValue('');
  // Recognised again: the new path is not Organization Preferences.
  await probe.until((s) => s.callout && s.callout.labelText === 'This is not Organization Preferences');
  expect(await vaultHeld()).not.toBeNull();
});

test('a form drawn again as Fill is pressed gets nothing until its new fields are offered', async () => {
  const { key, innoslate } = await keyOnItsWay();
  await innoslate.goto(`${PREFS}?replace=press`);
  const probe = await overlayProbe(innoslate);
  await probe.until((s) => s.callout && s.callout.buttons.some((b) => b.text === 'Fill Chat AI'));
  const firstChat = await innoslate.locator('#preferences-form input[type=password]').first().elementHandle();
  await probe.press('Fill Chat AI');
  await innoslate.waitForTimeout(1000);
  expect(await firstChat.evaluate((el) => [el.isConnected, el.value])).toEqual([false, '']);
  for (const field of await innoslate.getByLabel('OpenAI API Key').all()) await expect(field).toHaveValue('');
  expect(await vaultHeld()).not.toBeNull();
  // The new form is recognised and offered again; now the press fills it.
  await probe.until((s) => s.callout && s.callout.buttons.some((b) => b.text === 'Fill Chat AI'));
  await probe.press('Fill Chat AI');
  const chat = innoslate.getByRole('region', { name: 'Chat AI' }).getByLabel('OpenAI API Key');
  await expect.poll(() => chat.inputValue()).toBe(key);
});

test('after the fill the callout points at the filled form\'s Save, not at a "Save" outside it', async () => {
  const { key, innoslate } = await keyOnItsWay();
  await innoslate.goto(`${PREFS}?banner=save`);
  const probe = await overlayProbe(innoslate);
  await probe.until((s) => s.callout && s.callout.buttons.some((b) => b.text === 'Fill Chat AI'));
  await probe.press('Fill Chat AI');
  const chat = innoslate.getByRole('region', { name: 'Chat AI' }).getByLabel('OpenAI API Key');
  await expect.poll(() => chat.inputValue()).toBe(key);
  // Chat AI's provider first; only then Save.
  await probe.until((s) => s.callout && s.callout.labelText === 'Make Chat AI use your key');
  await innoslate.getByRole('region', { name: 'Chat AI' }).getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'OpenAI' });
  const pointed = await probe.until((s) => s.callout && s.callout.labelText === 'Check and save' && !s.spotlight.hidden);
  const formSave = (await center(innoslate.locator('#preferences-form').getByRole('button', { name: 'Save' }))).box;
  const bannerSave = (await center(innoslate.getByRole('complementary', { name: 'Announcement' }).getByRole('button', { name: 'Save' }))).box;
  const inside = (box) => pointed.spotlight.x <= box.x && pointed.spotlight.y <= box.y
    && pointed.spotlight.x + pointed.spotlight.width >= box.x + box.width
    && pointed.spotlight.y + pointed.spotlight.height >= box.y + box.height;
  expect(inside(formSave)).toBe(true);
  expect(inside(bannerSave)).toBe(false);
});

test('a content script\'s claims are not trusted: fill_done from another tab, a named tab, a forged address', async () => {
  const { key, innoslate } = await keyOnItsWay();
  // Another Innoslate tab reports a fill it never made: the key stays.
  const other = await env.browser.context.newPage();
  await other.goto(`${ORIGIN}/acme/admin/other`);
  await other.waitForTimeout(500);
  const claim = await inContentScript(other, "chrome.runtime.sendMessage({ kind: 'fill_done', v: 1, offer: 'any', filled: 1 })");
  expect(claim).toMatchObject({ ok: false, code: 'not_released_here' });
  expect(await vaultHeld()).not.toBeNull();

  // A page report naming another tab changes that tab's progress not at all.
  const keysTab = await env.browser.context.newPage();
  await keysTab.goto('https://platform.openai.com/api-keys');
  await overlayProbe(keysTab).then((p) => p.until((s) => s.callout && s.callout.text.includes('Step 8 of 11')));
  await keysTab.bringToFront();
  const keysTabId = await env.browser.worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0].id);
  const stored = () => env.browser.worker.evaluate((id) => chrome.storage.session.get(`guide.tab.${id}`), keysTabId);
  const before = await stored();
  const login = await env.browser.context.newPage();
  await login.goto('https://auth.openai.com/log-in');
  await login.waitForTimeout(500);
  const named = await inContentScript(login, withPageFacts(`chrome.runtime.sendMessage({ kind: 'page_report', v: 1, tab_id: ${keysTabId}, report: ikaPageFacts.collect().report })`));
  expect(named.ok).toBe(true);
  expect(await stored()).toEqual(before);

  await other.close();
  await innoslate.close();
  // Chromium closes storage.local to content scripts altogether.
  const write = await inContentScript(login, `(async () => {
    try { await chrome.storage.local.set({ 'innoslate.origin': 'https://cloud-innoslate.com' }); return 'written'; }
    catch (_) { return 'refused'; } })()`);
  expect(write).toBe('refused');
  // Where a browser lets content scripts write it (Firefox), such a value is
  // ignored: the address has no permission and no registered script.
  await env.browser.worker.evaluate(() => chrome.storage.local.set({ 'innoslate.origin': 'https://cloud-innoslate.com' }));
  const options = await env.browser.context.newPage();
  await options.goto(`chrome-extension://${env.browser.extensionId}/options/options.html`);
  await expect(options.locator('#destination-status')).toContainText('https://cloud-innoslate.com');
  await expect(options.locator('#destination-status')).toContainText('is ignored');
  await expect(options.getByLabel('Innoslate address')).toHaveValue(ORIGIN);
  const second = await keyOnItsWay();
  expect(new URL(second.innoslate.url()).origin).toBe(ORIGIN);
  expect((await vaultHeld()).destination).toBe(ORIGIN);
  expect(second.key).not.toBe(key);
});

test('a page of 50,000 buttons and megabyte labels makes a bounded report, and an oversized one is refused', async () => {
  // Building the page alone takes most of the usual limit on a shared machine.
  test.setTimeout(90_000);
  await keyOnItsWay();
  const page = await env.browser.context.newPage();
  await page.goto(`${ORIGIN}/acme/p/7/documents/huge`);
  await expect(page.locator('#huge-root')).not.toHaveAttribute('aria-busy', 'true', { timeout: 20_000 });
  const measured = await inContentScript(page, withPageFacts(`(() => {
    const started = performance.now();
    const { report } = ikaPageFacts.collect();
    const texts = [report.url, report.title, ...report.headings, ...report.dialogs.map((d) => d.name),
      ...report.elements.flatMap((e) => [e.role, e.name, e.label, e.placeholder, e.section, e.test_id])];
    return { ms: performance.now() - started, bytes: JSON.stringify(report).length, elements: report.elements.length,
      headings: report.headings.length, dialogs: report.dialogs.length, longest: Math.max(...texts.map((t) => t.length)) };
  })()`));
  console.log(`huge page report: ${JSON.stringify(measured)}`);
  expect(measured.elements).toBeLessThanOrEqual(400);
  expect(measured.headings).toBeLessThanOrEqual(40);
  expect(measured.dialogs).toBeLessThanOrEqual(20);
  expect(measured.longest).toBeLessThanOrEqual(2048);
  expect(measured.bytes).toBeLessThan(400_000);
  // A report over the limits, as a compromised content script could send it.
  const oversized = await inContentScript(page, `chrome.runtime.sendMessage({ kind: 'page_report', v: 1, report: {
    url: location.href, elements: Array.from({ length: 50000 }, (_, id) => ({ id, role: 'button', name: 'b' })) } })`);
  expect(oversized).toMatchObject({ ok: false, code: 'bad_message' });
  const megabyte = await inContentScript(page, `chrome.runtime.sendMessage({ kind: 'page_report', v: 1, report: {
    url: location.href, headings: ['x'.repeat(1 << 20)] } })`);
  expect(megabyte).toMatchObject({ ok: false, code: 'bad_message' });
});

test('the options page reads the address with the browser\'s URL parser: what is not an origin is named and left out, credentials are refused', async () => {
  const options = await env.browser.context.newPage();
  await options.goto(`chrome-extension://${env.browser.extensionId}/options/options.html`);
  const status = options.locator('#destination-status');
  await options.getByLabel('Innoslate address').fill('https://user:pw@cloud.innoslate.com/');
  await options.getByRole('button', { name: 'Save address' }).click();
  await expect(status).toHaveText(/Leave out the user name or password/);
  expect(await options.evaluate(() => chrome.storage.local.get(null))).not.toHaveProperty('innoslate.origin');
  await options.getByLabel('Innoslate address').fill(' HTTPS://Cloud.Innoslate.com:443/acme/admin?tab=ai#keys ');
  await options.getByRole('button', { name: 'Save address' }).click();
  await expect(status).toHaveText('Saved. Keys will only be filled on https://cloud.innoslate.com. Left out, as only the address counts: the path /acme/admin, the query, the fragment.');
  expect(await options.evaluate(() => chrome.storage.local.get(null))).toMatchObject({ 'innoslate.origin': ORIGIN });
});
