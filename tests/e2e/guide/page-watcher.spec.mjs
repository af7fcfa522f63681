// The watcher in the page's own world (extension/content/page-changes.js)
// under a page that plays with it (tests/practice-site/attacks/attacks.js,
// `?attack=NAME`): its events are the page's to forge or stop, so neither
// may cost the guide its footing or a key its field.
import { test, expect } from '@playwright/test';
import { useExtensionBrowser, keyWaiting } from '../../support/extension-browser.mjs';
import { overlayProbe, showing, attackArmed } from '../../support/overlay-probe.mjs';
import { createKeyAndSend } from '../../scenarios/key-capture.mjs';

const env = useExtensionBrowser(test, { per: 'worker' });
const KEYS = 'https://platform.openai.com/api-keys';
const PREFS = 'https://cloud.innoslate.com/acme/admin/preferences';

test('a page that forges the watcher\'s events (watch everything, "look again" a thousand times a second) still gets the right steps', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(`${KEYS}?attack=hint-flood`);
  const probe = await overlayProbe(page);
  await attackArmed(page, 'hint-flood');
  const create = page.getByRole('button', { name: 'Create new secret key' });
  const state = await probe.until((s) => showing(8)(s) && !s.spotlight.hidden);
  const box = await create.boundingBox();
  expect(Math.abs(state.spotlight.x + state.spotlight.width / 2 - (box.x + box.width / 2))).toBeLessThan(2);
  // The page moves on under the flood, and the guide with it.
  await create.click();
  await probe.until(showing(9));
  // The flood goes on: the callout stays as it is.
  await page.waitForTimeout(500);
  expect(showing(9)(await probe.read())).toBe(true);
});

test('a page that stops the watcher\'s "look again" and swaps the key field gets nothing into the new field', async () => {
  const openai = await env.browser.context.newPage();
  const { innoslate } = await createKeyAndSend(env.browser.context, openai);
  await innoslate.goto(`${PREFS}?attack=mute-hints`);
  const probe = await overlayProbe(innoslate);
  await probe.until((s) => s.callout && s.callout.buttons.some((b) => b.text === 'Fill Both'));
  await attackArmed(innoslate, 'mute-hints');
  await innoslate.evaluate(() => window.swapKeyFields());
  // Unheard, the swap leaves the offer up; pressing it finds its fields gone.
  await innoslate.waitForTimeout(900);
  const state = await probe.read();
  const fill = state.callout.buttons.find((b) => b.text === 'Fill Both');
  expect(fill, 'the offer is still shown').toBeTruthy();
  await innoslate.mouse.click(fill.x, fill.y);
  await probe.until((s) => /no longer on the page/.test(s.callout.text));
  for (const field of await innoslate.getByLabel('OpenAI API Key').all()) await expect(field).toHaveValue('');
  expect(await keyWaiting(env.browser)).not.toBeNull();
});
