// The practice site on its own (no extension): real Chromium, real host names,
// strict CSP. If these fail, the extension tests built on the site mean nothing.
import http from 'node:http';
import https from 'node:https';
import { readFile } from 'node:fs/promises';
import { chromium, expect, test } from '@playwright/test';
import { startPracticeSite } from '../practice-site/server.mjs';

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

function expectStrictHeaders(response, csp = STRICT_CSP) {
  const headers = response.headers();
  expect(headers['content-security-policy']).toBe(csp);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['cache-control']).toBe('no-store');
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
  expectStrictHeaders(script);
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
    ['NAME', 'SECRET KEY', 'CREATED', 'LAST USED', 'PROJECT ACCESS', 'CREATED BY', 'PERMISSIONS']);
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
    ['Innoslate', `sk-...${key.slice(-4)}`, /\d{4}$/, 'Never', 'Innoslate integration', 'You', 'Restricted']);
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
