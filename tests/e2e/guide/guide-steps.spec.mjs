// The guide-step evidence table (tests/guide-steps/evidence.mjs), one test
// per screen of each step: the callout shows that step, and its spotlight is
// around the control a person would use there, or, where the table says so,
// there is no spotlight and the callout says what to look for. A redesign of
// one OpenAI page fails that page's rows.
import { test, expect } from '@playwright/test';
import { useExtensionBrowser } from '../../support/extension-browser.mjs';
import { overlayProbe, showing } from '../../support/overlay-probe.mjs';
import { STEPS } from '../../guide-steps/evidence.mjs';

const env = useExtensionBrowser(test);
const PAD = 6; // overlay-placement.js draws the spotlight this far around its target

function around(spot, box) {
  const near = (a, b) => Math.abs(a - b) <= 3;
  return Boolean(spot && box) && !spot.hidden && near(spot.x, box.x - PAD) && near(spot.y, box.y - PAD)
    && near(spot.width, box.width + 2 * PAD) && near(spot.height, box.height + 2 * PAD);
}

for (const step of STEPS) {
  for (const screen of step.screens) {
    const variant = screen.knob ? `${screen.layout}, ${screen.knob}` : screen.layout;
    test(`step ${step.number} (${step.id}) on ${variant}: ${screen.expect === 'intended' ? 'spotlight on its control' : 'no spotlight, words to look for'}`, async () => {
      const page = await env.browser.context.newPage();
      await page.goto(screen.url);
      const probe = await overlayProbe(page);
      if (screen.expect === 'intended') {
        const target = screen.spotlightOn && page.getByRole(screen.spotlightOn.role, { name: screen.spotlightOn.name });
        const box = async (s) => (target ? target.boundingBox() : s.intended[step.id]);
        let last = null;
        await expect.poll(async () => {
          last = await probe.read();
          return Boolean(showing(step.number)(last) && around(last.spotlight, await box(last)));
        }, { timeout: 10_000, message: `step ${step.number} with its spotlight on ${screen.url}` }).toBe(true);
      } else {
        const state = await probe.until((s) => showing(step.number)(s) && s.callout.text.includes(screen.lookFor), { timeout: 10_000 });
        expect(state.spotlight?.hidden ?? true).toBe(true);
        // And no spotlight turns up later.
        await page.waitForTimeout(1000);
        expect((await probe.read()).spotlight?.hidden ?? true).toBe(true);
      }
      await probe.detach();
      await page.close();
    });
  }
}
