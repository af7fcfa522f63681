// While a step's control is still rendering, its callout waits on the page
// filled in but invisible (staged), so that it shows in the frame the
// control appears. Staged, it must be nothing to anyone: not drawn, not in
// the accessibility tree, not where the keyboard shortcut puts focus; and
// once shown it must be all a shown callout is: above what the page opened
// meanwhile, announced, with focus where the shortcut asked for it.
import { test, expect } from '@playwright/test';
import { useExtensionBrowser } from '../../support/extension-browser.mjs';
import { overlayProbe, showing } from '../../support/overlay-probe.mjs';
import { pressShortcut } from '../../support/keyboard.mjs';
import { chromiumOverlayRoot } from '../../support/overlay-reader.mjs';

const env = useExtensionBrowser(test);
const MISSING = 'https://platform.openai.com/api-keys?missing=create-button';

// The keys page without its create button yet: the step's callout staged.
async function openStaged() {
  const page = await env.browser.context.newPage();
  await page.goto(MISSING);
  // The page drawn (its app renders after a loading state).
  await page.getByRole('heading', { name: 'API keys' }).waitFor();
  const probe = await overlayProbe(page);
  const staged = await probe.until((s) => s.staged);
  return { page, probe, staged };
}

test('a staged callout is unseen and out of reach, then shows above a page popover opened meanwhile, focused as the shortcut asked', async () => {
  const { page, probe, staged } = await openStaged();
  expect(staged.callout).toBeNull();
  expect(staged.live).toBe('');
  expect(await probe.accessibleDialogs()).toEqual([]);
  // Nothing of ours takes the pointer anywhere on the page.
  const hits = await page.evaluate(() => {
    const found = [];
    for (let x = 4; x < innerWidth; x += 24) {
      for (let y = 4; y < innerHeight; y += 24) if (document.elementFromPoint(x, y)?.localName === 'ika-guide-overlay') found.push([x, y]);
    }
    return found;
  });
  expect(hits).toEqual([]);

  // The shortcut finds no callout up: focus stays out of the invisible one
  // and goes to the callout once it shows.
  await pressShortcut(env.browser, page);
  await page.waitForTimeout(300);
  expect((await probe.read()).focus).toBeNull();
  // A page popover covering the whole page opens after ours was staged.
  await page.evaluate(() => {
    const cover = document.createElement('div');
    cover.id = 'page-cover';
    cover.setAttribute('popover', 'manual');
    cover.style.cssText = 'inset: 0; width: 100vw; height: 100vh; margin: 0; background: #fff;';
    document.body.append(cover);
    cover.showPopover();
  });
  await page.evaluate(addControl);
  const shown = await probe.until((s) => showing(8)(s) && !s.spotlight.hidden);
  expect(shown.staged).toBe(false);
  await probe.until((s) => s.focus === 'callout');
  // Above the page's popover: a click on our button reaches our host.
  const button = shown.callout.buttons[0];
  expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.localName, button)).toBe('ika-guide-overlay');
  expect(await page.evaluate(() => document.getElementById('page-cover').matches(':popover-open'))).toBe(true);
  // Announced once shown.
  await expect.poll(async () => (await probe.read()).live).toContain('Step 8 of 11');
  expect(await probe.accessibleDialogs()).toHaveLength(1);
});

test('focus in a callout that goes back to staged leaves it, and returns when the callout shows again', async () => {
  const { page, probe } = await openStaged();
  await page.evaluate(addControl);
  await probe.until((s) => showing(8)(s));
  await pressShortcut(env.browser, page);
  await probe.until((s) => s.focus === 'callout');
  // A re-render takes the control away: the step is staged again, and
  // focus is not left in a callout nobody can see.
  await page.evaluate(() => document.getElementById('late-control').remove());
  const again = await probe.until((s) => s.staged);
  expect(again.focus).toBeNull();
  expect(await page.evaluate(() => document.activeElement?.localName)).not.toBe('ika-guide-overlay');
  await page.evaluate(addControl);
  const back = await probe.until((s) => showing(8)(s) && !s.spotlight.hidden);
  expect(back.staged).toBe(false);
  await probe.until((s) => s.focus === 'callout');
});

test('shown where it was staged, with the same step, the callout is not written again: its words are the same text nodes', async () => {
  const { page, probe } = await openStaged();
  // Writing the same words again would lay the callout out afresh on the
  // way to the frame that shows it; each text node would be a new one.
  const cdp = await page.context().newCDPSession(page);
  const textsOf = 'function () { return [...this.querySelectorAll(".progress, #ika-title, #ika-instruction, .why")].map((el) => el.firstChild); }';
  const staged = await cdp.send('Runtime.callFunctionOn', { objectId: await chromiumOverlayRoot(cdp), functionDeclaration: textsOf });
  await page.evaluate(addControl);
  await probe.until((s) => showing(8)(s) && !s.spotlight.hidden);
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: await chromiumOverlayRoot(cdp),
    functionDeclaration: `function (before) { const now = (${textsOf}).call(this); return { count: now.length, same: now.every((node, i) => node !== null && node === before[i]) }; }`,
    arguments: [{ objectId: staged.result.objectId }],
    returnByValue: true,
  });
  expect(result.value).toEqual({ count: 4, same: true });
  await cdp.detach();
});

// In the page: the step's control, drawn at last.
function addControl() {
  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'late-control';
  button.textContent = '+ Create new secret key';
  document.querySelector('main').prepend(button);
}
