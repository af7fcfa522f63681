// Where the callout goes beside its target (extension/content/overlay-placement.js,
// calloutPosition): boxes in, position out, no layout needed. GAP (12 px)
// is the margin kept from the viewport's edges; the callout's edge sits
// NEAR (19 px: the spotlight's 6 px padding, its 3 px ring and the 10 px
// arrow) from the target, and the arrow's tip on the ring, 9 px out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from '../support/content-script-dom.mjs';

openPage('', { scripts: ['overlay-placement.js'] });
const { calloutPosition } = globalThis.ikaPlacement;

const VIEWPORT = { width: 1280, height: 800 };
const CALLOUT = { width: 320, height: 200 };
const NEAR = 19;
const TIP = 9;

function box(left, top, width = 160, height = 36) {
  return { left, top, right: left + width, bottom: top + height };
}

function covers(spot, size, r) {
  const height = spot.height ?? size.height;
  return spot.left < r.right && spot.left + size.width > r.left && spot.top < r.bottom && spot.top + height > r.top;
}

function where(spot) {
  return { left: spot.left, top: spot.top };
}

test('below the target, left-aligned, when there is room; the arrow points up at it', () => {
  const spot = calloutPosition(box(100, 100), CALLOUT, VIEWPORT);
  assert.deepEqual(where(spot), { left: 100, top: 136 + NEAR });
  assert.equal(spot.side, 'below');
  assert.equal(spot.height, null);
  assert.deepEqual(spot.arrow, { x: 180, y: 136 + TIP });
});

test('below and right-aligned when the right edge is near', () => {
  const near = box(1100, 100);
  assert.deepEqual(where(calloutPosition(near, CALLOUT, VIEWPORT)), { left: near.right - CALLOUT.width, top: 136 + NEAR });
});

test('above when the bottom is near; the arrow points down at it', () => {
  const low = box(100, 650);
  const spot = calloutPosition(low, CALLOUT, VIEWPORT);
  assert.deepEqual(where(spot), { left: 100, top: 650 - NEAR - CALLOUT.height });
  assert.equal(spot.side, 'above');
  assert.deepEqual(spot.arrow, { x: 180, y: 650 - TIP });
});

test('to the right, then to the left, of a target too tall for above or below', () => {
  const tall = box(100, 20, 200, 760);
  const right = calloutPosition(tall, CALLOUT, VIEWPORT);
  assert.deepEqual(where(right), { left: tall.right + NEAR, top: 20 });
  assert.equal(right.side, 'right');
  assert.equal(right.arrow.x, tall.right + TIP);
  const tallRight = box(900, 20, 200, 760);
  const left = calloutPosition(tallRight, CALLOUT, VIEWPORT);
  assert.deepEqual(where(left), { left: 900 - NEAR - CALLOUT.width, top: 20 });
  assert.equal(left.arrow.x, 900 - TIP);
});

test('the arrow stays on the edge of the callout when the target reaches past it', () => {
  const wide = box(40, 100, 1200, 36);
  const spot = calloutPosition(wide, CALLOUT, VIEWPORT);
  assert.equal(spot.side, 'below');
  assert.ok(spot.arrow.x >= spot.left + 12 && spot.arrow.x <= spot.left + CALLOUT.width - 12, JSON.stringify(spot));
});

test('a target off screen still gets a callout on screen', () => {
  const above = box(100, -500);
  const spot = calloutPosition(above, CALLOUT, VIEWPORT);
  assert.ok(spot.top >= 12 && spot.top + CALLOUT.height <= VIEWPORT.height - 12, `top ${spot.top}`);
  assert.ok(spot.left >= 12 && spot.left + CALLOUT.width <= VIEWPORT.width - 12, `left ${spot.left}`);
});

test('no target: bottom right, 24 px in, no arrow', () => {
  const spot = calloutPosition(null, CALLOUT, VIEWPORT);
  assert.deepEqual(where(spot), { left: 1280 - 320 - 24, top: 800 - 200 - 24 });
  assert.equal(spot.arrow, null);
});

test('a callout larger than the viewport starts at the margin and is cut to fit', () => {
  const small = { width: 300, height: 150 };
  const spot = calloutPosition(null, CALLOUT, small);
  assert.deepEqual(where(spot), { left: 12, top: 12 });
  assert.equal(spot.height, 150 - 24);
});

test('a target in a dialog: beside it on the side covering least of the dialog', () => {
  const dialog = { left: 360, top: 150, right: 920, bottom: 570 };
  const nameField = box(381, 335, 518, 34);
  const right = calloutPosition(nameField, CALLOUT, VIEWPORT, dialog);
  assert.deepEqual(where(right), { left: nameField.right + NEAR, top: 335 });
  assert.equal(right.side, 'right');
  // No room on the right: on the left of the target, outside the dialog.
  const rightDialog = { left: 600, top: 150, right: 1200, bottom: 570 };
  const left = calloutPosition(box(620, 335), CALLOUT, VIEWPORT, rightDialog);
  assert.deepEqual(where(left), { left: 620 - NEAR - 320, top: 335 });
  // A dialog as wide as the viewport: the usual places around the target.
  const wide = { left: 0, top: 0, right: 1280, bottom: 800 };
  assert.deepEqual(where(calloutPosition(box(100, 100), CALLOUT, VIEWPORT, wide)), { left: 100, top: 136 + NEAR });
});

test('the controls the instruction names are kept clear: below is taken, so above', () => {
  // Sign-in: the email field, Continue below it, "Sign up" below that.
  const email = box(440, 300, 400, 40);
  const signUp = box(560, 420, 60, 20);
  const spot = calloutPosition(email, CALLOUT, VIEWPORT, null, [box(440, 356, 400, 40), signUp]);
  assert.equal(spot.side, 'above');
  assert.ok(!covers(spot, CALLOUT, signUp));
});

test('an obstacle under the left-aligned place moves the callout along the same side', () => {
  const target = box(400, 100, 480, 36);
  const obstacle = box(400, 160, 150, 30);
  const spot = calloutPosition(target, CALLOUT, VIEWPORT, null, [obstacle]);
  assert.equal(spot.side, 'below');
  assert.ok(!covers(spot, CALLOUT, obstacle), JSON.stringify(spot));
  assert.equal(spot.left, 880 - 320, 'right-aligned with the target');
});

test('surrounded by obstacles: the place covering least, never the target', () => {
  const target = box(560, 380, 160, 40);
  const everywhere = [box(0, 0, 1280, 360), box(0, 440, 1280, 360), box(0, 360, 540, 80), box(740, 360, 540, 80)];
  const spot = calloutPosition(target, CALLOUT, VIEWPORT, null, everywhere);
  assert.ok(!covers(spot, CALLOUT, { left: target.left - 9, top: target.top - 9, right: target.right + 9, bottom: target.bottom + 9 }));
});

test('little room above and below: squeezed to the room there, scrolling, not over the target', () => {
  // 200% zoom: 640 x 400 CSS px, a tall callout, the field in the middle.
  const viewport = { width: 640, height: 400 };
  const tall = { width: 384, height: 360 };
  const field = box(20, 180, 600, 34);
  const spot = calloutPosition(field, tall, viewport);
  assert.ok(spot.height !== null && spot.height >= 96 && spot.height < 360, JSON.stringify(spot));
  assert.ok(!covers(spot, tall, field), JSON.stringify(spot));
  assert.ok(spot.arrow, 'still beside the field, with its arrow');
});

test('400% zoom (320 x 200 CSS px): a small callout, and still never over the target', () => {
  const viewport = { width: 320, height: 200 };
  const callout = { width: 296, height: 420 };
  for (const top of [20, 60, 83, 120, 150]) {
    const field = box(10, top, 300, 34);
    const spot = calloutPosition(field, callout, viewport);
    const ringed = { left: field.left - 9, top: field.top - 9, right: field.right + 9, bottom: field.bottom + 9 };
    assert.ok(!covers(spot, callout, ringed), `field at ${top}: ${JSON.stringify(spot)}`);
    assert.ok(spot.top >= 12 && spot.top + (spot.height ?? callout.height) <= 200 - 12 + 0.001, `field at ${top}: ${JSON.stringify(spot)}`);
  }
});

test('never squeezed below its heading and buttons while a corner is free', () => {
  // Room above for 181 px; the callout needs 250 px to show its heading and
  // buttons; below would cover the next field.
  const viewport = { width: 1280, height: 720 };
  const callout = { width: 384, height: 330, least: 250 };
  const field = box(390, 212, 670, 30);
  const next = box(390, 384, 300, 30);
  const spot = calloutPosition(field, callout, viewport, null, [next]);
  assert.ok(spot.height === null || spot.height >= 250, JSON.stringify(spot));
  assert.ok(!covers(spot, callout, next), JSON.stringify(spot));
  // With little enough to show, the squeezed place above is fine.
  const squeezed = calloutPosition(field, { ...callout, least: 150 }, viewport, null, [next]);
  assert.equal(squeezed.side, 'above');
  assert.equal(squeezed.height, 212 - 19 - 12);
});

// A dialog's permission rows at 200% zoom (640 x 400 CSS px): the target is
// a level at the right end of one row; the levels (and their labels) of it
// and of the next row reach into every column a 416 px callout can take.
const ZOOMED = { width: 640, height: 400 };
const WIDE = { width: 416, height: 376, least: 182 };
function rows(top) {
  const target = box(516, top, 13, 13);
  const levels = [box(445, top, 13, 13), box(461, top, 36, 16), box(423, top + 37, 13, 13), box(439, top + 37, 37, 16), box(495, top + 37, 13, 13)];
  return { target, levels };
}
function clearOf(spot, size, boxes) {
  return boxes.every((b) => !covers(spot, size, b));
}
const ring = (r) => ({ left: r.left - 9, top: r.top - 9, right: r.right + 9, bottom: r.bottom + 9 });

test('no full-height place leaves the rows clear: squeezed into the band above them, scrolling, rather than over a level', () => {
  const { target, levels } = rows(194);
  const spot = calloutPosition(target, WIDE, ZOOMED, null, levels);
  assert.ok(clearOf(spot, WIDE, [ring(target), ...levels]), JSON.stringify(spot));
  assert.ok(spot.height !== null && spot.height >= WIDE.least && spot.height < WIDE.height, JSON.stringify(spot));
  assert.ok(spot.top >= 12 && spot.top + spot.height <= 231, `above the next row: ${JSON.stringify(spot)}`);
});

test('the rows near the top: the band below them, ending at the margin', () => {
  const { target, levels } = rows(40);
  const spot = calloutPosition(target, WIDE, ZOOMED, null, levels);
  assert.ok(clearOf(spot, WIDE, [ring(target), ...levels]), JSON.stringify(spot));
  assert.ok(spot.height !== null && spot.height >= WIDE.least, JSON.stringify(spot));
  assert.ok(spot.top >= 40 + 37 + 16, `below the rows: ${JSON.stringify(spot)}`);
  assert.equal(spot.top + spot.height, 400 - 12);
});

test('a band shorter than the heading and buttons need is not taken', () => {
  const { target, levels } = rows(194);
  const needy = { ...WIDE, least: 250 };
  const spot = calloutPosition(target, needy, ZOOMED, null, levels);
  assert.ok(spot.height === null || spot.height >= 250, JSON.stringify(spot));
  assert.ok(!covers(spot, needy, ring(target)), JSON.stringify(spot));
});

test('both corner columns blocked: the column just past an obstacle, at full height', () => {
  // Labels down the left edge, a column of levels in the middle, the
  // target at the right edge: only x = 26..326 is clear top to bottom.
  const callout = { width: 300, height: 300, least: 200 };
  const target = box(600, 194, 13, 13);
  const obstacles = [box(5, 20, 15, 360), box(330, 20, 13, 360)];
  const spot = calloutPosition(target, callout, ZOOMED, null, obstacles);
  assert.ok(clearOf(spot, callout, [ring(target), ...obstacles]), JSON.stringify(spot));
  assert.equal(spot.left, 20 + 6);
  assert.equal(spot.height, null, 'not squeezed');
  assert.equal(spot.arrow, null, 'away from the target, no arrow');
});
