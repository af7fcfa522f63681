// `cargo xtask demo`: walks the whole OpenAI flow on the practice site with
// the built extension loaded, one screenshot per guide step, and writes
// target/demo/index.html that shows them in order. The walk replaces a
// recorded key (one of the practice table's earlier keys): started from the
// popup, it ends with that key revoked on OpenAI's keys page. A visible window when a
// display exists, headless otherwise. The 2026 layout of the OpenAI pages by
// default; DEMO_LAYOUT=2025 walks the older one.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startPracticeSite } from '../practice-site/server.mjs';
import { launchWithExtension } from '../support/extension-browser.mjs';
import { overlayProbe } from '../support/overlay-probe.mjs';
import { savedKeyRecord, storeKeyRecords } from '../support/key-records.mjs';
import { OPENAI_FLOW, OPENAI_FLOW_2026, START_URL, START_URL_2026 } from '../scenarios/openai-flow.mjs';

const LAYOUT = process.env.DEMO_LAYOUT === '2025' ? '2025' : '2026';
const FLOW = LAYOUT === '2025' ? OPENAI_FLOW : OPENAI_FLOW_2026;

const OUT = path.resolve('target/demo');

const escapeHtml = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));

async function snap(page, shots, file, label, title) {
  await page.waitForTimeout(250);
  await page.screenshot({ path: path.join(OUT, file) });
  shots.push({ file, label, title, url: page.url() });
  console.log(`demo: ${label}: ${title}  (${file})`);
}

// From "Save your key" into Innoslate's preferences, as far as the guide
// goes: the admin presses Fill, picks OpenAI for Chat AI and Image AI where
// the guide points, then the guide points at Save (which only the admin
// presses).
async function walkInnoslate(context, openai, shots, out) {
  const probe = await overlayProbe(openai);
  const opened = context.waitForEvent('page');
  await probe.press('Send key to Innoslate');
  const sent = await probe.until((s) => /on its way/.test(s.callout.text));
  await snap(openai, shots, '12-key-sent.png', sent.callout.text.match(/Step \d+ of \d+/)?.[0] ?? 'Step 11', `${sent.callout.labelText} (sent)`);
  const innoslate = await opened;
  out.innoslate = innoslate;
  await innoslate.setViewportSize({ width: 1280, height: 800 });
  const screens = [
    ['13-innoslate-dashboard.png', 'Open the Admin Dashboard', (p) => p.getByRole('link', { name: 'Admin Dashboard' }).click()],
    ['14-innoslate-preferences.png', 'Open Organization Preferences', (p) => p.getByRole('link', { name: 'Organization Preferences' }).click()],
    ['15-innoslate-fill.png', 'Put the key into Innoslate', async (_, innoslateProbe) => innoslateProbe.press('Fill Both')],
    ['16-innoslate-chat-provider.png', 'Make Chat AI use your key',
      (p) => p.getByRole('region', { name: 'Chat AI' }).getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'OpenAI' })],
    ['17-innoslate-image-provider.png', 'Make Image AI use your key',
      (p) => p.getByRole('group', { name: 'Image AI provider' }).getByRole('radio', { name: 'OpenAI' }).check()],
    ['18-innoslate-save.png', 'Check and save', null],
  ];
  for (const [file, title, act] of screens) {
    const p = await overlayProbe(innoslate);
    try {
      const state = await p.until((s) => s.callout && s.callout.labelText === title && !s.hostHidden, { timeout: 10_000 });
      await snap(innoslate, shots, file, state.callout.text.split('\n')[0], title);
    } catch (err) {
      return `the Innoslate guide did not show "${title}": ${err.message}`;
    }
    if (act) await act(innoslate, p);
    await p.detach();
  }
  return null;
}

// The key being replaced: an earlier key of the practice table, recorded as
// if sent to Innoslate before. "Replace this key" in the popup starts the
// replacement (its tab is closed: the walk signs in from the start).
const OLD = { id: 'demo-old', name: 'Innoslate', masked: 'sk-...7fGh' };
const KEYS = 'https://platform.openai.com/api-keys';

async function startReplacement(browser) {
  await storeKeyRecords(browser.worker, [savedKeyRecord({ ...OLD, created_ms: Date.now() - 60 * 86_400_000 })]);
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  const opened = browser.context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Replace this key' }).click();
  await (await opened).close();
}

// After the admin's Save in Innoslate: back on OpenAI's keys page, the
// guide points at the old key's row action, then at the dialog's
// confirmation; the admin presses both, and the popup shows it revoked.
async function walkRevocation(browser, openai, innoslate, shots) {
  await innoslate.getByRole('button', { name: 'Save' }).click();
  await openai.bringToFront();
  await openai.getByRole('dialog', { name: 'Save your key' }).getByRole('button', { name: 'Done' }).click();
  // The older layout lists the earlier keys with ?history=1.
  await openai.goto(`${KEYS}?history=1`);
  const row = openai.locator('table.keys tbody tr').filter({ hasText: OLD.masked });
  const steps = [
    ['19-revoke-old-key.png', 'Revoking: step 1 of 2', () => row.getByRole('button', { name: /^(Delete|Revoke secret key)$/ }).click()],
    ['20-confirm-revoke.png', 'Revoking: step 2 of 2', () => openai.getByRole('alertdialog').getByRole('button', { name: /^(Delete|Revoke) key$/ }).click()],
  ];
  for (const [file, label, act] of steps) {
    const probe = await overlayProbe(openai);
    try {
      const state = await probe.until((s) => s.callout?.text.includes(label) && s.spotlight && !s.spotlight.hidden, { timeout: 10_000 });
      await snap(openai, shots, file, label, state.callout.labelText);
    } catch (err) {
      return `the revoke step did not point at its control (${label}): ${err.message}`;
    }
    await probe.detach();
    await act();
  }
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 420, height: 800 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  try {
    await popup.locator('#record-old-text').filter({ hasText: 'revoked on' }).waitFor({ timeout: 10_000 });
  } catch (err) {
    return `the popup did not show the old key revoked: ${err.message}`;
  }
  await snap(popup, shots, '21-popup-old-key-revoked.png', 'Popup', 'The new key, and the old one revoked');
  return null;
}

async function main() {
  await mkdir(OUT, { recursive: true });
  const site = await startPracticeSite();
  const browser = await launchWithExtension(site, { headless: !process.env.DISPLAY });
  const shots = [];
  let failure = null;
  try {
    await startReplacement(browser);
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    console.log(`demo: the ${LAYOUT} layout of the OpenAI pages, replacing the key ${OLD.name} (${OLD.masked})`);
    await page.goto(LAYOUT === '2025' ? START_URL : START_URL_2026);
    for (const step of FLOW) {
      const probe = await overlayProbe(page);
      const label = `Step ${step.number} of`;
      let state;
      try {
        state = await probe.until((s) => s.callout && s.callout.text.includes(label) && !s.hostHidden, { timeout: 10_000 });
      } catch (err) {
        failure = `the guide did not show ${label} (${step.id}) at ${page.url()}: ${err.message}`;
        break;
      }
      await page.waitForTimeout(250); // let the spotlight's short transition settle
      const file = `${String(step.number).padStart(2, '0')}-${step.id}.png`;
      await page.screenshot({ path: path.join(OUT, file) });
      const shown = state.callout.text.match(/Step \d+ of \d+/)[0];
      shots.push({ file, label: shown, title: state.callout.labelText, url: page.url() });
      console.log(`demo: ${shown}: ${state.callout.labelText}  (${file})`);
      await probe.detach();
      if (step.act) await step.act(page);
    }
    const out = {};
    if (!failure) failure = await walkInnoslate(browser.context, page, shots, out);
    if (!failure) failure = await walkRevocation(browser, page, out.innoslate, shots);
  } finally {
    await browser.close();
    await site.close();
  }
  const figures = shots.map((s) => `<figure><img src="${s.file}" alt="${escapeHtml(`${s.label}: ${s.title}`)}" width="1280" height="800">
<figcaption><strong>${escapeHtml(s.label)}: ${escapeHtml(s.title)}</strong> <code>${escapeHtml(s.url)}</code></figcaption></figure>`).join('\n');
  await writeFile(path.join(OUT, 'index.html'), `<!doctype html><meta charset="utf-8"><title>Innoslate Key Assistant: guided walk</title>
<style>body{font:15px system-ui,sans-serif;max-width:1320px;margin:2rem auto;padding:0 1rem}img{max-width:100%;height:auto;border:1px solid #ccc}figure{margin:0 0 2.5rem}</style>
<h1>Innoslate Key Assistant: guided walk on the practice site</h1>
<p>${shots.length} screens: the ${FLOW.length} OpenAI steps (the ${LAYOUT} layout of the OpenAI pages) replacing the recorded key ${escapeHtml(`${OLD.name} (${OLD.masked})`)}, the new key's way into Innoslate, then the old key revoked.</p>
${figures}\n`);
  if (failure) {
    console.error(`demo: ${failure}`);
    process.exit(1);
  }
  console.log(`demo: ${shots.length} screenshots in ${OUT}`);
}

await main();
