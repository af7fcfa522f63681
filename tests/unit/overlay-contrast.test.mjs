// The overlay's colours, measured (WCAG 2.2 contrast ratios) from
// extension/content/overlay.css itself: callout text at least 4.5:1 on the
// callout in light and dark mode, focus rings and button borders at least
// 3:1, the spotlight's ring at least 3:1 on any page colour, and no veil
// over the page that would take its text below 4.5:1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const CSS = readFileSync('extension/content/overlay.css', 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

function hex(colour) {
  const m = /^#([0-9a-f]{6})$/i.exec(colour.trim());
  assert.ok(m, `not a #rrggbb colour: ${colour}`);
  return [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16));
}

function luminance([r, g, b]) {
  const lin = (c) => { const s = c / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function ratio(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// The custom properties of the `div { ... }` rule at top level (light) and
// inside the dark-mode media query.
function palette(scope) {
  const block = /div\s*\{([^}]*)\}/.exec(scope);
  assert.ok(block, 'no palette rule');
  return Object.fromEntries([...block[1].matchAll(/--([\w-]+)\s*:\s*([^;]+);/g)].map(([, k, v]) => [k, hex(v)]));
}
const LIGHT = palette(CSS.slice(0, CSS.indexOf('@media')));
const DARK = palette(CSS.slice(CSS.indexOf('@media (prefers-color-scheme: dark)')));

for (const [mode, p] of [['light', LIGHT], ['dark', DARK]]) {
  test(`${mode} mode: callout text at least 4.5:1`, () => {
    for (const name of ['text', 'muted', 'accent', 'advice']) {
      assert.ok(ratio(p[name], p.bg) >= 4.5, `${name} on the callout: ${ratio(p[name], p.bg).toFixed(2)}`);
    }
    assert.ok(ratio(p['on-accent'], p.accent) >= 4.5, `primary button label: ${ratio(p['on-accent'], p.accent).toFixed(2)}`);
  });
  test(`${mode} mode: focus ring and button borders at least 3:1 on the callout`, () => {
    assert.ok(ratio(p.focus, p.bg) >= 3, `focus ring: ${ratio(p.focus, p.bg).toFixed(2)}`);
    assert.ok(ratio(p.accent, p.bg) >= 3, `button border: ${ratio(p.accent, p.bg).toFixed(2)}`);
  });
}

const spotlight = /\.spotlight\s*\{([^}]*)\}/.exec(CSS)[1];

test('the spotlight ring stands out at 3:1 or more on any page colour', () => {
  const ring = hex(/outline:\s*\d+px solid (#[0-9a-f]{6})/i.exec(spotlight)[1]);
  assert.match(spotlight, /box-shadow:[^;]*#ffffff/i, 'white rims beside the ring');
  for (let v = 0; v <= 255; v += 1) {
    for (const page of [[v, v, v], [v, 0, 0], [0, v, 0], [0, 0, v], [255, v, 0], [0, v, 255]]) {
      const best = Math.max(ratio(ring, page), ratio([255, 255, 255], page));
      assert.ok(best >= 3, `page colour ${page}: ${best.toFixed(2)}`);
    }
  }
});

test('no veil over the page takes text that had 4.5:1 below it', () => {
  // A veil is a wide spread shadow; composite it over the worst case: text
  // of exactly 4.5:1 on white, and text of 7:1.
  const shadows = (/box-shadow:\s*([^;]+);/.exec(spotlight)?.[1] ?? '').split(/,(?![^(]*\))/);
  for (const shadow of shadows) {
    const spread = Number(/(?:^|\s)0 0 0 (\d+)px/.exec(shadow.trim())?.[1] ?? 0);
    if (spread < 50) continue;
    const rgba = /rgba?\(([^)]+)\)/.exec(shadow);
    const [r, g, b, a = 1] = rgba ? rgba[1].split(',').map(Number) : [...hex(/#[0-9a-f]{6}/i.exec(shadow)[0]), 1];
    const veil = (c) => c.map((x, i) => Math.round(x * (1 - a) + [r, g, b][i] * a));
    for (const grey of [118, 89]) {
      const text = [grey, grey, grey];
      if (ratio(text, [255, 255, 255]) < 4.5) continue;
      const after = ratio(veil(text), veil([255, 255, 255]));
      assert.ok(after >= 4.5, `a veil (${shadow.trim()}) takes ${ratio(text, [255, 255, 255]).toFixed(2)}:1 text to ${after.toFixed(2)}:1`);
    }
  }
});
