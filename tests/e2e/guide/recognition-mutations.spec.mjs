// The mutation suite: every platform screen of the guide (steps 2-11) under
// seeded redesigns of the practice site (tests/practice-site/openai/platform/
// variant.js), judged by where the spotlight ends up:
//   right     on the control the variant marks as the one a person would use
//   fallback  no spotlight, and the callout says what to look for
//   wrong     on anything else (the one outcome never allowed)
//   none      no callout for the step at all
// Fails on any wrong pointer, on a right rate below 95% over the families a
// person reads as the same screen, and on anything but the fallback in the
// ambiguous family. Prints a per-family, per-step table and writes it to
// target/mutation/latest.json. The same for the 2026 layout of the platform
// (its own screens; no "Start building" there), into latest-2026.json.
import { test, expect } from '@playwright/test';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { useExtensionBrowser } from '../../support/extension-browser.mjs';
import { spotlightReader } from '../../support/overlay-probe.mjs';

const env = useExtensionBrowser(test);

const SITE = 'https://platform.openai.com';
// The layout knob on every visit: the choice is kept in a cookie otherwise.
function withLayout(screen, layout) {
  return { ...screen, path: `${screen.path}${screen.path.includes('?') ? '&' : '?'}layout=${layout}` };
}
const SCREENS_2025 = [
  { step: 2, id: 'start-building', path: '/' },
  { step: 3, id: 'invite-team', path: '/welcome?step=invite' },
  { step: 4, id: 'name-key-and-project', path: '/welcome?step=try' },
  { step: 5, id: 'test-key-shown', path: '/welcome?step=try&generated=1' },
  { step: 6, id: 'create-organization', path: '/welcome?step=create' },
  { step: 7, id: 'open-api-keys', path: '/settings/organization/general' },
  { step: 8, id: 'create-secret-key', path: '/settings/proj_practice/api-keys' },
  { step: 9, id: 'configure-key', path: '/api-keys?open=create' },
  { step: 10, id: 'restrict-permissions', path: '/api-keys?open=create&permissions=restricted' },
  { step: 11, id: 'save-your-key', path: '/api-keys?open=save' },
].map((screen) => withLayout(screen, '2025'));
// The 2026 screens, in the order a new account meets them.
const SCREENS_2026 = [
  { step: 6, id: 'create-organization', path: '/welcome?step=create' },
  { step: 3, id: 'invite-team', path: '/welcome?step=invite' },
  { step: 4, id: 'name-key-and-project', path: '/welcome?step=try' },
  { step: 5, id: 'test-key-shown', path: '/welcome?step=try&generated=1' },
  { step: 7, id: 'open-api-keys', path: '/home' },
  { step: 8, id: 'create-secret-key', path: '/api-keys' },
  { step: 9, id: 'configure-key', path: '/api-keys?open=create' },
  { step: 10, id: 'restrict-permissions', path: '/api-keys?open=create&permissions=restricted' },
  { step: 11, id: 'save-your-key', path: '/api-keys?open=save' },
].map((screen) => withLayout(screen, '2026'));
// Redesigns a person still reads as the same screen.
const SAME_SCREEN = [
  'hashed', 'wrappers', 'swaps', 'labels', 'headings', 'reordered', 'wording', 'late',
  'banners', 'decoys', 'second-dialog', 'captions',
];
// Screens the ambiguous family makes ambiguous for a person too (on the
// 2026 layout the sidebar's one API Keys link stays clear: 8 and 10 only).
const AMBIGUOUS_STEPS = { 2025: new Set([7, 8, 10]), 2026: new Set([8, 10]) };
const SEEDS = [1, 2, 3];
const PAD = 6; // overlay-placement.js draws the spotlight this far around its target
const SETTLE_MS = 7000; // late render + dialog + the 3 s grace for a missing target
const TABS = 3; // families visited side by side

const STEP_IDS = Object.fromEntries(SCREENS_2025.map((s) => [s.step, s.id]));

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
  const url = `${SITE}${screen.path}${screen.path.includes('?') ? '&' : '?'}variant=${variant}`;
  await page.goto(url);
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

async function runSuite(layout, screens, ambiguousSteps, report) {
  const started = Date.now();
  const results = {}; // family → step → {right, fallback, wrong, none}
  const wrongs = [];
  // MUTATION_FAMILIES=wording,captions narrows a run while working on one family.
  const only = process.env.MUTATION_FAMILIES?.split(',');
  const queue = [...SAME_SCREEN, 'ambiguous'].filter((f) => !only || only.includes(f));
  for (const family of queue) results[family] = {};
  // Whole families go to tabs side by side: a visit spends most of its time
  // waiting for the page to settle, and each tab still sees a family's
  // screens and seeds in the order a single tab did.
  const lane = async () => {
    const page = await env.browser.context.newPage();
    const probe = await spotlightReader(page);
    for (let family = queue.shift(); family; family = queue.shift()) {
      for (const screen of screens) {
        if (family === 'ambiguous' && !ambiguousSteps.has(screen.step)) continue;
        const tally = { right: 0, fallback: 0, wrong: 0, none: 0 };
        for (const seed of SEEDS) {
          const { verdict, detail } = await visit(page, probe, screen, `${family}:${seed}`);
          tally[verdict] += 1;
          if (verdict === 'wrong') wrongs.push(`${family}:${seed} step ${screen.step}: ${detail}`);
        }
        results[family][screen.step] = tally;
      }
    }
    await probe.detach();
    await page.close();
  };
  await Promise.all(Array.from({ length: TABS }, lane));
  const seconds = (Date.now() - started) / 1000;

  const cell = (t) => (t ? `${t.right}/${t.fallback}/${t.wrong}${t.none ? `/${t.none}n` : ''}` : '–');
  const lines = [`family          ${screens.map((s) => `step ${s.step}`.padEnd(9)).join('')}  (right/fallback/wrong[/none])`];
  for (const [family, steps] of Object.entries(results)) {
    lines.push(`${family.padEnd(16)}${screens.map((s) => cell(steps[s.step]).padEnd(9)).join('')}`);
  }
  const sum = (families, key) => families.reduce((n, f) => n + Object.values(results[f] || {}).reduce((m, t) => m + t[key], 0), 0);
  const visits = SAME_SCREEN.filter((f) => results[f]).length * screens.length * SEEDS.length;
  const right = sum(SAME_SCREEN, 'right');
  const wrong = sum([...SAME_SCREEN, 'ambiguous'], 'wrong');
  const ambiguousVisits = results.ambiguous ? ambiguousSteps.size * SEEDS.length : 0;
  const ambiguousFallbacks = sum(['ambiguous'], 'fallback');
  lines.push(`${layout} layout, same-screen families: ${right}/${visits} right (${((100 * right) / visits).toFixed(1)}%); `
    + `ambiguous: ${ambiguousFallbacks}/${ambiguousVisits} honest fallbacks; wrong pointers: ${wrong}; ${seconds.toFixed(0)} s`);
  console.log(lines.join('\n'));
  await mkdir('target/mutation', { recursive: true });
  await writeFile(`target/mutation/${report}`, JSON.stringify({ layout, seeds: SEEDS, seconds, results, wrongs }, null, 2));

  expect(wrongs, 'wrong pointers').toEqual([]);
  expect(visits === 0 || right / visits >= 0.95, `share of right pointers on redesigns a person reads as the same: ${right}/${visits}`).toBe(true);
  expect(ambiguousFallbacks, 'ambiguous screens get the honest fallback').toBe(ambiguousVisits);
}

test('seeded redesigns of every screen: never a wrong pointer, right at least 95% of the time', async () => {
  test.setTimeout(20 * 60_000);
  await runSuite('2025', SCREENS_2025, AMBIGUOUS_STEPS[2025], 'latest.json');
});

test('2026 layout: seeded redesigns of every screen: never a wrong pointer, right at least 95% of the time', async () => {
  test.setTimeout(20 * 60_000);
  await runSuite('2026', SCREENS_2026, AMBIGUOUS_STEPS[2026], 'latest-2026.json');
});
