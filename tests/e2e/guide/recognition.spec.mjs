// Recognition on pages that differ from the practice site as drawn: the
// right control or, when that cannot be told, no spotlight and plain words
// about what to look for. The seeded suite over many redesigns is
// recognition-mutations.spec.mjs; these are the cases named one by one.
import { test, expect } from '@playwright/test';
import { useExtensionBrowser } from '../../support/extension-browser.mjs';
import { spotlightReader } from '../../support/overlay-probe.mjs';

const env = useExtensionBrowser(test);
const PAD = 6;

function around(spot, box) {
  return Boolean(spot && box) && Math.abs(spot.x - (box.x - PAD)) <= 3 && Math.abs(spot.y - (box.y - PAD)) <= 3
    && Math.abs(spot.width - (box.width + 2 * PAD)) <= 3 && Math.abs(spot.height - (box.height + 2 * PAD)) <= 3;
}

async function until(reader, marker, predicate, timeout = 8000) {
  const end = Date.now() + timeout;
  let state = null;
  while (Date.now() < end) {
    state = await reader.read().catch(() => null);
    if (state && predicate({ ...state, intended: state.intended[marker] })) return { ...state, intended: state.intended[marker] };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the overlay never reached the expected state; last: ${JSON.stringify(state)}`);
}

test('step 7 under a plain-text "PROJECT" caption points at the Project\'s API keys, not the Organization\'s', async () => {
  const page = await env.browser.context.newPage();
  const reader = await spotlightReader(page);
  await page.goto('https://platform.openai.com/settings/organization/general?variant=captions:1&caption=plain');
  // The replica as the issue describes it: captions are plain text, the
  // nav's aria-label is the only label, and both groups have "API keys".
  await expect(page.locator('.nav-group', { hasText: 'PROJECT' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'API keys', exact: true })).toHaveCount(2);
  const state = await until(reader, 'open-api-keys', (s) => s.shown && s.callout.includes('Step 7 of 11') && around(s.spotlight, s.intended));
  const organizationLink = await page.getByRole('link', { name: 'API keys', exact: true }).first().boundingBox();
  expect(around(state.spotlight, organizationLink)).toBe(false);
  await reader.detach();
});

test('two uncaptioned "API keys" links: no spotlight, and the callout says what to look for', async () => {
  const page = await env.browser.context.newPage();
  const reader = await spotlightReader(page);
  await page.goto('https://platform.openai.com/settings/organization/general?variant=captions:1&caption=none');
  const state = await until(reader, 'open-api-keys', (s) => s.shown && s.callout.includes('Step 7 of 11'));
  expect(state.spotlight).toBeNull();
  expect(state.callout).toContain('cannot tell which control is meant');
  expect(state.callout).toContain('Look for the API keys link of a project, not the one for the whole organization.');
  expect(state.callout).toContain('I\u2019ve done this');
  // And it stays that way: no spotlight turns up later.
  await page.waitForTimeout(1000);
  expect((await reader.read()).spotlight).toBeNull();
  await reader.detach();
});

test('a screen that looks different says so, with what to look for', async () => {
  const page = await env.browser.context.newPage();
  const reader = await spotlightReader(page);
  await page.goto('https://platform.openai.com/api-keys?missing=create-button');
  const state = await until(reader, 'create-secret-key', (s) => s.shown && s.callout.includes('Step 8 of 11'), 10_000);
  expect(state.spotlight).toBeNull();
  expect(state.callout).toContain('looks different from what the assistant knows');
  expect(state.callout).toContain('Look for a button named Create new secret key');
  await reader.detach();
});

test('a control re-mounted as an identical new node keeps its spotlight', async () => {
  const page = await env.browser.context.newPage();
  const reader = await spotlightReader(page);
  await page.goto('https://platform.openai.com/api-keys?remount=3000');
  const before = await page.waitForSelector('[data-practice-intended="create-secret-key"]');
  await until(reader, 'create-secret-key', (s) => s.shown && around(s.spotlight, s.intended));
  await page.waitForFunction((old) => !old.isConnected, before, { timeout: 8000 });
  // Within a few frames of the swap the spotlight is around the new button.
  await until(reader, 'create-secret-key', (s) => around(s.spotlight, s.intended), 1000);
  await page.waitForTimeout(300);
  const after = await reader.read();
  expect(around(after.spotlight, after.intended['create-secret-key'])).toBe(true);
  await reader.detach();
});
