// The mutation suite: every platform screen of the guide (steps 2-11) under
// seeded redesigns of the practice site (tests/practice-site/openai/platform/
// variant.js), judged by where the spotlight ends up:
//   right     on the control the variant marks as the one a person would use
//   fallback  no spotlight, and the callout says what to look for
//   wrong     on anything else (the one outcome never allowed)
//   none      no callout for the step at all
// One test per screen and layout (the screens are the evidence table's,
// tests/guide-steps/evidence.mjs), spread over the workers, each worker
// with one browser for the tests it runs: each visit is a new tab, and
// nothing a visit leaves (that tab's progress) is read by another. Each fails on any wrong pointer, on a right
// rate below 95% over the families a person reads as the same screen, and on
// anything but the fallback in the ambiguous family; it prints a per-family
// row and writes it to target/mutation/<layout>-step-<n>.json.
import { test, expect } from '@playwright/test';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { useExtensionBrowser } from '../../support/extension-browser.mjs';
import { spotlightReader } from '../../support/overlay-probe.mjs';
import {
  AMBIGUOUS_STEPS, MUTATION_SEEDS, SAME_SCREEN_FAMILIES, STEPS, mutatedScreens,
} from '../../guide-steps/evidence.mjs';

const env = useExtensionBrowser(test, { per: 'worker', afresh: false });

const SEEDS = process.env.MUTATION_SEEDS
  ? process.env.MUTATION_SEEDS.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0)
  : MUTATION_SEEDS;
const PAD = 6; // overlay-placement.js draws the spotlight this far around its target
const SETTLE_MS = 7000; // late render + dialog + the 3 s grace for a missing target
const TABS = 3; // visits side by side

const STEP_IDS = Object.fromEntries(STEPS.map((s) => [s.number, s.id]));

function around(spot, box) {
  const near = (a, b) => Math.abs(a - b) <= 3;
  return Boolean(box) && near(spot.x, box.x - PAD) && near(spot.y, box.y - PAD)
    && near(spot.width, box.width + 2 * PAD) && near(spot.height, box.height + 2 * PAD);
}

// A spotlight is right when it marks the intended control of the step the
// callout shows; on the way to the screen under test (a dialog still
// opening over the keys page) that step may be an earlier one.
function judge(state, step) {
  const match = state?.shown ? state.callout.match(/Step (\d+) of \d+/) : null;
  const shownStep = match ? Number(match[1]) : 0;
  const showing = shownStep === step;
  const spot = state?.shown ? state.spotlight : null;
  if (spot) {
    if (!around(spot, state.intended[STEP_IDS[shownStep]])) return 'wrong';
    return showing ? 'right' : 'waiting';
  }
  if (!showing) return 'none';
  return /look for/i.test(state.callout) ? 'fallback' : 'waiting';
}

// Visits one screen under one variant and returns its verdict: the first
// right pointer seen twice in a row, a wrong one that stays 700 ms, a
// fallback that stays 1.5 s, or the state when the page has had time to
// settle.
async function visit(page, probe, screen, variant) {
  await page.goto(`${screen.url}&variant=${variant}`);
  const end = Date.now() + SETTLE_MS;
  let last = 'none';
  let rights = 0;
  let wrongSince = 0;
  let fallbackSince = 0;
  for (;;) {
    const state = await probe.read().catch(() => null); // null while the page navigates
    last = judge(state, screen.step);
    rights = last === 'right' ? rights + 1 : 0;
    if (rights >= 2) return { verdict: 'right' };
    wrongSince = last === 'wrong' ? wrongSince || Date.now() : 0;
    if (wrongSince && Date.now() - wrongSince > 700) return { verdict: 'wrong', detail: state.callout.slice(0, 80) };
    fallbackSince = last === 'fallback' ? fallbackSince || Date.now() : 0;
    if (fallbackSince && Date.now() - fallbackSince > 1500) return { verdict: 'fallback' };
    if (Date.now() > end) break;
    await page.waitForTimeout(100);
  }
  return { verdict: last === 'waiting' ? 'none' : last };
}

test('the extension never reads the attribute that marks the intended control', async () => {
  const dir = 'extension/content';
  for (const file of await readdir(dir)) {
    const source = await readFile(`${dir}/${file}`, 'utf8');
    expect(source, file).not.toContain('practice-intended');
    // The only data attribute the content scripts read is data-testid.
    expect([...source.matchAll(/data-[a-z-]+/g)].map((m) => m[0]).filter((a) => a !== 'data-testid'), file).toEqual([]);
  }
});

async function runScreen(layout, screen) {
  const started = Date.now();
  const ambiguous = AMBIGUOUS_STEPS[layout].includes(screen.step);
  // MUTATION_FAMILIES=wording,captions narrows a run while working on one family.
  const only = process.env.MUTATION_FAMILIES?.split(',');
  const families = [...SAME_SCREEN_FAMILIES, ...(ambiguous ? ['ambiguous'] : [])].filter((f) => !only || only.includes(f));
  const results = Object.fromEntries(families.map((f) => [f, { right: 0, fallback: 0, wrong: 0, none: 0 }]));
  const wrongs = [];
  const queue = families.flatMap((family) => SEEDS.map((seed) => ({ family, seed })));
  // Visits go to tabs side by side: a visit spends most of its time waiting
  // for the page to settle.
  const lane = async () => {
    const page = await env.browser.context.newPage();
    const probe = await spotlightReader(page);
    for (let item = queue.shift(); item; item = queue.shift()) {
      const { verdict, detail } = await visit(page, probe, screen, `${item.family}:${item.seed}`);
      results[item.family][verdict] += 1;
      if (verdict === 'wrong') wrongs.push(`${item.family}:${item.seed} step ${screen.step}: ${detail}`);
    }
    await probe.detach();
    await page.close();
  };
  await Promise.all(Array.from({ length: TABS }, lane));
  const seconds = (Date.now() - started) / 1000;

  const cell = (t) => `${t.right}/${t.fallback}/${t.wrong}${t.none ? `/${t.none}n` : ''}`;
  const sameScreen = SAME_SCREEN_FAMILIES.filter((f) => results[f]);
  const visits = sameScreen.length * SEEDS.length;
  const right = sameScreen.reduce((n, f) => n + results[f].right, 0);
  const ambiguousVisits = results.ambiguous ? SEEDS.length : 0;
  const ambiguousFallbacks = results.ambiguous?.fallback ?? 0;
  console.log(`${layout} layout, step ${screen.step} (right/fallback/wrong[/none]): `
    + `${Object.entries(results).map(([f, t]) => `${f} ${cell(t)}`).join(', ')}; ${seconds.toFixed(0)} s`);
  await mkdir('target/mutation', { recursive: true });
  await writeFile(`target/mutation/${layout}-step-${screen.step}.json`, JSON.stringify({ layout, step: screen.step, seeds: SEEDS, seconds, results, wrongs }, null, 2));

  expect(wrongs, 'wrong pointers').toEqual([]);
  expect(visits === 0 || right / visits >= 0.95, `share of right pointers on redesigns a person reads as the same: ${right}/${visits}`).toBe(true);
  expect(ambiguousFallbacks, 'ambiguous screens get the honest fallback').toBe(ambiguousVisits);
}

for (const layout of ['2025', '2026']) {
  for (const screen of mutatedScreens(layout)) {
    test(`${layout} layout, step ${screen.step} (${screen.id}): seeded redesigns never point wrong, right at least 95% of the time`, async () => {
      test.setTimeout(5 * 60_000);
      await runScreen(layout, screen);
    });
  }
}
