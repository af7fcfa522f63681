// Drives pages with the keyboard alone, the way an admin who does not use a
// mouse would: Tab, Shift+Tab, Enter, Space, arrow keys in radio groups,
// typing, and the extension's keyboard shortcut.
//
// Headless Chromium does not deliver extension shortcuts: a key pressed
// through the DevTools protocol (page.keyboard.press('Alt+Shift+K')) goes to
// the page and never reaches the browser's shortcut handling. So the
// shortcut is pressed by firing the browser's own commands.onCommand event
// in the service worker, which runs the background's real handler with the
// active tab, as the browser does when the keys are pressed.

const MAX_TABS = 80;

/** Fires the "focus-guide" command on the active tab, as pressing Alt+Shift+K does. */
export async function pressShortcut(browser, page) {
  await page.bringToFront();
  await browser.worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    chrome.commands.onCommand.dispatch('focus-guide', tab);
  });
}

/** Whether `locator`'s element (or something inside it) has the page's focus. */
export function hasFocus(locator) {
  return locator.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));
}

/**
 * Presses Tab (Shift+Tab with `back`) until `reached()` holds; fails after
 * MAX_TABS presses. Returns the number of presses.
 */
export async function tabUntil(page, reached, { back = false, what = 'the control' } = {}) {
  for (let presses = 0; presses <= MAX_TABS; presses += 1) {
    if (await reached()) return presses;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${what} never got focus within ${MAX_TABS} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

/** Tabs to a page control. */
export function tabTo(page, locator, options = {}) {
  return tabUntil(page, () => hasFocus(locator), { what: String(locator), ...options });
}

/**
 * Tabs to the callout button labelled `label` (focus must already be in or
 * before the callout), waiting first until the callout shows it.
 */
export async function tabToCalloutButton(page, probe, label, options = {}) {
  await probe.until((s) => s.callout && s.callout.buttons.some((b) => b.text === label));
  return tabUntil(page, async () => (await probe.read())?.focus === label, { what: `callout button "${label}"`, ...options });
}
