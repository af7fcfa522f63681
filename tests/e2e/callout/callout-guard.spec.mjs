// Clickjacking and hiding: a click on "Send key to Innoslate" or a "Fill …"
// button counts only when the callout was really visible and unobstructed,
// and the page cannot hide, move or bury the callout for good. Every attack
// runs in the page's own world (tests/practice-site/attacks/attacks.js, loaded
// by `?attack=NAME` under the page's strict CSP); every click is a real mouse
// click at the button's centre.
import { test, expect } from '@playwright/test';
import { useExtensionBrowser, keyWaiting } from '../../support/extension-browser.mjs';
import { overlayProbe, attackArmed } from '../../support/overlay-probe.mjs';
import { createKeyAndSend, openSaveYourKey } from '../../scenarios/key-capture.mjs';

const env = useExtensionBrowser(test, { per: 'worker' });
const KEYS = 'https://platform.openai.com/api-keys';
const PREFS = 'https://cloud.innoslate.com/acme/admin/preferences';
const COVERED = /Something on the page was covering this button/;
const TOO_SOON = /This box had only just appeared or moved/;

const vaultNow = () => keyWaiting(env.browser);

// What a click at the callout's first button reaches, seen from the page's
// own world, wherever the callout is now: the page's dialog or popover takes
// focus, and the callout moves off the focused element, so a position read
// earlier may be stale.
async function hitAtFirstButton(page, probe) {
  const button = (await probe.read())?.callout?.buttons[0];
  return button ? page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.localName, button) : null;
}

/** A real click at a button's centre, after the settle time has passed. */
async function clickAfterSettling(page, probe, text) {
  await page.waitForTimeout(900);
  const state = await probe.read();
  const button = state.callout.buttons.find((b) => b.text === text);
  expect(button, `button "${text}"`).toBeTruthy();
  await page.mouse.click(button.x, button.y);
}

for (const [attack, what] of [
  ['veil', 'a see-through page popover over the callout'],
  ['wrap', 'the host moved into an opacity: 0 wrapper'],
  ['shrink-page', 'transform: scale(0.01) on <html>'],
  ['shrink-host', 'transform: scale(0.01) on the host'],
]) {
  test(`Send key to Innoslate: no capture under ${what}`, async () => {
    const page = await env.browser.context.newPage();
    const { probe } = await openSaveYourKey(page, `${KEYS}?attack=${attack}`);
    await attackArmed(page, attack);
    await clickAfterSettling(page, probe, 'Send key to Innoslate');
    await probe.until((s) => COVERED.test(s.callout.text));
    await page.waitForTimeout(300);
    expect(await vaultNow()).toBeNull();
    expect(env.browser.context.pages().map((p) => new URL(p.url()).host)).not.toContain('cloud.innoslate.com');
  });
}

// Alone: on a busy machine the early click comes too late to test anything.
test('Send key to Innoslate: a click within 500 ms of the button appearing does nothing but say why; a later one sends', { tag: '@alone' }, async () => {
  const page = await env.browser.context.newPage();
  await page.goto(KEYS);
  await page.getByRole('button', { name: 'Create new secret key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create new secret key' });
  await dialog.getByRole('radio', { name: 'Restricted' }).check();
  await dialog.getByRole('group', { name: 'Models', exact: true }).getByRole('radio', { name: 'Read' }).check();
  await dialog.getByRole('group', { name: 'Model capabilities', exact: true }).getByRole('radio', { name: 'Write' }).check();
  await dialog.getByRole('button', { name: 'Create secret key' }).click();
  const probe = await overlayProbe(page);
  const state = await probe.until((s) => s.callout && s.callout.buttons.some((b) => b.text === 'Send key to Innoslate'), { timeout: 8000 });
  const seenAt = Date.now();
  const button = state.callout.buttons.find((b) => b.text === 'Send key to Innoslate');
  await page.mouse.click(button.x, button.y);
  const clickedAfter = Date.now() - seenAt;
  test.skip(clickedAfter >= 450, `the machine was too slow to click early (${clickedAfter} ms)`);
  await probe.until((s) => TOO_SOON.test(s.callout.text));
  await page.waitForTimeout(300);
  expect(await vaultNow()).toBeNull();

  // The positive case: the same button, clicked after the admin had time to see it.
  const opened = env.browser.context.waitForEvent('page');
  await probe.press('Send key to Innoslate');
  await opened;
  await probe.until((s) => /on its way/.test(s.callout.text));
  expect((await vaultNow())?.kind).toBe('project');
});

test('Fill on Innoslate: no fill under a see-through page popover, and the key stays waiting', async () => {
  const openai = await env.browser.context.newPage();
  const { innoslate } = await createKeyAndSend(env.browser.context, openai);
  await innoslate.goto(`${PREFS}?attack=veil`);
  const probe = await overlayProbe(innoslate);
  await probe.until((s) => s.callout && s.callout.buttons.some((b) => b.text === 'Fill Both'));
  await attackArmed(innoslate, 'veil');
  await clickAfterSettling(innoslate, probe, 'Fill Both');
  await probe.until((s) => COVERED.test(s.callout.text));
  await innoslate.waitForTimeout(300);
  for (const field of await innoslate.getByLabel('OpenAI API Key').all()) await expect(field).toHaveValue('');
  expect(await vaultNow()).not.toBeNull();
});

test('the page cannot hide the callout: hidden, inert, aria-hidden and style on the host are undone', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(`${KEYS}?attack=tamper`);
  await attackArmed(page, 'tamper');
  const probe = await overlayProbe(page);
  const state = await probe.until((s) => s.callout && s.hostAttributes.join() === 'popover');
  expect(state.hostHidden).toBe(false);
  expect(state.hostInTopLayer).toBe(true);
  expect((await probe.accessibleDialogs()).map((d) => d.name)).toContain('Create a new secret key');
});

test('the page cannot remove the callout: a removed host is put back in the top layer', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(`${KEYS}?attack=remove`);
  await attackArmed(page, 'remove');
  const probe = await overlayProbe(page);
  const state = await probe.until((s) => s.callout && s.hostInTopLayer && s.hostParent === 'html');
  expect(state.hostHidden).toBe(false);
  expect(await page.evaluate(() => document.querySelectorAll('ika-guide-overlay').length)).toBe(1);
});

test('a page popover opened later does not bury the callout', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(`${KEYS}?attack=popover`);
  await attackArmed(page, 'popover');
  const probe = await overlayProbe(page);
  await probe.until((s) => s.callout && s.hostInTopLayer);
  await expect.poll(() => hitAtFirstButton(page, probe)).toBe('ika-guide-overlay');
  expect(await page.evaluate(() => document.getElementById('attack-popover').matches(':popover-open'))).toBe(true);
});

test('a page non-modal dialog with the highest z-index does not bury the callout', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(`${KEYS}?attack=dialog`);
  await attackArmed(page, 'dialog');
  const probe = await overlayProbe(page);
  await probe.until((s) => s.callout && s.hostInTopLayer);
  expect(await page.evaluate(() => document.getElementById('attack-dialog').open)).toBe(true);
  await expect.poll(() => hitAtFirstButton(page, probe)).toBe('ika-guide-overlay');
});

test('Esc hides the callout in the extension\u2019s own state, not in an attribute the page could clear', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(KEYS);
  const probe = await overlayProbe(page);
  await probe.until((s) => s.callout && s.callout.text.includes('Step 8 of 11'));
  await page.keyboard.press('Tab');
  for (let i = 0; i < 40; i += 1) {
    if (await page.evaluate(() => document.activeElement?.localName === 'ika-guide-overlay')) break;
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Escape');
  const hidden = await probe.until((s) => s.hostHidden);
  expect(hidden.hostAttributes).toEqual(['popover']);
  // The page clearing every attribute it can see does not bring it back.
  await page.evaluate(() => { const host = document.querySelector('ika-guide-overlay'); host.hidden = false; host.removeAttribute('style'); });
  await page.waitForTimeout(300);
  expect((await probe.read()).hostHidden).toBe(true);
});

test('over a native modal dialog (showModal) the callout rises above it and a real click on Send key to Innoslate captures', async () => {
  const page = await env.browser.context.newPage();
  const { probe } = await openSaveYourKey(page, `${KEYS}?attack=modal`);
  await attackArmed(page, 'modal');
  expect(await page.evaluate(() => document.querySelector('dialog').matches(':modal'))).toBe(true);
  // Inside the page's modal dialog: the one place the page leaves usable.
  await probe.until((s) => s.callout && s.hostInTopLayer && s.hostParent === 'dialog');
  expect((await probe.accessibleDialogs()).map((d) => d.name)).toContain('Send the key to Innoslate');
  const opened = env.browser.context.waitForEvent('page');
  await probe.press('Send key to Innoslate');
  await opened;
  await probe.until((s) => /on its way/.test(s.callout.text));
  expect((await vaultNow())?.kind).toBe('project');
});
