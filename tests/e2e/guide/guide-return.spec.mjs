// The way back to a hidden or paused guide: "Show guide" brings the callout
// back on the Innoslate preferences page too; after a reload of a paused
// page it is there again (the core remembers the pause), but only where the
// guide has something to show; and it sits in a corner that covers none of
// the page's controls nor its focused element, reachable by Tab and named.
import { test, expect } from '@playwright/test';
import { useExtensionBrowser } from '../../support/extension-browser.mjs';
import { overlayProbe, showing } from '../../support/overlay-probe.mjs';
import { pressShortcut, tabUntil } from '../../support/keyboard.mjs';
import { createKeyAndSend } from '../../scenarios/key-capture.mjs';

const env = useExtensionBrowser(test, { per: 'worker' });
const KEYS = 'https://platform.openai.com/api-keys';
const PREFS = 'https://cloud.innoslate.com/acme/admin/preferences';

const parked = (s) => !s.callout && s.showGuide !== null;

async function openKeysPage() {
  const page = await env.browser.context.newPage();
  await page.goto(KEYS);
  const probe = await overlayProbe(page, { keyboard: true });
  await probe.until(showing(8));
  return { page, probe };
}

// Fixed controls of the page's own in the viewport's corners (CDP runs
// this whatever the page's CSP).
/** @param {import('@playwright/test').Page} page @param {string[]} corners e.g. 'right:0;bottom:0' */
function pageControlsAt(page, corners, tag = 'button') {
  return page.evaluate(({ corners, tag }) => corners.map((at, i) => {
    const node = document.createElement(tag);
    node.id = `corner-${i}`;
    node.textContent = `Corner ${i}`;
    if (tag !== 'button') node.tabIndex = -1;
    node.style.cssText = `position:fixed;${at};width:220px;height:90px;z-index:10`;
    document.body.append(node);
    return node.id;
  }), { corners, tag });
}

const corner = (s, size) => ({
  right: s.showGuide.x > size.width / 2,
  bottom: s.showGuide.y > size.height / 2,
});

async function escToShowGuide(page, probe) {
  // Pressed again while in the callout, the shortcut would leave it.
  if ((await probe.read()).focus !== 'callout') await pressShortcut(env.browser, page);
  await probe.until((s) => s.focus === 'callout');
  await page.keyboard.press('Escape');
  return probe.until((s) => s.hostHidden && s.showGuide !== null);
}

test('on Innoslate, Pause keeps the "press Save" reminder: "Show guide" brings it back with focus, also after a reload', async () => {
  const openai = await env.browser.context.newPage();
  const { key, innoslate } = await createKeyAndSend(env.browser.context, openai);
  await innoslate.goto(PREFS);
  const probe = await overlayProbe(innoslate, { keyboard: true });
  await probe.until((s) => s.callout && s.callout.buttons.some((b) => b.text === 'Fill Both'));
  await probe.press('Fill Both');
  await expect.poll(() => innoslate.getByLabel('OpenAI API Key').first().inputValue()).toBe(key);
  // The reminder after the fill starts at Chat AI's provider; a reloaded
  // page is another document, so it gets the general "Check and save".
  const reminding = (title) => (s) => Boolean(s.callout) && s.callout.labelText === title;
  const saving = reminding('Make Chat AI use your key');
  await probe.until(saving);

  await probe.press('Pause guide');
  const paused = await probe.until(parked);
  expect(paused.focus).toBe('Show guide');
  await innoslate.keyboard.press('Enter');
  await probe.until((s) => saving(s) && s.focus === 'callout' && s.showGuide === null);

  // Paused, then reloaded: the way back is there again, and works.
  await probe.press('Pause guide');
  await probe.until(parked);
  await innoslate.reload();
  const again = await overlayProbe(innoslate, { keyboard: true });
  await again.until(parked);
  await pressShortcut(env.browser, innoslate);
  await again.until((s) => reminding('Check and save')(s) && s.focus === 'callout');
});

test('a paused page reloaded shows "Show guide" (Tab and Enter resume); a page the guide has nothing for does not', async () => {
  const { page, probe } = await openKeysPage();
  await probe.press('Pause guide');
  await probe.until(parked);
  await page.reload();
  const reloaded = await overlayProbe(page, { keyboard: true });
  await reloaded.until(parked);
  await tabUntil(page, async () => (await reloaded.read()).focus === 'Show guide', { what: '"Show guide"' });
  // The page changes while paused: the report that follows leaves the
  // control as it is, focus included (given time to hear back).
  await page.evaluate(() => document.querySelector('main').append(Object.assign(document.createElement('button'), { textContent: 'Added while paused' })));
  await page.waitForTimeout(1000);
  expect((await reloaded.read()).focus).toBe('Show guide');
  await page.keyboard.press('Enter');
  await reloaded.until((s) => showing(8)(s) && s.focus === 'callout' && s.showGuide === null);

  // Paused again in this tab, on a page with no callout to come back to.
  await reloaded.press('Pause guide');
  await reloaded.until(parked);
  await page.goto('https://cloud.innoslate.com/acme/admin/other');
  const elsewhere = await overlayProbe(page, { keyboard: true });
  // Give the content script time to ask the core and hear back.
  await page.waitForTimeout(1500);
  const state = await elsewhere.read();
  expect(state && state.showGuide).toBeFalsy();
  expect(state && state.callout).toBeFalsy();
});

test('"Show guide" takes a corner free of the page\u2019s controls: bottom right, bottom left, top right, top left, else bottom right', async () => {
  const { page, probe } = await openKeysPage();
  const size = page.viewportSize();
  // The replica's top bar has links in both top corners, and its "Create"
  // button comes right under it: out of the way, so that each corner is
  // taken by a control of the test's own.
  await page.evaluate(() => {
    document.querySelector('.topbar').style.display = 'none';
    document.querySelector('.outlet').style.paddingTop = '140px';
  });
  await pageControlsAt(page, ['right:0;bottom:0']);
  let hidden = await escToShowGuide(page, probe);
  expect(corner(hidden, size)).toEqual({ right: false, bottom: true });
  // Still reached by Tab, and named for screen readers.
  await tabUntil(page, async () => (await probe.read()).focus === 'Show guide', { what: '"Show guide"' });
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  expect(nodes.some((n) => n.role?.value === 'button' && n.name?.value === 'Show guide' && !n.ignored)).toBe(true);
  await page.keyboard.press('Enter');
  await probe.until((s) => !s.hostHidden && s.focus === 'callout');

  await pageControlsAt(page, ['left:0;bottom:0']);
  hidden = await escToShowGuide(page, probe);
  expect(corner(hidden, size)).toEqual({ right: true, bottom: false });
  await page.keyboard.press('Enter');
  await probe.until((s) => !s.hostHidden && s.focus === 'callout');

  await pageControlsAt(page, ['right:0;top:0']);
  hidden = await escToShowGuide(page, probe);
  expect(corner(hidden, size)).toEqual({ right: false, bottom: false });
  await page.keyboard.press('Enter');
  await probe.until((s) => !s.hostHidden && s.focus === 'callout');

  // No corner is free: the usual one.
  await pageControlsAt(page, ['left:0;top:0']);
  hidden = await escToShowGuide(page, probe);
  expect(corner(hidden, size)).toEqual({ right: true, bottom: true });
});

test('"Show guide" stays off the element that has focus, even one that is not a control', async () => {
  const { page, probe } = await openKeysPage();
  const size = page.viewportSize();
  const [id] = await pageControlsAt(page, ['right:0;bottom:0'], 'div');
  await page.focus(`#${id}`);
  // The shortcut remembers the focused element, Esc gives focus back to it.
  const hidden = await escToShowGuide(page, probe);
  expect(await page.evaluate(() => document.activeElement.id)).toBe(id);
  expect(corner(hidden, size)).toEqual({ right: false, bottom: true });
});
