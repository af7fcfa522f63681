// The guide on the practice site surviving what an admin's session brings:
// reloads, late rendering, missing controls, two tabs, a restarted service
// worker, pausing and being switched off. The walk through every screen of
// both layouts, the spotlight on each control, is a shared scenario
// (tests/scenarios/openai-guide.mjs), run in Chromium and in Firefox; the
// keyboard-only walk (keyboard-only-flow.spec.mjs) also checks that no page
// logs an error on the way.
import { test, expect } from '@playwright/test';
import { useExtensionBrowser } from '../../support/extension-browser.mjs';
import { overlayProbe, showing } from '../../support/overlay-probe.mjs';

const env = useExtensionBrowser(test, { per: 'worker' });

function expectSpotlightAround(spot, box) {
  expect(spot.hidden).toBe(false);
  expect(spot.x).toBeLessThanOrEqual(box.x + 0.5);
  expect(spot.y).toBeLessThanOrEqual(box.y + 0.5);
  expect(spot.x + spot.width).toBeGreaterThanOrEqual(box.x + box.width - 0.5);
  expect(spot.y + spot.height).toBeGreaterThanOrEqual(box.y + box.height - 0.5);
  // ...and around nothing much bigger: it marks one control.
  expect(spot.width).toBeLessThan(box.width + 40);
  expect(spot.height).toBeLessThan(box.height + 40);
}

async function extensionPage() {
  const page = await env.browser.context.newPage();
  await page.goto(`chrome-extension://${env.browser.extensionId}/popup/popup.html`);
  return page;
}

/** The guide state of every tab, as the popup sees it. */
async function guideStates(extPage) {
  return extPage.evaluate(async () => {
    const tabs = await chrome.tabs.query({});
    const states = [];
    for (const tab of tabs) {
      const reply = await chrome.runtime.sendMessage({ kind: 'guide_status', v: 1, tab_id: tab.id });
      states.push({ tabId: tab.id, ...reply.guide });
    }
    return states;
  });
}

test('reload and a restarted service worker resume at the same step', async () => {
  const page = await env.browser.context.newPage();
  await page.goto('https://platform.openai.com/welcome?step=try');
  let probe = await overlayProbe(page);
  await probe.until(showing(4));
  await page.reload();
  probe = await overlayProbe(page);
  await probe.until(showing(4));

  // Stop the service worker; session storage keeps the progress.
  const cdp = await env.browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const ext = await extensionPage();
  const states = await guideStates(ext);
  expect(states).toContainEqual(expect.objectContaining({ number: 4, furthest: 4, done: 3, step: 'name-key-and-project' }));
  await page.goto('https://platform.openai.com/settings/organization/general');
  probe = await overlayProbe(page);
  await probe.until(showing(7));
});

test('a target that renders 2 s late gets the spotlight once it appears', async () => {
  const page = await env.browser.context.newPage();
  const started = Date.now();
  await page.goto('https://platform.openai.com/api-keys?delay=2000');
  const probe = await overlayProbe(page);
  const state = await probe.until((s) => showing(8)(s) && !s.spotlight.hidden, { timeout: 6000 });
  expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  expectSpotlightAround(state.spotlight, await page.getByRole('button', { name: 'Create new secret key' }).boundingBox());
});

// Gives the page `calloutBeside(button)`: whether the callout takes the
// pointer beside `button` (only the callout in the overlay's host does; one
// staged invisible while its target renders does not).
async function defineCalloutBeside(page) {
  await page.evaluate(() => {
    window.calloutBeside = (button) => {
      const r = button.getBoundingClientRect();
      const x = r.left + r.width / 2;
      return [16, 48, 96].some((d) => [r.bottom + d, r.top - d].some((y) => document.elementFromPoint(x, y)?.localName === 'ika-guide-overlay'));
    };
  });
}

test('a control that appears is pointed at in the frame it appears, even while the background sleeps', async () => {
  const page = await env.browser.context.newPage();
  await page.goto('https://platform.openai.com/api-keys?missing=create-button');
  await page.getByRole('heading', { name: 'API keys' }).waitFor();
  // Let the page's first report come back (target missing), then put the
  // service worker to sleep: spotting the control must not need it.
  await expect.poll(async () => (await guideStates(await extensionPage())).some((s) => s.step === 'create-secret-key'), { timeout: 10_000 }).toBe(true);
  await page.waitForTimeout(200);
  const cdp = await env.browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await defineCalloutBeside(page);
  const overlayInFirstFrame = await page.evaluate(() => new Promise((resolve) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = '+ Create new secret key';
    document.querySelector('main').prepend(button);
    // Animation frame callbacks run before that frame is painted; the hit
    // test lays it out as it will be painted.
    requestAnimationFrame(() => resolve(window.calloutBeside(button)));
  }));
  expect(overlayInFirstFrame).toBe(true);
  const probe = await overlayProbe(page);
  const state = await probe.until((s) => showing(8)(s) && !s.spotlight.hidden);
  expectSpotlightAround(state.spotlight, await page.getByRole('button', { name: 'Create new secret key' }).boundingBox());
  // A look-alike that no locator accepts is not pointed at.
  await page.goto('https://platform.openai.com/api-keys?missing=create-button');
  await page.waitForTimeout(1000);
  await defineCalloutBeside(page);
  const spottedDecoy = await page.evaluate(() => new Promise((resolve) => {
    const decoy = document.createElement('button');
    decoy.textContent = 'Create new project';
    document.querySelector('main').prepend(decoy);
    requestAnimationFrame(() => resolve(window.calloutBeside(decoy)));
  }));
  expect(spottedDecoy).toBe(false);
});

test('a target that never renders: the step without spotlight, and "I\'ve done this" moves on', async () => {
  const page = await env.browser.context.newPage();
  await page.goto('https://platform.openai.com/api-keys?missing=create-button');
  const probe = await overlayProbe(page);
  await page.waitForTimeout(1000);
  // While the control may still be coming, nothing half-drawn is shown:
  // the step's callout waits on the page invisible, out of the
  // accessibility tree, and the keyboard shortcut's focus cannot land in it.
  const waiting = await probe.read();
  expect(waiting?.callout ?? null).toBeNull();
  expect(waiting?.staged).toBe(true);
  expect(await probe.accessibleDialogs()).toEqual([]);
  const state = await probe.until(showing(8), { timeout: 6000 });
  expect(state.spotlight.hidden).toBe(true);
  await probe.press('I\u2019ve done this');
  const next = await probe.until(showing(9));
  expect(next.spotlight.hidden).toBe(true);
  await probe.press('Back');
  await probe.until(showing(8));
});

test('two tabs keep their own steps', async () => {
  const keys = await env.browser.context.newPage();
  await keys.goto('https://platform.openai.com/api-keys');
  const invite = await env.browser.context.newPage();
  await invite.goto('https://platform.openai.com/welcome?step=invite');
  const keysProbe = await overlayProbe(keys);
  const inviteProbe = await overlayProbe(invite);
  await keysProbe.until(showing(8));
  await inviteProbe.until(showing(3));
  await keys.getByRole('button', { name: 'Create new secret key' }).click();
  await keysProbe.until(showing(9));
  await inviteProbe.until(showing(3));
  const states = await guideStates(await extensionPage());
  expect(states.map((s) => s.number).sort()).toEqual(expect.arrayContaining([3, 9]));
});

test('pause from the callout, resume from the popup; switching the guide off hides it everywhere', async () => {
  const page = await env.browser.context.newPage();
  await page.goto('https://platform.openai.com/api-keys');
  const probe = await overlayProbe(page);
  await probe.until(showing(8));
  await probe.press('Pause guide');
  await expect.poll(async () => (await probe.read())?.callout ?? null).toBeNull();

  const ext = await extensionPage();
  const paused = (await guideStates(ext)).find((s) => s.number === 8);
  expect(paused.paused).toBe(true);
  await ext.evaluate((tabId) => chrome.runtime.sendMessage({ kind: 'guide_action', v: 1, action: 'resume', tab_id: tabId }), paused.tabId);
  await probe.until(showing(8));

  await ext.getByLabel('Show the guide on OpenAI pages').uncheck();
  await expect.poll(async () => (await probe.read())?.callout ?? null).toBeNull();
  await page.reload();
  await page.waitForTimeout(800);
  expect((await (await overlayProbe(page)).read())?.callout ?? null).toBeNull();
  await ext.getByLabel('Show the guide on OpenAI pages').check();
  await (await overlayProbe(page)).until(showing(8));
});

test('at 200% zoom (a 640×400 CSS viewport) the callout stays whole and on screen', async () => {
  const page = await env.browser.context.newPage();
  await page.setViewportSize({ width: 640, height: 400 });
  await page.goto('https://platform.openai.com/api-keys');
  const probe = await overlayProbe(page);
  const state = await probe.until(showing(8));
  const c = state.callout.box;
  expect(c.x).toBeGreaterThanOrEqual(0);
  expect(c.y).toBeGreaterThanOrEqual(0);
  expect(c.x + c.width).toBeLessThanOrEqual(640);
  expect(c.y + c.height).toBeLessThanOrEqual(400);
  // Every button can be reached and pressed.
  for (const b of state.callout.buttons) {
    expect(b.x).toBeGreaterThan(0);
    expect(b.y).toBeLessThan(400);
  }
  await probe.press('Pause guide');
  await expect.poll(async () => (await probe.read())?.callout ?? null).toBeNull();
});

test('Esc inside the callout hides it without touching the page; keyboard reaches its buttons', async () => {
  const page = await env.browser.context.newPage();
  await page.goto('https://platform.openai.com/api-keys');
  const probe = await overlayProbe(page);
  await probe.until(showing(8));
  // The admin's focus stays where it was: the overlay never takes it.
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  // Tab from the page into the callout and press Escape there.
  await page.keyboard.press('Tab');
  let inside = false;
  for (let i = 0; i < 40 && !inside; i += 1) {
    inside = await page.evaluate(() => document.activeElement?.localName === 'ika-guide-overlay');
    if (!inside) await page.keyboard.press('Tab');
  }
  expect(inside).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await probe.read()).hostHidden).toBe(true);
  await expect(page.getByRole('button', { name: 'Create new secret key' })).toBeVisible();
});
