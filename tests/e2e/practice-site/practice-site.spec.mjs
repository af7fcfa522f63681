// The practice site on its own (no extension): real Chromium, real host names,
// strict CSP. If these fail, the extension tests built on the site mean nothing.
import http from 'node:http';
import https from 'node:https';
import { readFile } from 'node:fs/promises';
import { chromium, expect, test } from '@playwright/test';
import { startPracticeSite } from '../../practice-site/server.mjs';
import { scenarioKey } from '../../practice-site/openai/api.mjs';

const PLATFORM = 'https://platform.openai.com';
const AUTH = 'https://auth.openai.com';
const INNOSLATE = 'https://cloud.innoslate.com';
const LOOKALIKES = ['cloud.innoslate.com.example.net', 'cloud-innoslate.com', 'innoslate.example.test'];
const PROJECT_KEY = /^sk-proj-[A-Za-z0-9_-]{74}T3BlbkFJ[A-Za-z0-9_-]{74}$/;
const STRICT_CSP = "default-src 'self'; script-src 'self'; object-src 'none'";

let site;
let browser;

test.beforeAll(async () => {
  site = await startPracticeSite();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...site.chromiumArgs, '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

test.afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** A fresh context + page that records console errors and uncaught exceptions. */
async function openPage(contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  return {
    page,
    errors,
    async done() {
      await context.close();
      expect(errors, 'console errors (a CSP violation would show here)').toEqual([]);
    },
  };
}

// Pages are never cached; static scripts and styles are, for an hour, as a
// real site's are (and so a page load costs the browser what it costs there).
function expectStrictHeaders(response, csp = STRICT_CSP, cache = 'no-store') {
  const headers = response.headers();
  expect(headers['content-security-policy']).toBe(csp);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['cache-control']).toBe(cache);
}

/** Raw request to the practice server with any Host header (the browser can only reach mapped hosts). */
function rawRequest({ scheme, host, path = '/' }) {
  const lib = scheme === 'https' ? https : http;
  return readFile(site.caCertPath).then((ca) => new Promise((resolve, reject) => {
    const req = lib.request({
      host: '127.0.0.1', port: site.port, path, headers: { host },
      ...(scheme === 'https' ? { ca, servername: 'cloud.innoslate.com' } : {}),
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res));
    });
    req.on('error', reject);
    req.end();
  }));
}

test('every host and asset carries the strict headers; unknown hosts get 421', async () => {
  const { page, done } = await openPage();
  const pages = [
    [`${PLATFORM}/`, STRICT_CSP],
    [`${AUTH}/log-in`, STRICT_CSP],
    [`${INNOSLATE}/acme/admin/dashboard`, STRICT_CSP],
    [`${INNOSLATE}/acme/admin/preferences`, `${STRICT_CSP}; frame-ancestors 'self'`],
    [`${INNOSLATE}/acme/admin/preferences-in-frame`, `${STRICT_CSP}; frame-src 'self'`],
    ...LOOKALIKES.map((h) => [`https://${h}/`, STRICT_CSP]),
  ];
  for (const [url, csp] of pages) {
    const response = await page.goto(url);
    expect(response.status(), url).toBe(200);
    expectStrictHeaders(response, csp);
  }

  const [script] = await Promise.all([
    page.waitForResponse((r) => r.url() === `${PLATFORM}/assets/app.js`),
    page.goto(`${PLATFORM}/api-keys`),
  ]);
  expect(script.headers()['content-type']).toMatch(/^text\/javascript/);
  expectStrictHeaders(script, STRICT_CSP, 'max-age=3600');
  await done();

  const missing = await rawRequest({ scheme: 'https', host: 'cloud.innoslate.com', path: '/no/such/page' });
  expect(missing.statusCode).toBe(404);
  expect(missing.headers['content-security-policy']).toBe(STRICT_CSP);
  expect(missing.headers['x-content-type-options']).toBe('nosniff');

  for (const scheme of ['https', 'http']) {
    const res = await rawRequest({ scheme, host: 'unknown.example.org' });
    expect(res.statusCode).toBe(421);
    expect(res.headers['content-security-policy']).toBe(STRICT_CSP);
  }
  const redirect = await rawRequest({ scheme: 'http', host: 'platform.openai.com', path: '/api-keys?x=1' });
  expect(redirect.statusCode).toBe(301);
  expect(redirect.headers.location).toBe(`${PLATFORM}/api-keys?x=1`);
});

test('the OpenAI flow is walkable by role and name, without page loads', async () => {
  const { page, done } = await openPage({ permissions: ['clipboard-read', 'clipboard-write'] });

  // Log in: email → password → callback → 302 → platform home.
  await page.goto(`${AUTH}/log-in`);
  await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign up' })).toHaveAttribute('href', '/create-account');
  await page.getByLabel('Email address').fill('admin@example.com');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(`${AUTH}/log-in/password`);
  await page.getByLabel('Password').fill('not-a-real-password');
  const [callback] = await Promise.all([
    page.waitForResponse((r) => r.url().startsWith(`${PLATFORM}/auth/callback`)),
    page.getByRole('button', { name: 'Continue' }).click(),
  ]);
  expect(callback.status()).toBe(302);
  await page.waitForURL(`${PLATFORM}/`);

  // From here on the platform is one document: a marker on window must survive.
  await page.evaluate(() => { window.practiceMarker = 'same-document'; });
  let documentLoads = 0;
  page.on('load', () => { documentLoads += 1; });

  await expect(page.getByRole('heading', { name: 'Get your API keys' })).toBeVisible();
  await page.getByRole('button', { name: 'Start building' }).click();
  await expect(page.getByRole('heading', { name: 'Invite your team' })).toBeVisible();
  expect(page.url()).toBe(`${PLATFORM}/welcome?step=invite`);
  await page.getByRole('button', { name: "I'll invite my team later" }).click();

  await expect(page.getByRole('heading', { name: 'Make your first API call' })).toBeVisible();
  await page.getByLabel('API key name').fill('first try');
  await expect(page.getByLabel('Project name')).toHaveValue('Default project');
  await page.getByRole('button', { name: 'Generate API Key' }).click();
  const testKey = page.getByLabel('Your API key');
  await expect(testKey).toHaveValue(PROJECT_KEY);
  await page.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Cop(ied|y failed)$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { name: 'Welcome to OpenAI Platform' })).toBeVisible();
  await page.getByLabel('Organization name').fill('Acme Systems');
  await page.getByRole('group', { name: 'What best describes you?' })
    .getByRole('radio', { name: "I've built a few things" }).check();
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.waitForURL(`${PLATFORM}/settings/organization/general`);
  await expect(page.getByRole('heading', { level: 1, name: 'Organization settings' })).toBeVisible();

  // "API keys" under the "Project" group of the settings navigation.
  const nav = page.getByRole('navigation', { name: 'Settings' });
  await expect(nav.getByRole('heading', { name: 'Organization' })).toBeVisible();
  await expect(nav.getByRole('list', { name: 'Organization' }).getByRole('link'))
    .toHaveText(['General', 'Members', 'Billing', 'Limits']);
  const projectLinks = nav.getByRole('list', { name: 'Project' }).getByRole('link');
  await expect(projectLinks).toHaveText(['General', 'API keys', 'Limits']);
  await projectLinks.filter({ hasText: 'API keys' }).click();
  await page.waitForURL(`${PLATFORM}/settings/proj_practice/api-keys`);
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  await expect(page.getByRole('columnheader')).toHaveText(
    ['NAME', 'SECRET KEY', 'CREATED', 'LAST USED', 'PROJECT ACCESS', 'CREATED BY', 'PERMISSIONS', 'Actions']);
  await expect(page.getByRole('cell', { name: 'sk-...Qx4Z' })).toBeVisible();

  const createButton = page.getByRole('button', { name: 'Create new secret key', exact: true });
  await expect(createButton).toHaveText('+ Create new secret key');
  await createButton.click();

  // The create-key dialog: a portal on <body>, modal, labelled by its title.
  const dialog = page.getByRole('dialog', { name: 'Create new secret key' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  expect(await dialog.evaluate((d) => d.closest('#root') === null && document.body.contains(d))).toBe(true);

  const owner = dialog.getByRole('group', { name: 'Owned by' });
  await expect(owner.getByRole('radio', { name: 'You' })).toBeChecked();
  await expect(owner.getByRole('radio', { name: 'Service account' })).not.toBeChecked();
  const name = dialog.getByRole('textbox', { name: 'Name', exact: true });
  await expect(name).toHaveAttribute('placeholder', 'My Test Key');
  await expect(name).toHaveAccessibleDescription('Optional');
  const project = dialog.getByRole('combobox', { name: 'Project' });
  await expect(project.locator('option')).toHaveText(['Default project', 'Innoslate integration']);
  await expect(project).toHaveValue('default');
  const permissions = dialog.getByRole('group', { name: 'Permissions', exact: true });
  await expect(permissions.getByRole('radio', { name: 'All' })).toBeChecked();
  await expect(permissions.getByRole('radio')).toHaveCount(3);

  const resources = {
    Models: ['None', 'Read'],
    'Model capabilities': ['None', 'Write'],
    Assistants: ['None', 'Read', 'Write'],
    Threads: ['None', 'Read', 'Write'],
    'Fine-tuning': ['None', 'Read', 'Write'],
    Files: ['None', 'Read', 'Write'],
    Evals: ['None', 'Read', 'Write'],
    Responses: ['None', 'Read', 'Write'],
  };
  await expect(dialog.getByRole('group', { name: 'Models', exact: true })).toBeHidden();
  await permissions.getByRole('radio', { name: 'Restricted' }).check();
  for (const [resource, levels] of Object.entries(resources)) {
    const row = dialog.getByRole('group', { name: resource, exact: true });
    await expect(row.getByRole('radio')).toHaveCount(levels.length);
    for (const level of levels) await expect(row.getByRole('radio', { name: level, exact: true })).toBeVisible();
    await expect(row.getByRole('radio', { name: 'None' })).toBeChecked();
  }
  await dialog.getByRole('group', { name: 'Models', exact: true }).getByRole('radio', { name: 'Read' }).check();
  await dialog.getByRole('group', { name: 'Model capabilities' }).getByRole('radio', { name: 'Write' }).check();

  // Service-account keys have no permission controls.
  await owner.getByRole('radio', { name: 'Service account' }).check();
  await expect(permissions).toBeHidden();
  await expect(dialog.getByText('have no permission settings')).toBeVisible();
  await owner.getByRole('radio', { name: 'You' }).check();
  await expect(permissions.getByRole('radio', { name: 'Restricted' })).toBeChecked();

  await name.fill('Innoslate');
  await project.selectOption({ label: 'Innoslate integration' });
  await dialog.getByRole('button', { name: 'Create secret key' }).click();

  const saveDialog = page.getByRole('dialog', { name: 'Save your key' });
  await expect(saveDialog).toBeVisible();
  await expect(saveDialog).toHaveAttribute('aria-modal', 'true');
  const secret = page.getByTestId('secret-key-value');
  await expect(secret).toHaveValue(PROJECT_KEY);
  await expect(secret).toHaveAttribute('readonly', '');
  const key = await secret.inputValue();
  await saveDialog.getByRole('button', { name: 'Copy' }).click();
  await expect(saveDialog.getByRole('status')).toHaveText(/^Cop(ied|y failed)$/);
  await saveDialog.getByRole('button', { name: 'Done' }).click();
  await expect(saveDialog).toBeHidden();

  const newRow = page.getByRole('row').filter({ hasText: `sk-...${key.slice(-4)}` });
  await expect(newRow).toBeVisible();
  await expect(newRow.getByRole('cell')).toHaveText(
    ['Innoslate', `sk-...${key.slice(-4)}`, /\d{4}$/, 'Never', 'Innoslate integration', 'You', 'Restricted', '']);
  expect(await page.content()).not.toContain(key);

  // History works both ways, still in the same document.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Organization settings' })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  expect(await page.evaluate(() => window.practiceMarker)).toBe('same-document');
  expect(documentLoads).toBe(0);
  await done();
});

test('the create-key dialog closes with Esc and Cancel; ?delay and ?missing shape the button', async () => {
  const { page, done } = await openPage();
  for (const path of ['/api-keys', '/settings/organization/api-keys', '/settings/proj_practice/api-keys']) {
    await page.goto(`${PLATFORM}${path}`);
    await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create new secret key' })).toBeVisible();
  }
  const button = page.getByRole('button', { name: 'Create new secret key' });
  const dialog = page.getByRole('dialog');
  await button.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(button).toBeFocused();
  await button.click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('row')).toHaveCount(2); // header + the existing key

  await page.goto(`${PLATFORM}/settings/proj_practice/api-keys?delay=1500`);
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  const headingSeen = Date.now();
  await expect(button).toHaveCount(0);
  await expect(button).toBeVisible();
  expect(Date.now() - headingSeen).toBeGreaterThan(1000);

  await page.goto(`${PLATFORM}/settings/proj_practice/api-keys?missing=create-button`);
  await expect(page.getByRole('cell', { name: 'sk-...Qx4Z' })).toBeVisible();
  await page.waitForTimeout(800);
  await expect(button).toHaveCount(0);
  await done();
});

test('Innoslate preferences render late and Save tells filled-with-events from filled-without', async () => {
  const { page, done } = await openPage();
  await page.goto(`${INNOSLATE}/`);
  await expect(page.getByRole('link', { name: 'Innoslate' })).toBeVisible();
  await page.getByRole('link', { name: 'Admin Dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Admin Dashboard' })).toBeVisible();
  // The buttons are in the HTML, their listeners in a module script, which
  // runs before DOMContentLoaded: a click before then would say nothing.
  await page.waitForLoadState('domcontentloaded');
  for (const text of ['Navigate to Dashboard', 'Navigate to Schema', 'Delete Organization']) {
    await expect(page.getByRole('button', { name: text })).toBeVisible();
  }
  await page.getByRole('button', { name: 'Delete Organization' }).click();
  await expect(page.getByRole('status')).toContainText('disabled');
  await page.getByRole('link', { name: 'Organization Preferences' }).click();
  await page.waitForURL(`${INNOSLATE}/acme/admin/preferences`);
  await expect(page.getByRole('heading', { level: 1, name: 'Organization Preferences' })).toBeVisible();
  const keyFields = page.getByLabel('OpenAI API Key');
  expect(await keyFields.count()).toBe(0); // not drawn yet

  const chat = page.getByRole('region', { name: 'Chat AI' });
  const image = page.getByRole('region', { name: 'Image AI' });
  const askSage = page.getByRole('region', { name: 'AskSage' });
  await expect(chat.getByLabel('OpenAI API Key')).toBeVisible();
  await expect(keyFields).toHaveCount(2);
  await expect(chat.getByLabel('OpenAI API Key')).toHaveAttribute('type', 'password');
  await expect(chat.getByRole('combobox', { name: 'Provider' }).locator('option'))
    .toHaveText(['SPEC Innovations (default)', 'OpenAI', 'AskSage']);
  await expect(chat.getByRole('combobox', { name: 'Provider' })).toHaveValue('spec');
  const imageProvider = image.getByRole('group', { name: 'Image AI provider' });
  await expect(imageProvider.getByRole('radio')).toHaveCount(3);
  await expect(imageProvider.getByRole('radio', { name: 'SPEC Innovations (default)' })).toBeChecked();
  await expect(askSage.getByLabel('AskSage API Key')).toBeVisible();

  const result = page.locator('output#save-result');
  const save = page.getByRole('button', { name: 'Save' });
  await save.click();
  await expect(result).toHaveText('Saved: chat-openai=empty image-openai=empty asksage=empty');
  await expect(result).toHaveAttribute('data-chat-uses', 'spec');
  await expect(result).toHaveAttribute('data-image-uses', 'spec');

  // Playwright's fill() types with events; the Image AI field is set silently.
  await chat.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'OpenAI' });
  await chat.getByLabel('OpenAI API Key').fill('sk-proj-practice-value');
  await image.getByLabel('OpenAI API Key').evaluate((el) => { el.value = 'sk-proj-silent'; });
  await save.click();
  await expect(page.getByText('Preferences saved')).toBeVisible();
  await expect(result).toHaveText('Saved: chat-openai=set image-openai=empty asksage=empty');
  await expect(result).toHaveAttribute('data-chat-provider', 'openai');
  await expect(result).toHaveAttribute('data-chat-uses', 'openai');
  await expect(page.locator('#save-status')).toHaveText('Preferences saved. Chat AI uses OpenAI; Image AI uses SPEC Innovations (default).');
  await expect(result).not.toContainText('sk-proj');

  // A provider chosen without its key: that feature would use nothing.
  await imageProvider.getByRole('radio', { name: 'OpenAI' }).check();
  await save.click();
  await expect(result).toHaveAttribute('data-image-provider', 'openai');
  await expect(result).toHaveAttribute('data-image-uses', 'none');

  // The React-like tracker ignores "el.value = x" + input event, accepts the native setter.
  await page.goto(`${INNOSLATE}/acme/admin/preferences?tracker=react&delay=0`);
  await expect(chat.getByLabel('OpenAI API Key')).toBeVisible();
  await chat.getByLabel('OpenAI API Key').evaluate((el) => {
    el.value = 'sk-naive';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await image.getByLabel('OpenAI API Key').evaluate((el) => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, 'sk-native');
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await save.click();
  await expect(result).toHaveText('Saved: chat-openai=empty image-openai=set asksage=empty');
  await done();
});

test('Innoslate in a frame, on plain http, on lookalike hosts, and its other page', async () => {
  const { page, done } = await openPage();
  await page.goto(`${INNOSLATE}/acme/admin/preferences-in-frame`);
  const frame = page.frameLocator('iframe[title="Organization Preferences"]');
  await expect(frame.getByRole('region', { name: 'Chat AI' }).getByLabel('OpenAI API Key')).toBeVisible();

  const plain = await page.goto('http://cloud.innoslate.com/acme/admin/preferences');
  expect(plain.url()).toBe('http://cloud.innoslate.com/acme/admin/preferences');
  expect(await page.evaluate(() => window.location.protocol)).toBe('http:');
  await expect(page.getByRole('region', { name: 'Chat AI' }).getByLabel('OpenAI API Key')).toBeVisible();

  for (const host of LOOKALIKES) {
    await page.goto(`https://${host}/acme/admin/preferences?delay=0`);
    expect(new URL(page.url()).host).toBe(host);
    await expect(page.getByRole('region', { name: 'Image AI' }).getByLabel('OpenAI API Key')).toBeVisible();
  }

  await page.goto(`${INNOSLATE}/acme/admin/other`);
  await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
  await done();
});

test('the older keys table: the trash icon asks "Revoke secret key" first; ?history=1 lists the earlier keys', async () => {
  const { page, done } = await openPage();
  await page.goto(`${PLATFORM}/api-keys?layout=2025&history=1`);
  const rows = page.getByRole('row');
  await expect(rows).toHaveCount(6); // header, the practice key, four earlier keys
  const old = rows.filter({ hasText: 'sk-...a9K2' });
  await old.getByRole('button', { name: 'Revoke secret key' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Revoke secret key' });
  await expect(confirm).toContainText('Innoslate (old)');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(old).toHaveCount(1);
  await old.getByRole('button', { name: 'Revoke secret key' }).click();
  await confirm.getByRole('button', { name: 'Revoke key' }).click();
  await expect(old).toHaveCount(0);
  await expect(rows).toHaveCount(5);
  await page.reload();
  await expect(page.getByRole('row')).toHaveCount(5); // ?history=1 does not bring back a revoked key
  await expect(page.getByRole('cell', { name: 'sk-...a9K2' })).toHaveCount(0);
  await done();
});

// ---- the 2026 layout ----------------------------------------------------------

const SIDEBAR_LINKS = ['Home', 'Chat', 'Audio', 'Images', 'Codex', 'API Keys', 'Usage', 'Logs', 'Batches', 'Storage', 'Settings'];

/** The date `days` from today as the replica prints it, in the page's own clock and zone. */
const dateIn = (page, days) => page.evaluate((n) => {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric' });
}, days);

test('2026 layout: sign-up lands on the organization step first, then /home; the sidebar has API Keys and no Project section', async () => {
  const { page, done } = await openPage();
  // The knob on the first page is kept in a cookie for all of openai.com.
  await page.goto(`${AUTH}/?layout=2026`);
  await page.waitForURL(`${AUTH}/log-in-or-create-account`);
  const cookie = (await page.context().cookies(PLATFORM)).find((c) => c.name === 'practice-layout');
  expect(cookie).toMatchObject({ value: '2026', domain: '.openai.com', secure: true });
  await expect(page.getByRole('heading', { name: 'Log in or sign up' })).toBeVisible();
  await page.getByLabel('Email address').fill('new-admin@example.com');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Create a password' })).toBeVisible();
  await page.getByLabel('Password').fill('not-a-real-password');
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.waitForURL(`${PLATFORM}/welcome?step=create`);
  await expect(page.getByRole('heading', { name: 'Welcome to OpenAI Platform' })).toBeVisible();
  await expect(page.getByRole('link', { name: "I'm looking for ChatGPT" })).toBeVisible();
  // Onboarding is drawn without the platform's sidebar.
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await page.evaluate(() => { window.practiceMarker = 'same-document'; });
  await page.getByLabel('Organization name').fill('Acme Systems');
  await page.getByRole('group', { name: 'What best describes you?' }).getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.waitForURL(`${PLATFORM}/welcome?step=invite`);
  await page.getByRole('button', { name: "I'll invite my team later" }).click();
  await page.waitForURL(`${PLATFORM}/welcome?step=try`);
  await page.getByRole('button', { name: "I'll do this later" }).click();
  await page.waitForURL(`${PLATFORM}/home`);
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start building' })).toHaveCount(0);

  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link')).toHaveText(SIDEBAR_LINKS);
  await expect(nav.getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByText('Project', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Default project' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Acme Systems' })).toBeVisible();

  await nav.getByRole('link', { name: 'API Keys' }).click();
  await page.waitForURL(`${PLATFORM}/api-keys`);
  await expect(page).toHaveTitle('API keys - OpenAI Platform');
  await expect(nav.getByRole('link', { name: 'API Keys' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Home' })).not.toHaveAttribute('aria-current', 'page');
  expect(await page.evaluate(() => window.practiceMarker)).toBe('same-document');

  // A page load without the knob keeps the layout; the knob switches back.
  await page.goto(`${PLATFORM}/`);
  await page.waitForURL(`${PLATFORM}/home`);
  await page.goto(`${PLATFORM}/api-keys?layout=2025`);
  await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'API keys' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await page.goto(`${AUTH}/`);
  await page.waitForURL(`${AUTH}/log-in`);
  await done();
});

test('2026 layout: signing in to an existing account, with an MFA challenge or by choosing an account, lands on /home', async () => {
  const { page, done } = await openPage();
  await page.goto(`${AUTH}/log-in-or-create-account?layout=2026&account=existing&mfa=1`);
  await page.getByLabel('Email address').fill('admin@example.com');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Enter your password' })).toBeVisible();
  await page.getByLabel('Password').fill('not-a-real-password');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(`${AUTH}/mfa-challenge`);
  await expect(page.getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  await page.getByRole('button', { name: 'Email' }).click();
  await page.waitForURL(`${AUTH}/mfa-challenge/email-otp`);
  await page.getByRole('textbox', { name: 'Code' }).fill('123456');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(`${PLATFORM}/home`);

  await page.goto(`${AUTH}/choose-an-account`);
  await expect(page.getByRole('heading', { name: 'Choose an account' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Log in to another account' })).toHaveAttribute('href', '/log-in-or-create-account');
  await page.getByRole('button', { name: 'admin@example.com' }).click();
  await page.waitForURL(`${PLATFORM}/home`);
  await done();
});

test('2026 layout: the keys table lists similar earlier keys with their expiry; search, Edit, and Delete after a confirmation', async () => {
  const { page, done } = await openPage();
  await page.goto(`${PLATFORM}/api-keys?layout=2026`);
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create new secret key', exact: true })).toHaveText('Create new secret key');
  await expect(page.getByRole('columnheader')).toHaveText(['Name', 'Status', 'Tracking ID', 'Secret Key', 'Created', 'Last used',
    'Created by', 'Permissions', 'Monthly spend', 'Actions']);
  const rows = page.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(rows).toHaveCount(5);
  await expect(page.getByText('5 results')).toBeVisible();
  const named = (name) => rows.filter({ has: page.getByRole('cell', { name, exact: true }) });
  await expect(named('Innoslate')).toHaveCount(2);
  await expect(named('Innoslate (old)')).toHaveCount(1);
  const current = rows.filter({ hasText: 'sk-...7fGh' });
  await expect(current.getByRole('cell').nth(1)).toHaveText('ActiveExpires Mar 3, 2027');
  await expect(current.getByRole('cell').nth(2)).toHaveText(/^key_[A-Za-z0-9]{16}$/);
  await expect(rows.filter({ hasText: 'sk-...a9K2' }).getByRole('cell').nth(1)).toHaveText('Active');
  for (const row of await rows.all()) {
    await expect(row.getByRole('button')).toHaveText(['Edit', 'Delete']);
  }

  const search = page.getByRole('searchbox', { name: 'Search API keys' });
  await search.fill('old');
  await expect(page.getByText('1 result', { exact: true })).toBeVisible();
  await expect(rows.filter({ visible: true })).toHaveCount(1);
  await search.fill('');
  await expect(page.getByText('5 results')).toBeVisible();
  await page.getByRole('button', { name: 'API key security guidance' }).click();
  await expect(page.getByRole('region', { name: 'API key security guidance' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add filter' })).toBeVisible();

  await rows.filter({ hasText: 'sk-...p0Lm' }).getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit secret key' });
  await edit.getByLabel('Name').fill('Innoslate staging');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(named('Innoslate staging')).toHaveCount(1);

  // Delete: nothing goes before the confirmation; the row with the same
  // name and another masked form stays.
  const target = rows.filter({ hasText: 'sk-...Wd3e' });
  await target.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete secret key' });
  await expect(confirm).toContainText('sk-...Wd3e');
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(target).toHaveCount(1);
  await target.getByRole('button', { name: 'Delete' }).click();
  await confirm.getByRole('button', { name: 'Delete key' }).click();
  await expect(target).toHaveCount(0);
  await expect(named('Innoslate')).toHaveCount(1);
  await expect(page.getByText('4 results')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('cell', { name: 'sk-...Wd3e' })).toHaveCount(0);
  await expect(page.getByRole('cell', { name: 'Innoslate staging' })).toBeVisible();
  await done();
});

test('2026 layout: the create-key dialog, Request levels, a Mixed group, Tunnels, Expiration, and the new "Save your key"', async () => {
  const { page, done } = await openPage({ permissions: ['clipboard-read', 'clipboard-write'] });
  await page.goto(`${PLATFORM}/api-keys?layout=2026`);
  await page.getByRole('button', { name: 'Create new secret key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create new secret key' });
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  const owner = dialog.getByRole('group', { name: 'Owned by' });
  await expect(owner.getByRole('radio', { name: 'You' })).toBeChecked();
  await expect(owner.getByRole('radio', { name: 'You' })).toBeEnabled();
  await expect(dialog.getByText('tied to your user')).toBeVisible();
  const name = dialog.getByRole('textbox', { name: 'Name', exact: true });
  await expect(name).toHaveAttribute('placeholder', 'My Test Key');
  await expect(name).toHaveAccessibleDescription('Optional');

  // The project is a button showing its value, opening a list.
  await expect(dialog.getByRole('combobox')).toHaveCount(1); // the Expiration select only
  await dialog.getByRole('button', { name: 'Default project' }).click();
  const projects = dialog.getByRole('listbox', { name: 'Project' });
  await expect(projects.getByRole('option', { name: 'Default project' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(projects).toBeHidden();
  await expect(dialog.getByRole('button', { name: 'Innoslate integration' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Innoslate integration' }).click();
  await projects.getByRole('option', { name: 'Default project' }).click();
  await dialog.getByRole('button', { name: 'Default project' }).click();
  await projects.getByRole('option', { name: 'Innoslate integration' }).click();
  await expect(dialog.getByRole('button', { name: 'Innoslate integration' })).toBeFocused();

  const permissions = dialog.getByRole('group', { name: 'Permissions', exact: true });
  await expect(permissions.getByRole('radio')).toHaveCount(3);
  await permissions.getByRole('radio', { name: 'Restricted' }).check();
  const row = (resource) => dialog.getByRole('group', { name: resource, exact: true });
  const levels = {
    Models: ['None', 'Read'],
    Assistants: ['None', 'Read', 'Write'],
    Threads: ['None', 'Read', 'Write'],
    Files: ['None', 'Read', 'Write'],
    Tunnels: ['None', 'Read', 'Manage', 'Use'],
  };
  for (const [resource, wanted] of Object.entries(levels)) {
    const radios = row(resource).getByRole('radio');
    await expect(radios).toHaveCount(wanted.length);
    expect(await radios.evaluateAll((els) => els.map((el) => el.labels[0].textContent))).toEqual(wanted);
  }
  await expect(row('Model capabilities').getByRole('radio', { name: 'Write' })).toHaveCount(0);

  // Model capabilities: the group's own None / Request; "Mixed" only shown while rows differ.
  const group = row('Model capabilities');
  const mixed = group.getByRole('radio', { name: 'Mixed' });
  await expect(mixed).toBeHidden();
  await expect(group.getByRole('radio', { name: 'None' })).toBeChecked();
  const expand = dialog.getByRole('button', { name: 'Expand Model capabilities' });
  await expect(expand).toHaveAttribute('aria-expanded', 'false');
  await expect(row('Chat completions')).toBeHidden();
  await expand.click();
  await expect(expand).toHaveAttribute('aria-expanded', 'true');
  const endpoints = ['Chat completions', 'Responses', 'Embeddings', 'Images', 'Audio', 'Moderations'];
  for (const endpoint of endpoints) {
    await expect(row(endpoint).getByRole('radio')).toHaveCount(2);
    await expect(row(endpoint).getByRole('radio', { name: 'None' })).toBeChecked();
  }
  await row('Chat completions').getByRole('radio', { name: 'Request' }).check();
  await expect(mixed).toBeVisible();
  await expect(mixed).toBeChecked();
  await expect(mixed).toBeDisabled();
  await expect(group.getByRole('radio', { name: 'Request' })).not.toBeChecked();
  // Every row on Request, one by one: still not the group's own Request.
  for (const endpoint of endpoints) await row(endpoint).getByRole('radio', { name: 'Request' }).check();
  await expect(mixed).toBeChecked();
  // The group's own Request sets every row and is the only way to show Request.
  await group.getByRole('radio', { name: 'None' }).check();
  for (const endpoint of endpoints) await expect(row(endpoint).getByRole('radio', { name: 'None' })).toBeChecked();
  await expect(mixed).toBeHidden();
  await group.getByRole('radio', { name: 'Request' }).check();
  await expect(group.getByRole('radio', { name: 'Request' })).toBeChecked();
  await expect(mixed).toBeHidden();
  for (const endpoint of endpoints) await expect(row(endpoint).getByRole('radio', { name: 'Request' })).toBeChecked();
  await row('Models').getByRole('radio', { name: 'Read' }).check();
  await row('Tunnels').getByRole('radio', { name: 'Use' }).check();
  await expect(group.getByRole('radio', { name: 'Request' })).toBeChecked();

  const expiration = dialog.getByRole('combobox', { name: 'Expiration' });
  await expect(expiration).toHaveValue('never');
  await expect(expiration.locator('option')).toHaveText(['No expiration', '7 days', '30 days', '60 days', '90 days', '1 year']);
  await expiration.selectOption({ label: '30 days' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await name.fill('Innoslate');
  await dialog.getByRole('button', { name: 'Create secret key' }).click();

  const save = page.getByRole('dialog', { name: 'Save your key' });
  await expect(save).toContainText('you won\u2019t be able to view it again');
  await expect(save.getByRole('link', { name: 'Learn more about API key best practices' })).toBeVisible();
  const field = save.getByRole('textbox');
  await expect(field).toHaveCount(1);
  await expect(field).toHaveAccessibleName('');
  await expect(field).toHaveAttribute('readonly', '');
  await expect(field).not.toHaveAttribute('data-testid', /.*/);
  await expect(field).toHaveValue(PROJECT_KEY);
  const key = await field.inputValue();
  const expires = await dateIn(page, 30);
  await expect(save.locator('dl')).toHaveText(`PermissionsRestricted access to API resourcesExpires${expires}`);
  await save.getByRole('button', { name: 'Copy' }).click();
  await expect(save.getByRole('status')).toHaveText(/^Cop(ied|y failed)$/);
  await save.getByRole('button', { name: 'Done' }).click();
  await expect(save).toBeHidden();

  const created = page.getByRole('row').filter({ hasText: `sk-...${key.slice(-4)}` });
  await expect(created.getByRole('cell')).toHaveText(['Innoslate', `ActiveExpires ${expires}`, /^key_[A-Za-z0-9]{16}$/,
    `sk-...${key.slice(-4)}`, /\d{4}$/, 'Never', 'You', 'Restricted', '$0.00', 'EditDelete']);
  await expect(page.getByText('6 results')).toBeVisible();
  expect(await page.content()).not.toContain(key);
  await done();
});

test('2026 layout: key policies: a required expiration keeps Create secret key disabled; service-account-only keys; ?mixed=1', async () => {
  const { page, done } = await openPage();
  await page.goto(`${PLATFORM}/api-keys?layout=2026&expiry=required`);
  await page.getByRole('button', { name: 'Create new secret key' }).click();
  let dialog = page.getByRole('dialog', { name: 'Create new secret key' });
  const submit = dialog.getByRole('button', { name: 'Create secret key' });
  const expiration = dialog.getByRole('combobox', { name: 'Expiration' });
  await expect(expiration).toHaveValue('');
  await expect(expiration.locator('option')).toHaveText(['Select an expiration', '7 days', '30 days', '60 days', '90 days', '1 year']);
  await expect(expiration).toHaveAccessibleDescription(/requires every key to expire/);
  await expect(submit).toBeDisabled();
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Innoslate');
  await dialog.getByRole('radio', { name: 'Restricted' }).check();
  await expect(submit).toBeDisabled();
  await expiration.selectOption({ label: '1 year' });
  await expect(submit).toBeEnabled();
  await submit.click();
  const save = page.getByRole('dialog', { name: 'Save your key' });
  const expires = await dateIn(page, 365);
  await expect(save.locator('dl')).toContainText(`Expires${expires}`);
  await save.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('row').last().getByRole('cell').nth(1)).toHaveText(`ActiveExpires ${expires}`);

  // Without the policy's control at all (as captured in August 2026).
  await page.goto(`${PLATFORM}/api-keys?open=create&expiry=none`);
  dialog = page.getByRole('dialog', { name: 'Create new secret key' });
  await expect(dialog.getByRole('group', { name: 'Permissions', exact: true })).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'Expiration' })).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Create secret key' })).toBeEnabled();

  await page.goto(`${PLATFORM}/api-keys?open=create&keys=service-only`);
  const owner = dialog.getByRole('group', { name: 'Owned by' });
  await expect(owner.getByRole('radio', { name: 'You' })).toBeDisabled();
  await expect(owner.getByRole('radio', { name: 'Service account' })).toBeChecked();
  await expect(dialog.getByText('allows only service account keys')).toBeVisible();
  await expect(dialog.getByRole('group', { name: 'Permissions', exact: true })).toBeHidden();
  await expect(dialog.getByRole('radio', { name: 'Restricted' })).toBeHidden();
  await dialog.getByRole('button', { name: 'Create secret key' }).click();
  await expect(page.getByRole('dialog', { name: 'Save your key' }).getByRole('textbox')).toHaveValue(/^sk-svcacct-/);
  await expect(page.getByRole('dialog', { name: 'Save your key' }).locator('dl')).toHaveText(/^PermissionsRead and write API resources/);

  await page.goto(`${PLATFORM}/api-keys?open=create&permissions=restricted&mixed=1`);
  const group = dialog.getByRole('group', { name: 'Model capabilities', exact: true });
  await expect(group.getByRole('radio', { name: 'Mixed' })).toBeChecked();
  await expect(dialog.getByRole('button', { name: 'Expand Model capabilities' })).toHaveAttribute('aria-expanded', 'true');
  await expect(dialog.getByRole('group', { name: 'Chat completions' }).getByRole('radio', { name: 'Request' })).toBeChecked();
  await done();
});

test('the API replica answers the 2026 replies: billing not active (code or type), region, no or another organization, an old-first model list', async () => {
  const ca = await readFile(site.caCertPath);
  const call = (scenario, path = '/v1/models') => new Promise((resolve, reject) => {
    const req = https.request({
      host: '127.0.0.1', port: site.port, path, ca, servername: 'api.openai.com',
      headers: { host: 'api.openai.com', authorization: `Bearer ${scenarioKey(scenario)}` },
    }, (res) => {
      let text = '';
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
  const billing = 'Your account is not active, please check your billing details on our website.';
  expect(await call('billing-code')).toEqual({ status: 429, body: { error: { message: billing, type: 'invalid_request_error', param: null, code: 'billing_not_active' } } });
  expect(await call('billing-type')).toEqual({ status: 429, body: { error: { message: billing, type: 'billing_not_active', param: null, code: null } } });
  expect(await call('region')).toMatchObject({ status: 403, body: { error: { type: 'request_forbidden', code: 'unsupported_country_region_territory' } } });
  expect(await call('no-org')).toMatchObject({ status: 401, body: { error: { code: 'no_organization', message: expect.stringMatching(/^You must be a member of an organization/) } } });
  expect(await call('other-org')).toMatchObject({ status: 401, body: { error: { code: 'mismatched_organization' } } });
  const listed = await call('non-chat-first');
  expect(listed.status).toBe(200);
  expect(listed.body.data.slice(0, 2).map((m) => m.id)).toEqual(['gpt-3.5-turbo-instruct', 'babbage-002']);
  expect(listed.body.data.map((m) => m.id)).toContain('gpt-4.1');
  expect((await call('works')).body.data[0].id).toBe('gpt-4o');
});
