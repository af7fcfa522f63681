// The callout by keyboard: the shortcut moves focus into the callout and
// back; Esc and the close button hide it with focus returned, never dropped
// to the page's body; a "Show guide" control stays on the page after Esc,
// close or Pause; focus follows the buttons from step to step; a stray
// Enter right after the shortcut presses nothing, while a keyboard press
// the admin had time to see counts like a click; and inside a page's focus
// trap the callout stays reachable. (The shortcut is fired as the browser
// fires it; see tests/support/keyboard.mjs.)
import { test, expect } from '@playwright/test';
import { useExtensionBrowser, keyWaiting } from '../../support/extension-browser.mjs';
import { overlayProbe, showing } from '../../support/overlay-probe.mjs';
import { hasFocus, pressShortcut, tabToCalloutButton, tabTo, tabUntil } from '../../support/keyboard.mjs';
import { createKey } from '../../scenarios/key-capture.mjs';

const env = useExtensionBrowser(test, { per: 'worker' });
const KEYS = 'https://platform.openai.com/api-keys';
const TOO_SOON = /This box had only just appeared or moved/;

const bodyHasFocus = (page) => page.evaluate(() => !document.activeElement || document.activeElement === document.body);

async function openKeysPage(url = KEYS) {
  const page = await env.browser.context.newPage();
  await page.goto(url);
  const probe = await overlayProbe(page, { keyboard: true });
  await probe.until(showing(8));
  return { page, probe };
}

test('the shortcut moves focus into the callout and, pressed again, back to where it was', async () => {
  const { page, probe } = await openKeysPage();
  const create = page.getByRole('button', { name: 'Create new secret key' });
  await tabTo(page, create);
  await pressShortcut(env.browser, page);
  await probe.until((s) => s.focus === 'callout');
  expect(await page.evaluate(() => document.activeElement.localName)).toBe('ika-guide-overlay');
  // Tab moves among the callout's own buttons.
  await tabToCalloutButton(page, probe, 'I\u2019ve done this');
  await pressShortcut(env.browser, page);
  await expect.poll(() => hasFocus(create)).toBe(true);
  expect((await probe.read()).focus).toBeNull();
  // The callout mentions the shortcut, once: not on the next page load. In
  // a browser just started, the tip may come a moment after the callout
  // (the background never waits for the browser's commands to draw one).
  await probe.until((s) => s.callout?.text.includes('Alt+Shift+K'));
  await page.reload();
  const again = await overlayProbe(page, { keyboard: true });
  await again.until(showing(8));
  await page.waitForTimeout(500);
  expect((await again.read()).callout.text).not.toContain('Alt+Shift+K');
});

test('a page still drawing itself while its first callout is on the way still gets the shortcut tip', async () => {
  const page = await env.browser.context.newPage();
  // Controls keep coming for the first moments, as on a busy app: the
  // report that brought the tip is overtaken by newer ones.
  await page.addInitScript(() => {
    let added = 0;
    const timer = setInterval(() => {
      if (!document.body) return;
      document.body.append(Object.assign(document.createElement('button'), { textContent: `Late ${added}` }));
      added += 1;
      if (added > 60) clearInterval(timer);
    }, 5);
  });
  await page.goto(KEYS);
  const probe = await overlayProbe(page);
  await probe.until(showing(8));
  await probe.until((s) => s.callout.text.includes('Alt+Shift+K'), { timeout: 4000 });
});

test('the shortcut tip still comes when the page moved on a step while its first callout was on the way', async () => {
  const page = await env.browser.context.newPage();
  // The create dialog opens just after the content scripts sent the keys
  // page's first report (they ask the page world to watch, then report:
  // page-changes.js's WATCH event, which any page can hear).
  // (The page draws itself from a module script: the button may come later.)
  await page.addInitScript(() => {
    const openDialog = () => {
      const create = [...document.querySelectorAll('button')].find((b) => b.textContent.includes('Create new secret key'));
      if (create) create.click();
      else setTimeout(openDialog, 10);
    };
    document.addEventListener('ika-watch-page', () => setTimeout(openDialog, 0), { once: true });
  });
  // Meanwhile the background is busy, as on a loaded machine: the reply that
  // brings the tip, for the keys page, comes after the dialog's report.
  const busy = env.browser.worker.evaluate(() => { const until = Date.now() + 2500; while (Date.now() < until); });
  await page.goto(KEYS);
  await busy;
  const probe = await overlayProbe(page);
  await probe.until(showing(9));
  await probe.until((s) => s.callout.text.includes('Alt+Shift+K'), { timeout: 4000 });
});

test('Esc hides the callout, gives focus back, and leaves a "Show guide" control that brings it back', async () => {
  const { page, probe } = await openKeysPage();
  const create = page.getByRole('button', { name: 'Create new secret key' });
  await tabTo(page, create);
  await pressShortcut(env.browser, page);
  await probe.until((s) => s.focus === 'callout');
  await page.keyboard.press('Escape');
  const hidden = await probe.until((s) => s.hostHidden);
  expect(await hasFocus(create)).toBe(true);
  // Small, and off the page's controls: in the corner.
  expect(hidden.showGuide).not.toBeNull();
  expect(hidden.showGuide.width * hidden.showGuide.height).toBeLessThan(150 * 50);
  const size = page.viewportSize();
  expect(hidden.showGuide.x).toBeGreaterThan(size.width * 0.75);
  expect(hidden.showGuide.y).toBeGreaterThan(size.height * 0.75);
  // Reached with Tab like any control, pressed with Enter.
  await tabUntil(page, async () => (await probe.read()).focus === 'Show guide', { what: '"Show guide"' });
  await page.keyboard.press('Enter');
  const back = await probe.until((s) => !s.hostHidden && s.focus === 'callout');
  expect(back.showGuide).toBeNull();
});

test('the close button hides the callout like Esc; the shortcut shows it again', async () => {
  const { page, probe } = await openKeysPage();
  await pressShortcut(env.browser, page);
  await probe.until((s) => s.focus === 'callout');
  await tabToCalloutButton(page, probe, '\u00d7');
  await page.keyboard.press('Space');
  const hidden = await probe.until((s) => s.hostHidden);
  // Nothing had focus before the callout: focus goes to "Show guide".
  expect(hidden.focus).toBe('Show guide');
  expect(await bodyHasFocus(page)).toBe(false);
  await pressShortcut(env.browser, page);
  await probe.until((s) => !s.hostHidden && s.focus === 'callout');
});

test('Pause guide by keyboard leaves a focused "Show guide"; Enter resumes with focus in the callout', async () => {
  const { page, probe } = await openKeysPage();
  await pressShortcut(env.browser, page);
  await probe.until((s) => s.focus === 'callout');
  await tabToCalloutButton(page, probe, 'Pause guide');
  await page.keyboard.press('Enter');
  const paused = await probe.until((s) => !s.callout && s.showGuide !== null);
  expect(paused.focus).toBe('Show guide');
  await page.keyboard.press('Enter');
  await probe.until((s) => showing(8)(s) && s.focus === 'callout' && s.showGuide === null);
});

test('after "I\u2019ve done this" and "Back" focus stays on the matching button, never on the body', async () => {
  const { page, probe } = await openKeysPage(`${KEYS}?missing=create-button`);
  await pressShortcut(env.browser, page);
  await probe.until((s) => s.focus === 'callout');
  await tabToCalloutButton(page, probe, 'I\u2019ve done this');
  await page.keyboard.press('Enter');
  await probe.until((s) => showing(9)(s) && s.focus === 'I\u2019ve done this');
  await tabToCalloutButton(page, probe, 'Back', { back: true });
  await page.keyboard.press('Enter');
  await probe.until((s) => showing(8)(s) && s.focus === 'Back');
  expect(await bodyHasFocus(page)).toBe(false);
});

// Alone: on a busy machine the early Enter comes too late to test anything.
test('a stray Enter right after the shortcut sends nothing; Enter on the button once seen sends the key', { tag: '@alone' }, async () => {
  const page = await env.browser.context.newPage();
  await page.goto(`${KEYS}?open=create&permissions=restricted`);
  const dialog = page.getByRole('dialog', { name: 'Create new secret key' });
  await dialog.getByRole('group', { name: 'Models', exact: true }).getByRole('radio', { name: 'Read' }).check();
  await dialog.getByRole('group', { name: 'Model capabilities', exact: true }).getByRole('radio', { name: 'Write' }).check();
  await dialog.getByRole('button', { name: 'Create secret key' }).click();
  const probe = await overlayProbe(page, { keyboard: true });
  await probe.until((s) => s.callout && s.callout.buttons.some((b) => b.text === 'Send key to Innoslate'));
  await page.waitForTimeout(1000);
  // Straight in and Enter: the callout itself has focus, Enter presses nothing.
  // The shortcut restarts the settle clock, so it is timed from there.
  const started = Date.now();
  await pressShortcut(env.browser, page);
  await probe.until((s) => s.focus === 'callout');
  await page.keyboard.press('Enter');
  // Tab to the button and Enter at once: too soon after the shortcut.
  await tabToCalloutButton(page, probe, 'Send key to Innoslate');
  await page.keyboard.press('Enter');
  test.skip(Date.now() - started >= 450, 'the machine was too slow to press early');
  await probe.until((s) => TOO_SOON.test(s.callout.text));
  expect(await keyWaiting(env.browser)).toBeNull();
  // Seen for a while: Enter counts like a click. Focus is still on the
  // button (the refusal's message must not move it); the key waiting in the
  // background is the effect, read directly rather than through the new
  // tab's event, which a loaded machine may deliver late.
  // The refusal's message may grow the callout and move it: wait, as a
  // person would, until the button has stayed in one place for a while.
  const sendButton = async () => (await probe.read()).callout.buttons.find((b) => b.text === 'Send key to Innoslate');
  let seen = await sendButton();
  for (let looks = 0; looks < 6; looks += 1) {
    await page.waitForTimeout(700);
    const now = await sendButton();
    const still = now && seen && now.x === seen.x && now.y === seen.y;
    seen = now;
    if (still) break;
  }
  await probe.until((s) => s.focus === 'Send key to Innoslate');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await keyWaiting(env.browser))?.kind ?? null, { timeout: 10_000 }).toBe('project');
});

test('inside a page dialog that traps focus the callout is reachable and keeps focus', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(`${KEYS}?trap`);
  await page.getByRole('button', { name: 'Create new secret key' }).press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Create new secret key' });
  const name = dialog.getByPlaceholder('My Test Key');
  const probe = await overlayProbe(page, { keyboard: true });
  await probe.until(showing(9));
  // The trap is on: focus moved outside the dialog is pulled back.
  await page.evaluate(() => document.querySelector('nav a').focus());
  expect(await page.evaluate(() => Boolean(document.activeElement.closest('[role=dialog]')))).toBe(true);
  await tabTo(page, name);
  await pressShortcut(env.browser, page);
  await probe.until((s) => s.focus === 'callout');
  await page.waitForTimeout(300);
  expect((await probe.read()).focus).toBe('callout');
  await tabToCalloutButton(page, probe, 'I\u2019ve done this');
  await page.waitForTimeout(300);
  expect((await probe.read()).focus).toBe('I\u2019ve done this');
  // Esc is the callout's: it hides the callout and leaves the page's dialog open.
  await page.keyboard.press('Escape');
  await probe.until((s) => s.hostHidden);
  await expect(dialog).toBeVisible();
  expect(await hasFocus(name)).toBe(true);
});

test('Esc in the callout leaves the page\'s native modal dialog open', async () => {
  const page = await env.browser.context.newPage();
  await createKey(page, `${KEYS}?attack=modal`);
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.attack ?? null)).toBe('modal');
  const probe = await overlayProbe(page, { keyboard: true });
  await probe.until((s) => showing(11)(s) && s.hostParent === 'dialog');
  await pressShortcut(env.browser, page);
  await probe.until((s) => s.focus === 'callout');
  await page.keyboard.press('Escape');
  await probe.until((s) => s.hostHidden);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => Boolean(document.querySelector('dialog:modal')))).toBe(true);
});
