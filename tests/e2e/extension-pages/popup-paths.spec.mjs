// Two ways through the popup that do not depend on recognising OpenAI's
// dialog: sending a key pasted into "Check a key" to Innoslate (a key made
// earlier, by someone else, or a rotation), and the diagnostic report an
// admin copies when a screen looks different, which must never carry a key.
import { test, expect } from '@playwright/test';
import { useExtensionBrowser } from '../../support/extension-browser.mjs';
import { inContentScript } from '../../support/content-world.mjs';
import { overlayProbe } from '../../support/overlay-probe.mjs';
import { createKey } from '../../scenarios/key-capture.mjs';
import { newSecretKey } from '../../practice-site/openai/platform/keygen.js';

const env = useExtensionBrowser(test, { per: 'worker' });
const PREFS = 'https://cloud.innoslate.com/acme/admin/preferences';

async function openPopup() {
  const popup = await env.browser.context.newPage();
  await popup.goto(`chrome-extension://${env.browser.extensionId}/popup/popup.html`);
  await expect(popup.locator('#core-status')).toContainText('Ready');
  return popup;
}

const vaultOf = (popup) => popup.evaluate(() => chrome.runtime.sendMessage({ kind: 'vault_status', v: 1 }).then((r) => r.vault));

test('a key pasted into "Check a key" goes to Innoslate the way a captured key does', async () => {
  const popup = await openPopup();
  const key = newSecretKey('proj');
  await popup.getByLabel(/Paste a key/).fill(key);
  await popup.getByRole('button', { name: 'Check' }).click();
  await expect(popup.locator('#check-result')).toContainText('Innoslate can use this key.');
  // Cleared at once, before anything is sent.
  await expect(popup.getByLabel(/Paste a key/)).toHaveValue('');
  const opened = env.browser.context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Send to Innoslate', exact: true }).click();
  const innoslate = await opened;
  await expect(popup.locator('#check-send-status')).toContainText(`sk-proj-\u2026${key.slice(-4)}`);
  await expect(popup.getByRole('button', { name: 'Send to Innoslate', exact: true }).first()).toBeVisible();
  await innoslate.waitForLoadState();
  expect(new URL(innoslate.url()).origin).toBe('https://cloud.innoslate.com');
  const vault = await vaultOf(popup);
  expect(vault).toMatchObject({ kind: 'project', destination: 'https://cloud.innoslate.com', masked: `sk-proj-\u2026${key.slice(-4)}` });

  // Same way in as a captured key: offered on the preferences page, filled on the admin's choice.
  await innoslate.goto(PREFS);
  const probe = await overlayProbe(innoslate);
  await probe.until((s) => s.callout && s.callout.buttons.some((b) => b.text === 'Fill Chat AI'));
  await probe.press('Fill Chat AI');
  const chat = innoslate.getByRole('region', { name: 'Chat AI' }).getByLabel('OpenAI API Key');
  await expect.poll(() => chat.inputValue()).toBe(key);
  await probe.detach();
  expect(await vaultOf(popup)).toBeNull();
  // Never written to storage a page or a later session could read.
  const stored = await popup.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]));
  expect(stored).not.toContain(key.slice(8, 40));
});

test('an unusable paste offers no sending; an unfamiliar shape asks first', async () => {
  const popup = await openPopup();
  const send = popup.locator('#check-send');
  await popup.getByLabel(/Paste a key/).fill('sk-...abcd');
  await popup.getByRole('button', { name: 'Check' }).click();
  await expect(popup.locator('#check-result')).toContainText('Innoslate cannot use this.');
  await expect(send).toBeHidden();

  const odd = `sk-proj-${'a1'.repeat(20)}T3BlbkFJ${'b2'.repeat(20)}`;
  await popup.getByLabel(/Paste a key/).fill(odd);
  await popup.getByRole('button', { name: 'Check' }).click();
  await expect(popup.locator('#check-result')).toContainText('unfamiliar');
  await expect(send).toHaveText('Send to Innoslate anyway');
  const opened = env.browser.context.waitForEvent('page');
  await send.click();
  await opened;
  expect(await vaultOf(popup)).toMatchObject({ kind: 'unknown_openai' });

  // Checking another key forgets the one before: nothing left to send.
  await popup.getByLabel(/Paste a key/).fill('not a key');
  await popup.getByRole('button', { name: 'Check' }).click();
  await expect(send).toBeHidden();
});

test('a content script cannot hand the core a key the way the popup does', async () => {
  const page = await env.browser.context.newPage();
  await page.goto('https://platform.openai.com/api-keys');
  await (await overlayProbe(page)).until((s) => Boolean(s.callout));
  const key = newSecretKey('proj');
  const reply = await inContentScript(page, `chrome.runtime.sendMessage({ kind: 'send_key', v: 1, key: ${JSON.stringify(key)} })`);
  expect(reply).toMatchObject({ ok: false, code: 'not_allowed' });
  const popup = await openPopup();
  expect(await vaultOf(popup)).toBeNull();
});

test('the diagnostic report describes the page and leaves out every key and token', async () => {
  const popup = await openPopup();
  const openai = await env.browser.context.newPage();
  const key = await createKey(openai);
  const token = `ghp_${'Zx8Qw2Lm'.repeat(4)}`;
  const random = 'q7RkT2vXb9LmN4pWc8ZsY3hJd6FgA1eUo5KiV0tB';
  // The page also shows the key and other tokens as text and as names, two
  // of them where the report's 120-character limit falls inside the token.
  await openai.evaluate(([k, t, r]) => {
    const note = document.createElement('p');
    note.textContent = `Your new key: ${k}`;
    const link = document.createElement('a');
    link.href = '#';
    link.textContent = `Revoke ${t}`;
    const button = document.createElement('button');
    button.setAttribute('aria-label', `Copy ${k.slice(0, 60)}`);
    button.textContent = 'Copy';
    const lead = 'Share this project key with the service that needs it and keep a copy where your team keeps other ones';
    const cutToken = document.createElement('button');
    // The limit falls after `ghp_` and 11 more characters.
    cutToken.setAttribute('aria-label', `${lead} - ${t}`);
    const cutRandom = document.createElement('button');
    // And after 20 characters of a random token.
    cutRandom.setAttribute('aria-label', `${lead.slice(0, 99)} ${r}`);
    document.querySelector('[role=dialog], dialog').append(note, link, button, cutToken, cutRandom);
  }, [key, token, random]);
  await (await overlayProbe(openai)).until((s) => s.callout && s.callout.text.includes('Step 11 of 11'));

  await openai.bringToFront();
  await popup.getByText('A screen looks different').click();
  await popup.getByRole('button', { name: 'Copy a diagnostic report' }).click();
  const report = popup.getByRole('textbox', { name: 'Diagnostic report' });
  await expect(report).toBeVisible();
  const text = await report.inputValue();
  expect(text).toContain('Page: \u201chttps://platform.openai.com/api-keys\u201d');
  expect(text).toContain('Guide expects: step 11 of 11');
  expect(text).toMatch(/Save your key/);
  expect(text).toMatch(/- textbox .*has a value/);
  expect(text).toMatch(/left out/);
  for (const secret of [key, key.slice(8, 40), key.slice(-30), token, token.slice(4)]) {
    expect(text).not.toContain(secret);
  }
  // No piece of a token the limit fell in, not even its public prefix.
  for (const cut of [token, random]) {
    for (let i = 0; i + 6 <= cut.length; i += 1) expect(text).not.toContain(cut.slice(i, i + 6));
  }
  expect(text).not.toContain('ghp_');
  // Each of the texts above that held a secret is counted.
  const [, removed] = /(\d+) texts? that looked like a key or token/.exec(text) || [];
  expect(Number(removed)).toBeGreaterThanOrEqual(4);
  await expect(popup.locator('#diagnostic-status')).not.toBeEmpty();
});

test('the diagnostic report says so when the assistant is not on the tab', async () => {
  const popup = await openPopup();
  const other = await env.browser.context.newPage();
  await other.goto('about:blank');
  await other.bringToFront();
  await popup.getByText('A screen looks different').click();
  await popup.getByRole('button', { name: 'Copy a diagnostic report' }).click();
  await expect(popup.locator('#diagnostic-status')).toContainText('not running on this tab');
  await expect(popup.getByRole('textbox', { name: 'Diagnostic report' })).toBeHidden();
});
