// `cargo xtask demo`: walks the whole OpenAI flow on the practice site with
// the built extension loaded, one screenshot per guide step, and writes
// target/demo/index.html that shows them in order. A visible window when a
// display exists, headless otherwise. The 2026 layout of the OpenAI pages by
// default; DEMO_LAYOUT=2025 walks the older one.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startPracticeSite } from '../practice-site/server.mjs';
import { launchWithExtension } from '../support/extension-browser.mjs';
import { overlayProbe } from '../support/overlay-probe.mjs';
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
async function walkInnoslate(context, openai, shots) {
  const probe = await overlayProbe(openai);
  const opened = context.waitForEvent('page');
  await probe.press('Send key to Innoslate');
  const sent = await probe.until((s) => /on its way/.test(s.callout.text));
  await snap(openai, shots, '12-key-sent.png', sent.callout.text.match(/Step \d+ of \d+/)?.[0] ?? 'Step 11', `${sent.callout.labelText} (sent)`);
  const innoslate = await opened;
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

async function main() {
  await mkdir(OUT, { recursive: true });
  const site = await startPracticeSite();
  const browser = await launchWithExtension(site, { headless: !process.env.DISPLAY });
  const shots = [];
  let failure = null;
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    console.log(`demo: the ${LAYOUT} layout of the OpenAI pages`);
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
    if (!failure) failure = await walkInnoslate(browser.context, page, shots);
  } finally {
    await browser.close();
    await site.close();
  }
  const figures = shots.map((s) => `<figure><img src="${s.file}" alt="${escapeHtml(`${s.label}: ${s.title}`)}" width="1280" height="800">
<figcaption><strong>${escapeHtml(s.label)}: ${escapeHtml(s.title)}</strong> <code>${escapeHtml(s.url)}</code></figcaption></figure>`).join('\n');
  await writeFile(path.join(OUT, 'index.html'), `<!doctype html><meta charset="utf-8"><title>Innoslate Key Assistant: guided walk</title>
<style>body{font:15px system-ui,sans-serif;max-width:1320px;margin:2rem auto;padding:0 1rem}img{max-width:100%;height:auto;border:1px solid #ccc}figure{margin:0 0 2.5rem}</style>
<h1>Innoslate Key Assistant: guided walk on the practice site</h1>
<p>${shots.length} screens: the ${FLOW.length} OpenAI steps (the ${LAYOUT} layout of the OpenAI pages), then the key's way into Innoslate.</p>
${figures}\n`);
  if (failure) {
    console.error(`demo: ${failure}`);
    process.exit(1);
  }
  console.log(`demo: ${shots.length} screenshots in ${OUT}`);
}

await main();
