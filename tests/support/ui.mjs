// The few things a scenario does with a tab, the same in every browser:
// find a control by role and name, click it with a trusted mouse click,
// type into a field, read the guide overlay, press a callout button. Each
// browser driver (tests/support/driver-*.mjs) supplies the primitives.
import { locateInPage, portableQuery } from './page-query.mjs';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// How long a callout button stays put before a person would press it.
const SETTLED_MS = 700;

/** Polls `probe` until it returns a truthy value; throws with the last value. */
export async function waitFor(what, probe, { timeout = 10_000, interval = 100 } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (error) {
      last = `error: ${error.message}`;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}; last: ${JSON.stringify(last)}`);
    await sleep(interval);
  }
}

/**
 * Wraps a driver's tab.
 * primitives: { goto, reload, url, close, evaluate(fn, arg), click(x, y),
 *   type(text), press(key), readOverlay(), raw }
 */
export function makeUi(primitives) {
  // Whether the radio or checkbox `query` finds shows as selected within 2 s.
  const selectedSoon = (query) => waitFor('the control to be selected', async () => (await ui.locate(query))?.checked, { timeout: 2000 })
    .then(() => true, () => false);
  const ui = {
    ...primitives,
    locate: (query) => primitives.evaluate(locateInPage, portableQuery(query)),
    async waitVisible(query, options) {
      return waitFor(`a control ${JSON.stringify(portableQuery(query))}`, () => ui.locate(query), options);
    },
    /**
     * Clicks once the control is there and nothing covers it. A radio or
     * checkbox not yet selected is looked at afterwards, as a person does
     * before going on: a click a busy machine lost (the page drew the
     * control again between the look and the click) is made again, twice
     * at most.
     */
    async click(query) {
      for (let press = 1; ; press += 1) {
        let last = null;
        const at = await waitFor(`an uncovered control ${JSON.stringify(portableQuery(query))}`, async () => {
          last = await ui.locate(query);
          return last && !last.coveredBy ? last : null;
        }).catch((error) => {
          throw last?.coveredBy ? new Error(`${JSON.stringify(portableQuery(query))} is covered by <${last.coveredBy}>`) : error;
        });
        await primitives.click(at.x, at.y);
        if (at.checked !== false) return;
        const chosen = await selectedSoon(query);
        if (chosen) return;
        if (press === 3) throw new Error(`${JSON.stringify(portableQuery(query))} was not selected by three clicks`);
      }
    },
    /**
     * Focuses the field, selects what is in it and types like a person
     * (trusted key events). Focus is given directly rather than by a click:
     * the guide's callout may sit over a field it is not pointing at.
     */
    async fill(query, text) {
      await ui.waitVisible({ ...query, focus: true });
      await primitives.type(text);
    },
    /**
     * Selects a radio or checkbox from the keyboard (focus, then Space), and
     * waits to see it selected, as a person looks before going on. A page
     * that draws the control again between the focus and the key press (a
     * busy machine widens that moment) gets the press on the old control;
     * the person presses again, and so does this, twice at most.
     */
    async choose(query) {
      for (let press = 1; ; press += 1) {
        const control = await ui.waitVisible({ ...query, focus: true });
        await primitives.press(' ');
        // Only a native input says whether it is selected.
        if (control.checked === null) return;
        const chosen = await selectedSoon(query);
        if (chosen) return;
        if (press === 3) throw new Error(`${JSON.stringify(portableQuery(query))} was not selected by Space, pressed three times`);
      }
    },
    async valueOf(query) {
      return (await ui.waitVisible(query)).value;
    },
    async waitOverlay(predicate, { timeout = 10_000 } = {}) {
      let last = null;
      try {
        return await waitFor('the overlay', async () => {
          last = await primitives.readOverlay();
          return last && predicate(last) ? last : null;
        }, { timeout, interval: 60 });
      } catch {
        throw new Error(`overlay never reached the expected state; last: ${JSON.stringify(last)}`);
      }
    },
    /**
     * Presses a callout button the way a person does: once it has been on
     * screen, in one place, long enough to read (the callout refuses a
     * security-relevant click sooner than 500 ms), with a trusted click.
     */
    async pressCallout(text) {
      const at = (s) => s && s.callout && s.callout.buttons.find((b) => b.text === text);
      let button = at(await ui.waitOverlay((s) => Boolean(at(s))));
      let since = Date.now();
      while (Date.now() - since < SETTLED_MS) {
        await sleep(100);
        const now = at(await primitives.readOverlay());
        if (!now) throw new Error(`the callout button "${text}" went away`);
        if (now.x !== button.x || now.y !== button.y) since = Date.now();
        button = now;
      }
      await primitives.click(button.x, button.y);
    },
  };
  return ui;
}

/** The callout shows step `n` of the OpenAI guide. */
export const showingStep = (n) => (s) => Boolean(s.callout) && !s.hostHidden && s.callout.text.includes(`Step ${n} of 11`);

/** The callout shows step `n`, whatever the guide's count of steps (the 2026 pages may change it). */
export const showingStepNumber = (n) => (s) => Boolean(s.callout) && !s.hostHidden
  && new RegExp(`Step ${n} of \\d+`).test(s.callout.text);
