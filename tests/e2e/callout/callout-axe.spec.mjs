// The callout, checked by axe-core inside its closed shadow root (reached
// from a test-only isolated world, tests/support/overlay-world.mjs) in
// light mode, dark mode and forced colours, on three screens: sign-in, the
// permission choices, and Innoslate's Fill choices. Also measured in the
// rendered page: the focus ring against the callout, the primary button
// against the secondary ones in forced colours, and the page's own header
// text under the spotlight.
import { test, expect } from '@playwright/test';
import { useExtensionBrowser } from '../../support/extension-browser.mjs';
import { overlayProbe } from '../../support/overlay-probe.mjs';
import { overlayWorld } from '../../support/overlay-world.mjs';
import { preferencesWithKeyInTransit } from '../../scenarios/key-capture.mjs';

const env = useExtensionBrowser(test);

const MODES = [
  { name: 'light', media: { colorScheme: 'light', forcedColors: 'none' } },
  { name: 'dark', media: { colorScheme: 'dark', forcedColors: 'none' } },
  { name: 'forced colours', media: { colorScheme: 'light', forcedColors: 'active' } },
];

async function showing(page, text) {
  const probe = await overlayProbe(page);
  await probe.until((s) => s.callout && s.callout.text.includes(text) && !s.hostHidden, { timeout: 15_000 });
  await probe.detach();
}

// Focuses the callout's first button as a keyboard user would reach it, and
// reads the focus ring's colour, the callout's background and every
// button's look.
function readLook() {
  const callout = this.querySelector('[role=dialog]');
  const buttons = [...callout.querySelectorAll('button')];
  buttons[0].focus({ focusVisible: true });
  const ring = getComputedStyle(buttons[0]);
  const looks = buttons.map((b) => {
    const s = getComputedStyle(b);
    return { text: b.textContent, kind: b.className.split(' ')[0], background: s.backgroundColor, color: s.color, border: `${s.borderTopWidth} ${s.borderTopColor}` };
  });
  return { ring: { color: ring.outlineColor, style: ring.outlineStyle, focusVisible: buttons[0].matches(':focus-visible') }, background: getComputedStyle(callout).backgroundColor, looks };
}

function rgb(css) {
  const m = /rgba?\(([^)]+)\)/.exec(css);
  if (!m) throw new Error(`not an rgb colour: ${css}`);
  return m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
}

function contrast(a, b) {
  const lum = ([r, g, b2]) => [r, g, b2].map((c) => { const s = c / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

async function checkAllModes(page, screen) {
  for (const mode of MODES) {
    await page.emulateMedia(mode.media);
    await page.waitForTimeout(100);
    const world = await overlayWorld(page);
    try {
      const { violations, measured } = await world.axe();
      expect(violations, `${screen}, ${mode.name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
      if (mode.media.forcedColors === 'none') expect(measured, `${screen}, ${mode.name}: texts axe measured`).toBeGreaterThanOrEqual(5);
      const look = await world.call(readLook);
      expect(look.ring.focusVisible, `${screen}, ${mode.name}: focus ring shown`).toBe(true);
      expect(look.ring.style).toBe('solid');
      if (mode.media.forcedColors === 'none') {
        const ratio = contrast(rgb(look.ring.color), rgb(look.background));
        expect(ratio, `${screen}, ${mode.name}: focus ring ${look.ring.color} on ${look.background}`).toBeGreaterThanOrEqual(3);
      }
      // At most one primary button, and it looks unlike every other one.
      const primary = look.looks.filter((b) => b.kind === 'primary');
      expect(primary.length, `${screen}: ${JSON.stringify(look.looks)}`).toBeLessThanOrEqual(1);
      for (const other of look.looks.filter((b) => b.kind !== 'primary')) {
        for (const p of primary) {
          expect(`${p.background} ${p.color} ${p.border}`, `${screen}, ${mode.name}: ${p.text} vs ${other.text}`)
            .not.toEqual(`${other.background} ${other.color} ${other.border}`);
        }
      }
    } finally {
      await world.detach();
    }
  }
  await page.emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
}

test('sign-in: no axe violations in light, dark and forced colours', async () => {
  const page = await env.browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('https://auth.openai.com/log-in');
  await showing(page, 'Step 1 of 11');
  await checkAllModes(page, 'sign-in');
  await page.close();
});

test('permission choices: no axe violations in light, dark and forced colours', async () => {
  const page = await env.browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('https://platform.openai.com/api-keys');
  await page.getByRole('button', { name: 'Create new secret key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create new secret key' });
  await dialog.getByPlaceholder('My Test Key').fill('Innoslate');
  await dialog.getByRole('radio', { name: 'Restricted' }).check();
  await showing(page, 'Step 10 of 11');
  await checkAllModes(page, 'permissions');
  await page.close();
});

test('Innoslate Fill choices: one primary Fill, no axe violations in light, dark and forced colours', async () => {
  const page = await env.browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  const innoslate = await preferencesWithKeyInTransit(env.browser.context, page);
  await showing(innoslate, 'Put the key into Innoslate');
  const world = await overlayWorld(innoslate);
  const kinds = await world.call(function kinds() {
    return [...this.querySelectorAll('button')].map((b) => `${b.textContent}:${b.className}`);
  });
  await world.detach();
  expect(kinds.filter((k) => k.split(':')[1].split(' ')[0] === 'primary'), JSON.stringify(kinds)).toHaveLength(1);
  expect(kinds.filter((k) => k.startsWith('Fill')).length, JSON.stringify(kinds)).toBeGreaterThan(1);
  await checkAllModes(innoslate, 'Innoslate preferences');
  await innoslate.close();
  await page.close();
});

test('the spotlight leaves the page\'s header text at 4.5:1 or more where it was', async () => {
  const page = await env.browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('https://platform.openai.com/api-keys');
  await showing(page, 'Step 8 of 11');
  // The page's header texts and their backgrounds, as the page draws them.
  const texts = await page.evaluate(() => {
    const opaque = (el) => {
      for (let n = el; n; n = n.parentElement) {
        const bg = getComputedStyle(n).backgroundColor;
        if (!/rgba\(.*, 0\)$/.test(bg) && bg !== 'transparent') return bg;
      }
      return 'rgb(255, 255, 255)';
    };
    return [...document.querySelectorAll('header a, header span, header strong, h1, nav a')].slice(0, 12)
      .map((el) => ({ text: el.textContent.trim(), color: getComputedStyle(el).color, background: opaque(el) }));
  });
  expect(texts.length).toBeGreaterThan(0);
  const world = await overlayWorld(page);
  const shadow = await world.call(function veil() { return getComputedStyle(this.querySelector('.spotlight')).boxShadow; });
  await world.detach();
  // Every wide spread shadow is a veil over the page: composite it.
  const veils = shadow.split(/,(?![^(]*\))/).map((s) => s.trim()).filter((s) => {
    const px = [...s.matchAll(/(-?\d+(?:\.\d+)?)px/g)].map((m) => Number(m[1]));
    return !s.includes('inset') && px.length === 4 && px[3] >= 50;
  });
  for (const t of texts) {
    let [fg, bg] = [rgb(t.color), rgb(t.background)];
    const before = contrast(fg, bg);
    for (const v of veils) {
      const [r, g, b, a = 1] = rgb(v);
      const over = (c) => c.slice(0, 3).map((x, i) => x * (1 - a) + [r, g, b][i] * a);
      [fg, bg] = [over(fg), over(bg)];
    }
    if (before >= 4.5) expect(contrast(fg, bg), `"${t.text}" ${t.color} on ${t.background}, under ${shadow}`).toBeGreaterThanOrEqual(4.5);
  }
  await page.close();
});
