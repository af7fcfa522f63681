// The whole flow with the keyboard alone, from OpenAI's sign-in to the
// filled "OpenAI API Key" fields on Innoslate's Organization Preferences:
// Tab, Shift+Tab, Enter, Space, arrow keys inside radio groups, typing, and
// the extension's shortcut to reach the callout. Once as the practice site
// renders its dialogs, once with the focus trap of React dialog libraries
// (focus leaving the dialog is pulled back into it).
import { test, expect } from '@playwright/test';
import { useExtensionBrowser, keyWaiting, watchPageErrors } from '../../support/extension-browser.mjs';
import { overlayProbe, showing } from '../../support/overlay-probe.mjs';
import { START_URL } from '../../scenarios/openai-flow.mjs';
import { hasFocus, pressShortcut, tabTo, tabToCalloutButton, tabUntil } from '../../support/keyboard.mjs';

// A browser for each: the two long tests run side by side, so sharing one
// per worker would save nothing.
const env = useExtensionBrowser(test, { per: 'test' });

/** Tabs to `locator` and types `text` into it. */
async function typeInto(page, locator, text) {
  await tabTo(page, locator);
  await page.keyboard.type(text);
}

/** Tabs to `locator` and presses `key` on it (Enter for links, Space for buttons). */
async function activate(page, locator, key = 'Enter') {
  await tabTo(page, locator);
  await page.keyboard.press(key);
}

/** Moves focus into the callout with the shortcut, then tabs to `label` and presses Enter once it has been seen. */
async function pressInCallout(page, probe, label) {
  await probe.until((s) => s.callout && !s.hostHidden && s.callout.buttons.some((b) => b.text === label));
  await pressShortcut(env.browser, page);
  await probe.until((s) => s.focus === 'callout');
  await tabToCalloutButton(page, probe, label);
  // Guarded buttons take a press only once the callout has been on screen,
  // still, for half a second: as for a click.
  await page.waitForTimeout(700);
  await page.keyboard.press('Enter');
}

async function fieldValues(page) {
  return {
    chat: await page.getByRole('region', { name: 'Chat AI' }).getByLabel('OpenAI API Key').inputValue(),
    image: await page.getByRole('region', { name: 'Image AI' }).getByLabel('OpenAI API Key').inputValue(),
  };
}

async function keyboardOnlyFlow({ trap }) {
  const { context } = env.browser;
  if (trap) await context.addCookies([{ name: 'practice-focus-trap', value: '1', domain: 'platform.openai.com', path: '/' }]);
  const page = await context.newPage();
  // No page logs an error or throws on the way, OpenAI's or Innoslate's.
  const errors = watchPageErrors(page);
  await page.goto(START_URL);
  let probe = await overlayProbe(page, { keyboard: true });

  // 1: sign in. The shortcut works from the first step: into the callout
  // and back to the page's body, where Tab starts again.
  await probe.until(showing(1));
  await pressShortcut(env.browser, page);
  await probe.until((s) => s.focus === 'callout');
  await typeInto(page, page.getByRole('textbox', { name: 'Email address' }), 'admin@example.com');
  await page.keyboard.press('Enter');
  await page.waitForURL(/password/);
  await typeInto(page, page.getByLabel('Password'), 'practice-password');
  await page.keyboard.press('Enter');

  // 2-3: onboarding buttons, pressed with Space.
  probe = await overlayProbe(page, { keyboard: true });
  await probe.until(showing(2));
  await activate(page, page.getByRole('button', { name: 'Start building' }), 'Space');
  await probe.until(showing(3));
  await activate(page, page.getByRole('button', { name: /invite my team later/ }), 'Space');

  // 4-5: name the first key, then continue.
  await probe.until(showing(4));
  await typeInto(page, page.getByRole('textbox', { name: 'API key name' }), 'Innoslate test');
  await activate(page, page.getByRole('button', { name: 'Generate API Key' }));
  await probe.until(showing(5));
  await activate(page, page.getByRole('button', { name: 'Continue' }));

  // 6: the organization, its first radio chosen with Space.
  await probe.until(showing(6));
  await typeInto(page, page.getByRole('textbox', { name: 'Organization name' }), 'Acme Systems Engineering');
  await tabTo(page, page.getByRole('radio').first());
  await page.keyboard.press('Space');
  await activate(page, page.getByRole('button', { name: 'Create organization' }));

  // 7-8: to the keys page, and open the dialog.
  probe = await overlayProbe(page, { keyboard: true });
  await probe.until(showing(7));
  await activate(page, page.getByRole('navigation').getByRole('link', { name: 'API keys' }).last());
  probe = await overlayProbe(page, { keyboard: true });
  await probe.until(showing(8));
  await activate(page, page.getByRole('button', { name: 'Create new secret key' }));

  // 9: inside the modal dialog. The callout is reachable by the shortcut,
  // and the shortcut brings focus back into the dialog where it was.
  const dialog = page.getByRole('dialog', { name: 'Create new secret key' });
  await probe.until(showing(9));
  const name = dialog.getByPlaceholder('My Test Key');
  await tabTo(page, name);
  await pressShortcut(env.browser, page);
  await probe.until((s) => s.focus === 'callout');
  // A trap would pull focus back at once; it stays in the callout.
  await page.waitForTimeout(300);
  expect((await probe.read()).focus).toBe('callout');
  await page.keyboard.press('Tab');
  expect((await probe.read()).focus).not.toBeNull();
  await pressShortcut(env.browser, page);
  await expect.poll(() => hasFocus(name)).toBe(true);
  await page.keyboard.type('Innoslate');
  // Shift+Tab back to the owner choice, then Tab forward to Permissions.
  await tabUntil(page, () => hasFocus(dialog.getByRole('radio', { name: 'You' })), { back: true, what: 'the owner choice' });
  await tabTo(page, dialog.getByRole('radio', { name: 'All' }));
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('radio', { name: 'Restricted' })).toBeChecked();

  // 10: Models: Read and Model capabilities: Write, then create.
  await probe.until(showing(10));
  for (const [group, level] of [['Models', 'Read'], ['Model capabilities', 'Write']]) {
    await tabTo(page, dialog.getByRole('group', { name: group, exact: true }).getByRole('radio', { name: 'None' }));
    await page.keyboard.press('ArrowRight');
    await expect(dialog.getByRole('group', { name: group, exact: true }).getByRole('radio', { name: level })).toBeChecked();
  }
  await activate(page, dialog.getByRole('button', { name: 'Create secret key' }));

  // 11: send the key with the callout's button, by keyboard.
  const key = await page.getByTestId('secret-key-value').inputValue();
  expect(key).toMatch(/^sk-proj-/);
  await probe.until((s) => showing(11)(s) && s.callout.buttons.some((b) => b.text === 'Send key to Innoslate'));
  const opened = context.waitForEvent('page');
  await pressInCallout(page, probe, 'Send key to Innoslate');
  const innoslate = await opened;
  const innoslateErrors = watchPageErrors(innoslate);
  await probe.detach();
  await innoslate.waitForLoadState();

  // Innoslate: the admin dashboard, Organization Preferences, then Fill Both.
  let inno = await overlayProbe(innoslate, { keyboard: true });
  await inno.until((s) => s.callout && !s.hostHidden);
  await activate(innoslate, innoslate.getByRole('link', { name: 'Admin Dashboard' }));
  await activate(innoslate, innoslate.getByRole('link', { name: 'Organization Preferences' }));
  inno = await overlayProbe(innoslate, { keyboard: true });
  await pressInCallout(innoslate, inno, 'Fill Both');
  await expect.poll(() => fieldValues(innoslate)).toEqual({ chat: key, image: key });
  // After the fill, focus is still in the callout, never dropped to the body.
  expect(await innoslate.evaluate(() => document.activeElement !== document.body)).toBe(true);
  expect(await keyWaiting(env.browser)).toBeNull();
  await inno.detach();
  expect([...errors, ...innoslateErrors]).toEqual([]);
}

test('the whole flow by keyboard alone: sign-in to the filled Innoslate field', async () => {
  await keyboardOnlyFlow({ trap: false });
});

test('the whole flow by keyboard alone when the page traps focus inside its modal dialog', async () => {
  await keyboardOnlyFlow({ trap: true });
});
