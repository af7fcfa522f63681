// What a screen reader hears from the callout: every step as it arrives,
// the first one after a full page load included (its live region is in the
// page before its text is set, or nothing is spoken), a step that changes
// within the page, and each change of the step's advice, once; step 9
// spoken inside the create-key dialog when the callout moves in only after
// its text was set; and the dialog's accessible description, which says
// "Step N of 11".
import { test, expect } from '@playwright/test';
import { useExtensionBrowser } from '../../support/extension-browser.mjs';
import { overlayProbe } from '../../support/overlay-probe.mjs';

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

/**
 * Samples the live region from `start` until `done(samples)`: each sample
 * is whether the overlay's host is inside the page's dialog, the region's
 * text, and whether Chromium's accessibility tree holds the region (not
 * ignored), read in one round of the DevTools protocol each.
 */
async function regionInTree(page, region, done, { timeout = 10_000 } = {}) {
  const cdp = await page.context().newCDPSession(page);
  const samples = [];
  const end = Date.now() + timeout;
  try {
    await cdp.send('Accessibility.enable');
    while (Date.now() < end) {
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: region.backendNodeId });
      const { result } = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId, returnByValue: true,
        functionDeclaration: 'function () { return [Boolean(this.getRootNode().host.closest("[role=dialog]")), this.textContent]; }',
      });
      const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { backendNodeId: region.backendNodeId, fetchRelatives: false });
      const ax = nodes.find((n) => n.backendDOMNodeId === region.backendNodeId);
      const [inDialog, text] = result.value;
      const sample = { inDialog, text, inTree: Boolean(ax && !ax.ignored) };
      const last = samples[samples.length - 1];
      if (!last || JSON.stringify(last) !== JSON.stringify(sample)) samples.push(sample);
      if (done(samples)) return samples;
    }
    throw new Error(`timed out: ${JSON.stringify(samples)}`);
  } finally {
    await cdp.detach();
  }
}

test('step 9 is spoken when the create-key dialog takes the callout in only after its text was set', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(KEYS);
  // The dialog fades in, as many do: while it is not yet opaque the callout
  // stays outside it, so step 9 arrives there, and moves in afterwards.
  await page.evaluate(() => new MutationObserver((records) => {
    for (const node of records.flatMap((r) => [...r.addedNodes])) {
      const dialog = node.querySelector?.('.dialog');
      if (dialog) dialog.animate([{ opacity: 0 }, { opacity: 1 }], 2000);
    }
  }).observe(document.body, { childList: true }));
  const probe = await overlayProbe(page, { keyboard: true });
  await probe.until((s) => s.live && s.live.includes('Step 8 of 11'));
  await probe.detach();
  const cdp = await page.context().newCDPSession(page);
  const region = findLiveRegion((await cdp.send('DOM.getDocument', { depth: -1, pierce: true })).root);
  await cdp.detach();
  let quietAfter = Infinity;
  const sampling = regionInTree(page, region, () => Date.now() > quietAfter, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Create new secret key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create new secret key' });
  await expect.poll(() => dialog.evaluate((d) => d.getAnimations().length)).toBe(0);
  // Any report now moves the callout in: typing a name sends one.
  await dialog.getByPlaceholder('My Test Key').fill('Innoslate');
  quietAfter = Date.now() + 2000;
  const samples = await sampling;
  const at = JSON.stringify(samples);
  // As the page had it: step 9 said while the callout was outside the dialog.
  expect(samples.some((x) => !x.inDialog && x.text.includes('Step 9 of 11')), at).toBe(true);
  // Spoken: the text came into a region that was already in the tree, in
  // the dialog that screen readers are reading once it is open (the text
  // set outside it, then carried in, is not heard there).
  const inside = samples.slice(samples.findIndex((x) => x.inDialog));
  const said = inside.findIndex((x) => x.text.includes('Step 9 of 11'));
  expect(inside[0].inDialog && said > 0, at).toBe(true);
  expect(inside[said].inTree, at).toBe(true);
  expect(inside.slice(0, said).some((x) => x.text === '' && x.inTree), at).toBe(true);
  // Once in the dialog, and still there when the admin has typed.
  const runs = inside.filter((x, i) => x.text.includes('Step 9 of 11') && !(i > 0 && inside[i - 1].text.includes('Step 9 of 11')));
  expect(runs.length, at).toBe(1);
  expect(samples[samples.length - 1], at).toMatchObject({ inDialog: true, inTree: true });
  await page.close();
});
