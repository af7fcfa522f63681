// Where the callout goes, measured in real Chromium on the practice site at
// 100%, 200% and 400% zoom (a viewport of 1280 x 800, 640 x 400 and
// 320 x 200 CSS px): it never covers its target; at 100% and 200% it also
// keeps clear of the focused control and of the controls the step's
// instruction names; beside its target, its arrow's tip sits on the
// spotlight's ring; its buttons never leave one alone on a short row.
import { test, expect } from '@playwright/test';
import { launchWithExtension, useExtensionBrowser } from '../../support/extension-browser.mjs';
import { overlayProbe } from '../../support/overlay-probe.mjs';
import { openSaveYourKey, preferencesWithKeyInTransit } from '../../scenarios/key-capture.mjs';
import { overlayWorld } from '../../support/overlay-world.mjs';
import { savedKeyRecord, storeKeyRecords } from '../../support/key-records.mjs';

const env = useExtensionBrowser(test);

const ZOOMS = [1, 2, 4];
// The spotlight's padding and ring around the target: covering them hides
// what marks the target.
const RING = 9;

// Read in a test-only world: the callout's box, its arrow, its buttons, and
// the page's focused element.
function geometry() {
  const box = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; };
  const callout = this.querySelector('[role=dialog]');
  const arrow = this.querySelector('.arrow');
  const actions = callout.querySelector('.actions');
  const focused = document.activeElement;
  const ownOrNone = !focused || focused === document.body || focused === document.documentElement || focused === this.host;
  return {
    callout: box(callout),
    arrow: !arrow || arrow.hidden ? null : { ...box(arrow), where: arrow.className },
    actions: box(actions),
    buttons: [...actions.querySelectorAll('button')].map((b) => ({ text: b.textContent, ...box(b) })),
    focused: ownOrNone ? null : { ...box(focused), name: focused.outerHTML.slice(0, 80) },
    viewport: { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
  };
}

function asBox(b) {
  return { left: b.x, top: b.y, right: b.x + b.width, bottom: b.y + b.height };
}

function grow(b, by) {
  return { left: b.left - by, top: b.top - by, right: b.right + by, bottom: b.bottom + by };
}

function intersects(a, b) {
  return a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
}

function gap(a, b) {
  return Math.max(0, a.left - b.right, b.left - a.right, a.top - b.bottom, b.top - a.bottom);
}

function contains(outer, inner) {
  return inner.left >= outer.left - 1 && inner.right <= outer.right + 1 && inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
}

// The geometry once the callout has stopped moving (it is placed in the
// frame after a resize or scroll).
async function settled(page) {
  let last = null;
  for (let i = 0; i < 20; i += 1) {
    await page.waitForTimeout(150);
    const world = await overlayWorld(page);
    const now = await world.call(geometry);
    await world.detach();
    if (last && JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  return last;
}

async function showing(page, text) {
  const probe = await overlayProbe(page);
  await probe.until((s) => s.callout && s.callout.text.includes(text) && !s.hostHidden, { timeout: 15_000 });
  await probe.detach();
}

/**
 * At each zoom: brings the target into view, waits for the callout, and
 * checks it against the target and, at 100% and 200%, the named controls,
 * their labels and the focused element. At 100% the callout is expected
 * beside its target, with its arrow, unless `arrowAt100` is false.
 */
async function checkAtEveryZoom(page, screen, target, named, { arrowAt100 = true } = {}) {
  const seen = [];
  for (const zoom of ZOOMS) {
    await page.setViewportSize({ width: 1280 / zoom, height: 800 / zoom });
    await target().scrollIntoViewIfNeeded();
    const g = await settled(page);
    const where = `${screen} at ${zoom * 100}%`;
    const t = asBox(await target().boundingBox());
    const detail = `${where}: callout ${JSON.stringify(g.callout)}, target ${JSON.stringify(t)}`;
    expect(intersects(g.callout, grow(t, RING)), `${detail}: covers its target`).toBe(false);
    expect(contains({ left: 0, top: 0, right: g.viewport.width, bottom: g.viewport.height }, g.callout), `${detail}: inside the viewport`).toBe(true);
    if (zoom <= 2) {
      for (const control of named()) {
        const b = await control.boundingBox();
        if (!b) continue;
        expect(intersects(g.callout, asBox(b)), `${detail}: covers ${control} at ${JSON.stringify(asBox(b))}`).toBe(false);
      }
      // The labels that say what the named controls are, and at 100% the
      // target's (at 200% a label right above the target may lose a few px
      // to a callout above it, when every other place covers more).
      for (const control of zoom === 1 ? [target(), ...named()] : named()) {
        const labels = await control.evaluate((el) => [...(el.labels || [])].map((l) => {
          const r = l.getBoundingClientRect();
          return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, text: l.textContent };
        })).catch(() => []);
        for (const label of labels) {
          expect(intersects(g.callout, label), `${detail}: covers the label ${JSON.stringify(label)}`).toBe(false);
        }
      }
      if (g.focused && !intersects(g.focused, t)) {
        expect(intersects(g.callout, g.focused), `${detail}: covers the focused ${g.focused.name}`).toBe(false);
      }
    }
    // Right beside its target, the callout points at it.
    if (gap(g.callout, t) <= 20) expect(g.arrow, `${detail}: beside the target without an arrow`).not.toBeNull();
    if (zoom === 1 && arrowAt100) expect(g.arrow, `${detail}: an arrow at 100%`).not.toBeNull();
    if (g.arrow) {
      expect(gap(g.arrow, t), `${detail}: arrow ${JSON.stringify(g.arrow)} reaches the target`).toBeLessThanOrEqual(12);
      expect(gap(g.arrow, g.callout), `${detail}: arrow ${JSON.stringify(g.arrow)} leaves the callout's edge`).toBeLessThanOrEqual(1);
      // The arrow points at the target, not past it.
      const across = /below|above/.test(g.arrow.where);
      const [mid, lo, hi] = across ? [(g.arrow.left + g.arrow.right) / 2, t.left, t.right] : [(g.arrow.top + g.arrow.bottom) / 2, t.top, t.bottom];
      expect(mid >= lo - 1 && mid <= hi + 1, `${detail}: arrow ${JSON.stringify(g.arrow)} beside the target`).toBe(true);
    }
    // No button alone on a row that it does not fill.
    const rows = new Map();
    for (const b of g.buttons) {
      const key = [...rows.keys()].find((top) => Math.abs(top - b.top) < 4) ?? b.top;
      rows.set(key, [...(rows.get(key) || []), b]);
    }
    for (const row of rows.values()) {
      if (row.length === 1) {
        expect(row[0].right - row[0].left, `${where}: "${row[0].text}" alone on a row: ${JSON.stringify(g.buttons)}`)
          .toBeGreaterThanOrEqual(g.actions.right - g.actions.left - 2);
      }
    }
    seen.push(g);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  return seen;
}

test('sign-in: clear of the email field, Continue and "Sign up"', async () => {
  const page = await env.browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('https://auth.openai.com/log-in');
  await showing(page, 'Step 1 of 11');
  await checkAtEveryZoom(page, 'sign-in',
    () => page.getByRole('textbox', { name: 'Email address' }),
    () => [page.getByRole('link', { name: 'Sign up' }), page.getByRole('button', { name: 'Continue' })]);
  await page.close();
});

test('create-key dialog: clear of the Name field, then of the permission rows of the next instruction', async () => {
  const page = await env.browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('https://platform.openai.com/api-keys');
  await page.getByRole('button', { name: 'Create new secret key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create new secret key' });
  await showing(page, 'Step 9 of 11');
  await checkAtEveryZoom(page, 'the Name field', () => dialog.getByPlaceholder('My Test Key'),
    () => [dialog.getByRole('radio', { name: 'Restricted' }), dialog.getByRole('combobox')]);
  await dialog.getByPlaceholder('My Test Key').fill('Innoslate');
  // Checking Restricted leaves the focus on it: the focused element is kept clear too.
  await dialog.getByRole('radio', { name: 'Restricted' }).check();
  await showing(page, 'Step 10 of 11');
  const row = (name) => dialog.getByRole('group', { name, exact: true }).getByRole('radio');
  await checkAtEveryZoom(page, 'permissions', () => dialog.getByRole('group', { name: 'Models', exact: true }).getByRole('radio', { name: 'Read' }),
    () => [...['Models', 'Model capabilities'].flatMap((name) => [row(name).first(), row(name).last()]), dialog.getByRole('button', { name: 'Create secret key' })],
    // Beside the Models row there is no room that leaves the Model
    // capabilities row readable: a corner it is.
    { arrowAt100: false });
  await page.close();
});

test('"Save your key": clear of the key field; pressing Send does not move the callout from under the pointer', async () => {
  const page = await env.browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  const { probe } = await openSaveYourKey(page);
  await checkAtEveryZoom(page, 'Save your key', () => page.getByRole('dialog', { name: 'Save your key' }).getByRole('textbox'), () => []);
  // The page's focus is on its own button; the press moves focus into the
  // callout, which must stay where the pointer went down.
  await page.getByRole('dialog', { name: 'Save your key' }).getByRole('button', { name: 'Copy' }).focus();
  const before = await settled(page);
  await probe.press('Send key to Innoslate');
  await probe.until((s) => /on its way/.test(s.callout.text));
  const after = await settled(page);
  expect(after.callout.left).toBe(before.callout.left);
  expect(after.callout.top).toBe(before.callout.top);
  await probe.detach();
  await page.close();
});

test('Innoslate preferences: clear of both key fields the Fill buttons fill', async () => {
  const page = await env.browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  const innoslate = await preferencesWithKeyInTransit(env.browser.context, page);
  await showing(innoslate, 'Put the key into Innoslate');
  const fields = innoslate.getByLabel('OpenAI API Key');
  // Beside the first field there is no room that shows the callout's
  // buttons and leaves the second field in view: a corner it is.
  await checkAtEveryZoom(innoslate, 'Innoslate preferences', () => fields.first(), () => [fields.last()], { arrowAt100: false });
  await innoslate.close();
  await page.close();
});

// Redesigns of the practice site (tests/practice-site/README.md): the
// control a person would use carries data-practice-intended.
for (const variant of ['wrappers:1', 'swaps:2', 'labels:3', 'banners:1', 'reordered:2', 'second-dialog:1']) {
  test(`redesign ${variant}: the permission step's callout stays off its target`, async () => {
    const page = await env.browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`https://platform.openai.com/api-keys?variant=${variant}&open=create&permissions=restricted`);
    await showing(page, 'Step 10 of 11');
    const target = page.locator('[data-practice-intended="restrict-permissions"]');
    await expect(target).toHaveCount(1);
    await checkAtEveryZoom(page, `permissions, ${variant}`, () => target, () => [], { arrowAt100: false });
    await page.close();
  });
}

test('2026 layout, "Save your key": clear of the unnamed key field, Copy and Done', async () => {
  const page = await env.browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('https://platform.openai.com/api-keys?layout=2026&open=save');
  const dialog = page.getByRole('dialog', { name: 'Save your key' });
  await showing(page, 'Step 11 of 11');
  await checkAtEveryZoom(page, 'Save your key (2026)', () => dialog.getByRole('textbox'),
    () => [dialog.getByRole('button', { name: 'Copy' }), dialog.getByRole('button', { name: 'Done' })]);
  await page.close();
});

// At 200% (640 x 400) every full-height corner reaches over the levels of
// the two rows: the callout is squeezed into the band above them.
test('2026 layout, permissions: clear of the rows it asks to set, their levels and Create secret key', async () => {
  const page = await env.browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('https://platform.openai.com/api-keys?layout=2026&open=create&permissions=restricted');
  const dialog = page.getByRole('dialog', { name: 'Create new secret key' });
  await showing(page, 'Step 10 of 11');
  const row = (name) => dialog.getByRole('group', { name, exact: true }).getByRole('radio');
  await checkAtEveryZoom(page, 'permissions (2026)', () => row('Models').last(),
    () => [...['Models', 'Model capabilities'].flatMap((name) => [row(name).first(), row(name).last()]), dialog.getByRole('button', { name: 'Create secret key' })],
    { arrowAt100: false });
  await page.close();
});

/** At 100% and 200%: the callout covers none of `controls()`. */
async function clearOfAtTwoZooms(page, where, controls) {
  for (const zoom of [1, 2]) {
    await page.setViewportSize({ width: 1280 / zoom, height: 800 / zoom });
    const g = await settled(page);
    for (const control of controls()) {
      const b = asBox(await control.boundingBox());
      expect(intersects(g.callout, b), `${where} at ${zoom * 100}%: callout ${JSON.stringify(g.callout)} covers ${control} at ${JSON.stringify(b)}`).toBe(false);
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await settled(page);
}

// During a replacement the callout is taller (the line naming the key being
// replaced). Once the key is on its way, and again once Innoslate has saved
// it (the callout then asks to revoke the old key, whose row the dialog
// still hides), it leaves the dialog's Copy and Done to the mouse.
test('2026 layout, "Save your key" during a replacement: clear of Copy and Done once sent and once saved in Innoslate', async () => {
  test.setTimeout(120_000);
  // Its own browser: the replacement under way would change the other tests' callouts.
  const browser = await launchWithExtension(env.site);
  try {
    const old = savedKeyRecord();
    await storeKeyRecords(browser.worker, [old]);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
    const replacing = browser.context.waitForEvent('page');
    await popup.getByRole('button', { name: 'Replace this key' }).click();
    const page = await replacing;
    await popup.close();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('https://platform.openai.com/api-keys?layout=2026&open=save');
    const dialog = page.getByRole('dialog', { name: 'Save your key' });
    const copyAndDone = () => [dialog.getByRole('button', { name: 'Copy' }), dialog.getByRole('button', { name: 'Done' })];
    const probe = await overlayProbe(page);
    await probe.until((s) => s.callout?.text.includes(`Replacing the key ${old.name} (${old.masked})`)
      && s.callout.buttons.some((b) => b.text === 'Send key to Innoslate'), { timeout: 15_000 });
    const opened = browser.context.waitForEvent('page');
    await probe.press('Send key to Innoslate');
    const innoslate = await opened;
    await page.bringToFront();
    await probe.until((s) => /on its way/.test(s.callout.text) && s.callout.text.includes('Replacing the key'));
    await clearOfAtTwoZooms(page, 'key sent', copyAndDone);

    await innoslate.bringToFront();
    await innoslate.goto('https://cloud.innoslate.com/acme/admin/preferences');
    const inProbe = await overlayProbe(innoslate);
    await inProbe.until((s) => s.callout?.buttons.some((b) => b.text === 'Fill Both'), { timeout: 15_000 });
    await inProbe.press('Fill Both');
    await inProbe.until((s) => s.callout?.labelText === 'Make Chat AI use your key');
    await innoslate.getByRole('region', { name: 'Chat AI' }).getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'OpenAI' });
    await innoslate.getByRole('group', { name: 'Image AI provider' }).getByRole('radio', { name: 'OpenAI' }).check();
    await inProbe.until((s) => s.callout?.labelText === 'Check and save');
    await inProbe.detach();
    await innoslate.getByRole('button', { name: 'Save' }).click();
    await expect(innoslate.locator('#save-result')).toContainText('chat-openai=set image-openai=set');

    await page.bringToFront();
    await probe.until((s) => s.callout?.text.includes('Revoking: step 1 of 2'), { timeout: 15_000 });
    await probe.detach();
    await clearOfAtTwoZooms(page, 'revoking behind "Save your key"', copyAndDone);
    // What a mouse user does next: Done takes the press, and the dialog closes.
    await dialog.getByRole('button', { name: 'Done' }).click({ timeout: 5_000 });
    await expect(dialog).toHaveCount(0);
  } finally {
    await browser.close();
  }
});

// Known gap: the callout is placed in the task that spots the control, so a
// page that moves the control in that frame's own callbacks gets one frame
// with the callout over it (the move watch puts it right in the next).
// Placing from a resize observer after the frame's layout fixed this frame
// but pointed wrong on two redesigned permission screens of the mutation
// suite, so it was taken out again.
test.fixme('a target drawn, then pushed down by the page before the frame is painted: that first frame shows the callout beside it, not over it', async () => {
  const page = await env.browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('https://platform.openai.com/api-keys?missing=create-button');
  await page.getByRole('heading', { name: 'API keys' }).waitFor();
  // The first report's answer (the target is still missing) comes back.
  await page.waitForTimeout(800);
  const first = await page.evaluate(() => new Promise((resolve) => {
    const main = document.querySelector('main');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = '+ Create new secret key';
    main.prepend(button);
    // After the control was added (and spotted), before the frame is
    // painted, the page's own frame work pushes it 80 px down.
    requestAnimationFrame(() => {
      const banner = document.createElement('div');
      banner.style.height = '80px';
      main.prepend(banner);
      // Read in this frame, after its layout, as it will be painted (an
      // observer made now reports after those the content script made when
      // it drew the callout, and before the core's answer can move it).
      const paint = new ResizeObserver(() => {
        paint.disconnect();
        const r = button.getBoundingClientRect();
        const x = r.left + Math.min(r.width / 2, 40);
        const at = (y) => document.elementFromPoint(x, y)?.localName ?? null;
        resolve({ middle: at(r.top + r.height / 2), below: at(r.bottom + 40), above: at(r.top - 40) });
      });
      paint.observe(button);
    });
  }));
  expect(first.middle, JSON.stringify(first)).toBe('button');
  expect([first.below, first.above], JSON.stringify(first)).toContain('ika-guide-overlay');
  await page.close();
});
