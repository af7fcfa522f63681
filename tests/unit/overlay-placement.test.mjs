// Where the callout goes beside its target (extension/content/overlay.js,
// calloutPosition): boxes in, position out, no layout needed. GAP (12 px)
// is the margin kept from the viewport's edges and, with PAD (6 px), the
// distance from the target.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from '../support/content-script-dom.mjs';

openPage('', { scripts: ['overlay.js'] });
const { calloutPosition } = globalThis.ikaOverlay;

const VIEWPORT = { width: 1280, height: 800 };
const CALLOUT = { width: 320, height: 200 };
const OFFSET = 6 + 12;

function target(left, top, width = 160, height = 36) {
  return { left, top, right: left + width, bottom: top + height };
}

test('below the target, left-aligned, when there is room', () => {
  assert.deepEqual(calloutPosition(target(100, 100), CALLOUT, VIEWPORT), { left: 100, top: 136 + OFFSET });
});

test('below and right-aligned when the right edge is near', () => {
  const near = target(1100, 100);
  assert.deepEqual(calloutPosition(near, CALLOUT, VIEWPORT), { left: near.right - CALLOUT.width, top: 136 + OFFSET });
});

test('above when the bottom is near', () => {
  const low = target(100, 650);
  assert.deepEqual(calloutPosition(low, CALLOUT, VIEWPORT), { left: 100, top: 650 - OFFSET - CALLOUT.height });
});

test('to the right, then to the left, of a target too tall for above or below', () => {
  const tall = target(100, 20, 200, 760);
  assert.deepEqual(calloutPosition(tall, CALLOUT, VIEWPORT), { left: tall.right + OFFSET, top: 20 });
  const tallRight = target(900, 20, 200, 760);
  assert.deepEqual(calloutPosition(tallRight, CALLOUT, VIEWPORT), { left: 900 - OFFSET - CALLOUT.width, top: 20 });
});

test('where nothing fits: below, kept inside the viewport', () => {
  const huge = target(0, 0, 1280, 800);
  assert.deepEqual(calloutPosition(huge, CALLOUT, VIEWPORT), {
    left: 12, top: VIEWPORT.height - CALLOUT.height - 12,
  });
});

test('a target off screen still gets a callout on screen', () => {
  const above = target(100, -500);
  const { left, top } = calloutPosition(above, CALLOUT, VIEWPORT);
  assert.equal(left, 100);
  assert.ok(top >= 12 && top + CALLOUT.height <= VIEWPORT.height - 12, `top ${top}`);
});

test('no target: bottom right, 24 px in', () => {
  assert.deepEqual(calloutPosition(null, CALLOUT, VIEWPORT), { left: 1280 - 320 - 24, top: 800 - 200 - 24 });
});

test('a callout larger than the viewport starts at the margin', () => {
  const small = { width: 300, height: 150 };
  assert.deepEqual(calloutPosition(target(10, 10), CALLOUT, small), { left: 12, top: 12 });
  assert.deepEqual(calloutPosition(null, CALLOUT, small), { left: 12, top: 12 });
});

test('a target in a dialog: beside the whole dialog, so no other control in it is covered', () => {
  const dialog = { left: 360, top: 150, right: 920, bottom: 570 };
  const nameField = target(381, 335, 518, 34);
  assert.deepEqual(calloutPosition(nameField, CALLOUT, VIEWPORT, dialog), { left: 920 + 12, top: 335 });
  // No room on the right: on the left of the dialog.
  const rightDialog = { left: 600, top: 150, right: 1200, bottom: 570 };
  assert.deepEqual(calloutPosition(target(620, 335), CALLOUT, VIEWPORT, rightDialog), { left: 600 - 12 - 320, top: 335 });
  // A dialog as wide as the viewport: the usual places around the target.
  const wide = { left: 0, top: 0, right: 1280, bottom: 800 };
  assert.deepEqual(calloutPosition(target(100, 100), CALLOUT, VIEWPORT, wide), { left: 100, top: 136 + 18 });
});
