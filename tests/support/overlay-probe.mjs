// The guide overlay as Playwright tests see it from outside its closed
// shadow root, the way assistive technology and DevTools do: through the
// DevTools protocol (the reading itself is overlay-reader.mjs's). The page
// itself cannot do this, which is the point of the closed root.

import { expect } from '@playwright/test';
import { chromiumOverlayRoot, readOverlayAt, readOverlayChromium } from './overlay-reader.mjs';

// overlay-reader.mjs's state as these tests read it: hidden when the page's
// attribute or the overlay itself (Esc) hides it.
async function describeOverlay(cdp) {
  const state = await readOverlayChromium(cdp);
  return state && { ...state, hostHidden: state.hostHidden || state.calloutHidden };
}

/** A probe state predicate: the callout is up, not hidden, on step `n` of the guide. */
export const showing = (n) => (s) => Boolean(s && s.callout) && !s.hostHidden && s.callout.text.includes(`Step ${n} of 11`);

/** Waits until the page's attack (tests/practice-site/attacks/attacks.js, `?attack=NAME`) has struck. */
export async function attackArmed(page, name) {
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.attack ?? null)).toBe(name);
}

/** Accessible name and role of the callout as the browser computes them. */
export async function accessibleDialogs(cdp) {
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  return nodes
    .filter((n) => n.role && n.role.value === 'dialog' && !n.ignored)
    .map((n) => ({ name: n.name ? n.name.value : '', description: n.description ? n.description.value : '' }));
}

// A read the page's navigation cut short (the document or its world went
// away between two DevTools calls) reads as no overlay yet; any other
// failure is the test's.
const NAVIGATED = /does not belong to the document|Cannot find context|No node with given id|Execution context was destroyed/;
function droppedByNavigation(error) {
  if (NAVIGATED.test(String(error?.message))) return null;
  throw error;
}

// Every read includes the focus, live region and "Show guide" facts (some
// callers still ask for them with a second argument, `{ keyboard: true }`).
export async function overlayProbe(page) {
  const cdp = await page.context().newCDPSession(page);
  const describe = () => describeOverlay(cdp);
  return {
    read: describe,
    /** Polls until `predicate(state)` holds; returns that state. */
    async until(predicate, { timeout = 8000 } = {}) {
      const end = Date.now() + timeout;
      let state = null;
      while (Date.now() < end) {
        state = await describe().catch(droppedByNavigation);
        if (state && predicate(state)) return state;
        await page.waitForTimeout(50);
      }
      throw new Error(`overlay never reached the expected state; last: ${JSON.stringify(state)}`);
    },
    accessibleDialogs: () => accessibleDialogs(cdp),
    /**
     * Clicks a callout button the way a person does (a trusted mouse click),
     * after looking at it first: security-relevant buttons ignore clicks in
     * their first 500 ms on screen or in a new place. `{ atOnce: true }`
     * clicks without waiting.
     */
    async press(text, { atOnce = false } = {}) {
      const find = async () => (await describeOverlay(cdp))?.callout?.buttons.find((b) => b.text === text);
      let button = await find();
      for (let looks = 0; !atOnce && button && looks < 5; looks += 1) {
        await page.waitForTimeout(700);
        const again = await find();
        const still = again && again.x === button.x && again.y === button.y;
        button = again;
        if (still) break;
      }
      const state = await describeOverlay(cdp);
      if (!button) throw new Error(`no callout button "${text}" in ${JSON.stringify(state?.callout?.buttons)}`);
      await page.mouse.click(button.x, button.y);
    },
    detach: () => cdp.detach(),
  };
}

/**
 * The spotlight, the callout's text and the practice site's intended
 * controls (`data-practice-intended`, by step id), for suites that only ask
 * where the spotlight is: `{shown, callout, spotlight, intended}`, the
 * spotlight null while hidden; null without an overlay.
 */
export async function spotlightReader(page) {
  const cdp = await page.context().newCDPSession(page);
  // The shadow root found on this document, kept until the page navigates
  // (the content script keeps one host per document): a read is then one
  // call instead of five, hundreds of times per suite.
  let rootId = null;
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) rootId = null; });
  return {
    async read() {
      // The mutation suite reads OpenAI's pages, whose overlay host is in the top document.
      rootId ??= await chromiumOverlayRoot(cdp, { topDocument: true });
      if (!rootId) return null;
      const state = await readOverlayAt(cdp, rootId).catch((error) => {
        rootId = null;
        throw error;
      });
      const { x, y, width, height, hidden } = state.spotlight ?? { hidden: true };
      const box = ({ x: bx, y: by, width: bw, height: bh }) => ({ x: bx, y: by, width: bw, height: bh });
      return {
        shown: state.shown,
        callout: state.callout?.text ?? '',
        spotlight: hidden ? null : { x, y, width, height },
        intended: Object.fromEntries(Object.entries(state.intended).map(([id, b]) => [id, box(b)])),
      };
    },
    detach: () => cdp.detach(),
  };
}
