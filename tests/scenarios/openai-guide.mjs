// The OpenAI side of the guide as an admin meets it, written once for every
// browser driver: all eleven steps with the spotlight on the right control,
// reload and in-page navigation, a late target, and a background that stops
// and starts again.
import assert from 'node:assert/strict';
import { showingStep, sleep, waitFor } from './ui.mjs';

export const START_URL = 'https://auth.openai.com/log-in';

const inCreateDialog = [{ role: 'dialog', name: 'Create new secret key' }];

/** Each step: the control the spotlight must surround, and what a person does there. */
export const OPENAI_STEPS = [
  {
    number: 1,
    target: { role: 'textbox', name: 'Email address' },
    async act(ui) {
      await ui.fill({ role: 'textbox', name: 'Email address' }, 'admin@example.com');
      await ui.click({ role: 'button', name: 'Continue' });
      await ui.fill({ label: 'Password' }, 'practice-password');
      // Enter, as many people do: in Firefox the step's callout, placed
      // below the password field, can sit over this page's Continue button.
      await ui.press('Enter');
    },
  },
  { number: 2, target: { role: 'button', name: 'Start building' }, act: (ui) => ui.click({ role: 'button', name: 'Start building' }) },
  { number: 3, target: { role: 'button', name: /invite my team later/ }, act: (ui) => ui.click({ role: 'button', name: /invite my team later/ }) },
  {
    number: 4,
    target: { role: 'textbox', name: 'API key name' },
    async act(ui) {
      await ui.fill({ role: 'textbox', name: 'API key name' }, 'Innoslate test');
      await ui.click({ role: 'button', name: 'Generate API Key' });
    },
  },
  { number: 5, target: { role: 'button', name: 'Continue' }, act: (ui) => ui.click({ role: 'button', name: 'Continue' }) },
  {
    number: 6,
    target: { role: 'textbox', name: 'Organization name' },
    async act(ui) {
      await ui.fill({ role: 'textbox', name: 'Organization name' }, 'Acme Systems Engineering');
      await ui.click({ role: 'radio' });
      await ui.click({ role: 'button', name: 'Create organization' });
    },
  },
  {
    number: 7,
    target: { role: 'link', name: 'API keys', within: [{ role: 'navigation' }], last: true },
    act: (ui) => ui.click({ role: 'link', name: 'API keys', within: [{ role: 'navigation' }], last: true }),
  },
  { number: 8, target: { role: 'button', name: 'Create new secret key' }, act: (ui) => ui.click({ role: 'button', name: 'Create new secret key' }) },
  {
    number: 9,
    target: { placeholder: 'My Test Key', within: inCreateDialog },
    async act(ui) {
      await ui.fill({ placeholder: 'My Test Key', within: inCreateDialog }, 'Innoslate');
      await ui.click({ role: 'radio', name: 'Restricted', within: inCreateDialog });
    },
  },
  {
    number: 10,
    target: { role: 'radio', name: 'Read', within: [...inCreateDialog, { role: 'group', name: 'Models' }] },
    async act(ui) {
      await ui.click({ role: 'radio', name: 'Read', within: [...inCreateDialog, { role: 'group', name: 'Models' }] });
      // From the keyboard: once Models is set, the callout beside the
      // dialog can sit over the Model capabilities row.
      await ui.choose({ role: 'radio', name: 'Write', within: [...inCreateDialog, { role: 'group', name: 'Model capabilities' }] });
      await ui.click({ role: 'button', name: 'Create secret key', within: inCreateDialog });
    },
  },
  { number: 11, target: { role: 'textbox', within: [{ role: 'dialog', name: 'Save your key' }] }, act: null },
];

/** The spotlight surrounds the control's box, and nothing much bigger. */
export function spotlightAround(spot, box) {
  if (!spot || spot.hidden || !box) return false;
  return spot.x <= box.x + 0.5 && spot.y <= box.y + 0.5
    && spot.x + spot.width >= box.x + box.width - 0.5 && spot.y + spot.height >= box.y + box.height - 0.5
    && spot.width < box.width + 40 && spot.height < box.height + 40;
}

async function expectSpotlightOn(ui, target, what) {
  await waitFor(`the spotlight on ${what}`, async () => {
    const at = await ui.locate(target);
    const state = await ui.readOverlay();
    return at && state && spotlightAround(state.spotlight, at.box);
  }, { timeout: 8_000 });
}

/** The tabs' guide states, as the popup asks the background for them. */
export async function guideStates(driver) {
  const popup = await driver.openExtensionPage('popup/popup.html');
  try {
    return await popup.evaluate(async () => {
      const api = globalThis.browser ?? globalThis.chrome;
      const tabs = await api.tabs.query({});
      const states = [];
      for (const tab of tabs) {
        const reply = await api.runtime.sendMessage({ kind: 'guide_status', v: 1, tab_id: tab.id });
        if (reply && reply.ok) states.push({ tabId: tab.id, ...reply.guide });
      }
      return states;
    }, null);
  } finally {
    await popup.close();
  }
}

export const guideScenarios = {
  async 'walks all eleven steps, each recognised with the spotlight on its control'(driver) {
    const ui = await driver.newPage();
    await ui.goto(START_URL);
    for (const step of OPENAI_STEPS) {
      const state = await ui.waitOverlay(showingStep(step.number), { timeout: 12_000 });
      assert.ok(state.callout.labelText.length > 0, `step ${step.number} has a title`);
      assert.equal(state.shadowRootType, 'closed');
      await expectSpotlightOn(ui, step.target, `step ${step.number}'s control`);
      if (step.act) await step.act(ui);
    }
    await ui.close();
  },

  async 'reload and in-page navigation keep the guide on the right step'(driver) {
    const ui = await driver.newPage();
    await ui.goto('https://platform.openai.com/welcome?step=try');
    await ui.waitOverlay(showingStep(4));
    await ui.reload();
    await ui.waitOverlay(showingStep(4));
    // In-page navigation of the single-page app: no new document.
    await ui.goto('https://platform.openai.com/settings/organization/general');
    await ui.waitOverlay(showingStep(7));
    await ui.evaluate(() => { window.ikaSameDocument = true; }, null);
    await ui.click(OPENAI_STEPS[6].target);
    await ui.waitOverlay(showingStep(8));
    const after = await ui.evaluate(() => ({ sameDocument: window.ikaSameDocument === true, path: location.pathname }), null);
    assert.equal(after.sameDocument, true, 'the app changed screens without loading a new document');
    assert.match(after.path, /\/api-keys$/);
    await expectSpotlightOn(ui, OPENAI_STEPS[7].target, 'the create button after in-page navigation');
    await ui.close();
  },

  async 'a target that renders 2 s late gets the spotlight once it appears'(driver) {
    const ui = await driver.newPage();
    const started = Date.now();
    await ui.goto('https://platform.openai.com/api-keys?delay=2000');
    await ui.waitOverlay((s) => showingStep(8)(s) && !s.spotlight.hidden, { timeout: 8_000 });
    assert.ok(Date.now() - started >= 1900, 'the spotlight waited for the control');
    await expectSpotlightOn(ui, OPENAI_STEPS[7].target, 'the late button');
    await ui.close();
  },

  async 'by keyboard: the shortcut moves focus into the callout and back; Esc hides it and leaves "Show guide"'(driver) {
    const ui = await driver.newPage();
    await ui.goto('https://platform.openai.com/api-keys');
    await ui.waitOverlay(showingStep(8));
    await ui.bringToFront();
    await driver.pressShortcut();
    await ui.waitOverlay((s) => s.focus === 'callout');
    await ui.press('Escape');
    const hidden = await ui.waitOverlay((s) => s.calloutHidden && s.showGuide);
    assert.equal(hidden.focus, 'Show guide', 'focus is not dropped to the page');
    await driver.pressShortcut();
    await ui.waitOverlay((s) => !s.calloutHidden && !s.showGuide && s.focus === 'callout');
    // Pressed again: back to the page, on the control the step points at
    // (nothing on the page had focus before).
    await driver.pressShortcut();
    await ui.waitOverlay((s) => s.focus === null);
    const focused = await ui.evaluate(() => document.activeElement && document.activeElement.textContent, null);
    assert.match(focused, /Create new secret key/);
    await ui.close();
  },

  async 'a stopped background resumes at the same step'(driver) {
    const ui = await driver.newPage();
    await ui.goto('https://platform.openai.com/welcome?step=try');
    await ui.waitOverlay(showingStep(4));
    await driver.stopBackground();
    const states = await guideStates(driver);
    assert.ok(states.some((s) => s.number === 4 && s.step === 'name-key-and-project'), JSON.stringify(states));
    await ui.goto('https://platform.openai.com/settings/organization/general');
    await ui.waitOverlay(showingStep(7));
    await ui.close();
  },
};

export { sleep };
