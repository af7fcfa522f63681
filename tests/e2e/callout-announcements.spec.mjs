// What a screen reader hears from the callout: every step as it arrives,
// the first one after a full page load included (its live region is in the
// page before its text is set, or nothing is spoken), a step that changes
// within the page, and each change of the step's advice, once; and the
// dialog's accessible description, which says "Step N of 11".
import { test, expect } from '@playwright/test';
import { useExtensionBrowser } from '../support/extension-browser.mjs';
import { overlayProbe } from '../support/overlay-probe.mjs';

const env = useExtensionBrowser(test);
const KEYS = 'https://platform.openai.com/api-keys';
const READ_ONLY_ADVICE = 'A read-only key cannot generate text or images';

/**
 * Samples the overlay until `done(timeline)`, recording each change of
 * whether the host is in the page and what its live region says.
 */
async function liveTimeline(probe, done, { timeout = 10_000 } = {}) {
  const timeline = [];
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const state = await probe.read().catch(() => null);
    const sample = { attached: Boolean(state && state.callout), live: state?.live ?? null };
    const last = timeline[timeline.length - 1];
    if (!last || last.attached !== sample.attached || last.live !== sample.live) timeline.push(sample);
    if (done(timeline)) return timeline;
  }
  throw new Error(`the live region never got there: ${JSON.stringify(timeline)}`);
}

const says = (text) => (sample) => Boolean(sample.live && sample.live.includes(text));

/** The overlay's live region in a DevTools DOM tree that pierces shadow roots. */
function findLiveRegion(node) {
  const attrs = node.attributes || [];
  for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === 'aria-live') return node;
  for (const child of [...(node.children || []), ...(node.shadowRoots || [])]) {
    const hit = findLiveRegion(child);
    if (hit) return hit;
  }
  return null;
}

/**
 * From the moment the live region first shows up in the page, samples it
 * (one round trip each, so no short state is missed) until it says
 * something; returns the samples, [in the page?, text] each.
 */
async function firstWords(page, { timeout = 10_000 } = {}) {
  const cdp = await page.context().newCDPSession(page);
  const samples = [];
  let region = null;
  const end = Date.now() + timeout;
  try {
    while (Date.now() < end) {
      if (!region) {
        const found = await cdp.send('DOM.getDocument', { depth: -1, pierce: true })
          .then(({ root }) => findLiveRegion(root), () => null);
        if (found) region = (await cdp.send('DOM.resolveNode', { backendNodeId: found.backendNodeId })).object.objectId;
        continue;
      }
      const { result } = await cdp.send('Runtime.callFunctionOn', {
        objectId: region, functionDeclaration: 'function () { return [this.isConnected, this.textContent]; }', returnByValue: true,
      });
      samples.push(result.value);
      if (result.value[1]) return samples;
    }
    throw new Error(`the live region never spoke: ${JSON.stringify(samples)}`);
  } finally {
    await cdp.detach();
  }
}

test('the first step after a full page load is announced from a live region already in the page', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(KEYS, { waitUntil: 'commit' });
  const samples = await firstWords(page);
  // The region was in the page, empty, before the text came.
  expect(samples[0], JSON.stringify(samples)).toEqual([true, '']);
  const [attached, text] = samples[samples.length - 1];
  expect(attached).toBe(true);
  expect(text).toContain('Step 8 of 11: Create a new secret key');

  // Chromium's accessibility tree has it as a polite live region with that text.
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const live = nodes.filter((n) => (n.properties || []).some((p) => p.name === 'live' && p.value.value === 'polite'));
  const texts = live.map((n) => nodes.filter((c) => c.parentId === n.nodeId).map((c) => c.name?.value ?? '').join(''));
  expect(texts.some((t) => t.includes('Step 8 of 11')), JSON.stringify(texts)).toBe(true);
  await cdp.detach();
  await page.close();
});

test('a step that changes within the page and each change of its advice are announced once', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(KEYS);
  const probe = await overlayProbe(page, { keyboard: true });
  await probe.until((s) => s.live && s.live.includes('Step 8 of 11'));
  await page.getByRole('button', { name: 'Create new secret key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create new secret key' });
  let timeline = await liveTimeline(probe, (t) => t.some(says('Step 9 of 11')));
  // Typing sends new reports; none of them repeats the announcement.
  await dialog.getByPlaceholder('My Test Key').fill('Innoslate');
  await dialog.getByRole('radio', { name: 'Read only' }).check();
  timeline = timeline.concat(await liveTimeline(probe, (t) => t.some(says(READ_ONLY_ADVICE))));
  await dialog.getByPlaceholder('My Test Key').fill('Innoslate key');
  const quiet = Date.now() + 1500;
  timeline = timeline.concat(await liveTimeline(probe, () => Date.now() > quiet));
  // An announcement made again empties the region first: a new run.
  const spoken = timeline.map((s) => s.live || '');
  const times = (text) => spoken.filter((t, i) => t.includes(text) && !(spoken[i - 1] || '').includes(text)).length;
  expect(times('Step 9 of 11'), JSON.stringify(spoken)).toBe(1);
  expect(times(READ_ONLY_ADVICE), JSON.stringify(spoken)).toBe(1);
  await probe.detach();
  await page.close();
});

test('"Step N of 11" is part of the callout dialog\'s accessible description', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(KEYS);
  const probe = await overlayProbe(page);
  await probe.until((s) => s.callout && s.callout.text.includes('Step 8 of 11'));
  const [dialog] = await probe.accessibleDialogs();
  expect(dialog.name).toBe('Create a new secret key');
  expect(dialog.description).toContain('Step 8 of 11');
  expect(dialog.description).toContain('Create new secret key');
  await probe.detach();
  await page.close();
});
