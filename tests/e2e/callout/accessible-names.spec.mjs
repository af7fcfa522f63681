// The page report's roles and accessible names (extension/content/page-facts.js)
// against Chromium's own accessibility tree, element by element, on the
// practice site's OpenAI and Innoslate pages. The report is built in the
// content script's isolated world (page-facts.js run there: the built
// extension's copy is inside its bundle); each reported
// element is then looked up in the accessibility tree by its DOM node.
// The only deliberate differences: the report writes names on one line,
// shortens them to 120 characters between words and hides key-like text (sameName).
import { test, expect } from '@playwright/test';
import { useExtensionBrowser } from '../../support/extension-browser.mjs';
import { OPENAI_FLOW } from '../../scenarios/openai-flow.mjs';
import { withPageFacts } from '../../support/content-world.mjs';

const env = useExtensionBrowser(test);

// page-facts.js shortens long text and hides key-like text on purpose.
const MAX_TEXT = 120;
const SECRET_TEXT = /sk-[A-Za-z0-9_-]{8,}/g;

/** The content script's isolated world in the page's top frame. */
async function contentWorld(cdp) {
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', (event) => contexts.push(event.context));
  await cdp.send('Runtime.enable');
  const world = contexts.find((c) => c.name === 'Innoslate Key Assistant' && c.auxData?.frameId === frameTree.frame.id);
  if (!world) throw new Error('the content script is not running in this page\'s top frame');
  return world.id;
}

/**
 * The report page-facts.js builds for `page`, each element with what
 * Chromium's accessibility tree says about the same DOM node.
 */
async function reportBesideAccessibilityTree(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contextId = await contentWorld(cdp);
    await cdp.send('DOM.enable');
    await cdp.send('Accessibility.enable');
    const { result } = await cdp.send('Runtime.evaluate', {
      expression: withPageFacts('globalThis.__ikaCollected = ikaPageFacts.collect(); globalThis.__ikaCollected.nodes'),
      contextId,
    });
    const { result: report } = await cdp.send('Runtime.evaluate', {
      expression: 'globalThis.__ikaCollected.report', contextId, returnByValue: true,
    });
    const { result: items } = await cdp.send('Runtime.getProperties', { objectId: result.objectId, ownProperties: true });
    const byIndex = new Map(items.filter((p) => /^\d+$/.test(p.name)).map((p) => [Number(p.name), p.value.objectId]));
    const rows = [];
    for (const fact of report.value.elements) {
      const { node } = await cdp.send('DOM.describeNode', { objectId: byIndex.get(fact.id) });
      const { nodes } = await cdp.send('Accessibility.getPartialAXTree', {
        backendNodeId: node.backendNodeId, fetchRelatives: false,
      });
      const ax = nodes.find((n) => n.backendDOMNodeId === node.backendNodeId) ?? nodes[0];
      rows.push({
        id: fact.id,
        html: `<${node.localName}>`,
        report: { role: fact.role, name: fact.name },
        chromium: { role: ax.role?.value ?? '', name: ax.name?.value ?? '', ignored: ax.ignored },
      });
    }
    return rows;
  } finally {
    await cdp.detach();
  }
}

/**
 * Whether the reported name is Chromium's in the report's terms: one line,
 * key-like text hidden, and a long name cut between words, the cut marked.
 */
function sameName(reported, chromium) {
  const full = chromium.replace(/\s+/g, ' ').trim().replace(SECRET_TEXT, 'sk-[hidden]');
  if (full.length <= MAX_TEXT) return reported === full;
  const head = reported.replace(/ ?(\u2026|\[hidden\])$/, '');
  return reported.length <= MAX_TEXT && head !== reported && `${full} `.startsWith(`${head} `.trimStart());
}

function differences(rows) {
  return rows.flatMap((row) => {
    const out = [];
    if (row.report.role !== row.chromium.role) {
      out.push(`#${row.id} ${row.html} role: report "${row.report.role}", Chromium "${row.chromium.role}"`);
    }
    if (!sameName(row.report.name, row.chromium.name)) {
      out.push(`#${row.id} ${row.html} name: report "${row.report.name}", Chromium "${row.chromium.name}"`);
    }
    if (row.chromium.ignored) out.push(`#${row.id} ${row.html} is reported but not in Chromium's accessibility tree`);
    return out;
  });
}

async function expectSameAsChromium(page, { atLeast }) {
  const rows = await reportBesideAccessibilityTree(page);
  expect(rows.length, 'reported elements').toBeGreaterThanOrEqual(atLeast);
  expect(differences(rows), JSON.stringify(rows, null, 1)).toEqual([]);
}

test('OpenAI sign-in page', async () => {
  const page = await env.browser.context.newPage();
  await page.goto('https://auth.openai.com/log-in');
  await expect(page.getByRole('textbox', { name: 'Email address' })).toBeVisible();
  await expectSameAsChromium(page, { atLeast: 2 });
  await page.close();
});

test('OpenAI API keys page, its create-key dialog and "Save your key"', async () => {
  const page = await env.browser.context.newPage();
  await page.goto('https://platform.openai.com/api-keys');
  const create = page.getByRole('button', { name: 'Create new secret key' });
  await expect(create).toBeVisible();
  await expectSameAsChromium(page, { atLeast: 5 });
  await create.click();
  const dialog = page.getByRole('dialog', { name: 'Create new secret key' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: 'Restricted' }).check();
  await expect(dialog.getByRole('group', { name: 'Models', exact: true })).toBeVisible();
  await expectSameAsChromium(page, { atLeast: 12 });
  for (const id of ['configure-key', 'restrict-permissions']) await OPENAI_FLOW.find((s) => s.id === id).act(page);
  await expect(page.getByRole('dialog', { name: 'Save your key' })).toBeVisible();
  await expectSameAsChromium(page, { atLeast: 2 });
  await page.close();
});

test('OpenAI welcome and settings pages', async () => {
  const page = await env.browser.context.newPage();
  for (const path of ['/welcome', '/settings/organization/general']) {
    await page.goto(`https://platform.openai.com${path}`);
    await expect(page.locator('#main[aria-busy]')).toHaveCount(0);
    await expect(page.locator('#main > *').first()).toBeVisible();
    await expectSameAsChromium(page, { atLeast: 3 });
  }
  await page.close();
});

test('Innoslate dashboard and Organization Preferences', async () => {
  const page = await env.browser.context.newPage();
  for (const path of ['/acme/admin/dashboard', '/acme/admin/preferences']) {
    await page.goto(`https://cloud.innoslate.com${path}`);
    await expect(page.locator('body')).toBeVisible();
    await expectSameAsChromium(page, { atLeast: 3 });
  }
  await page.close();
});

test('2026 layout: /home with the sidebar, the keys table, the create-key dialog with a Mixed group, and "Save your key"', async () => {
  const page = await env.browser.context.newPage();
  await page.goto('https://platform.openai.com/home?layout=2026');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expectSameAsChromium(page, { atLeast: 12 });
  await page.goto('https://platform.openai.com/api-keys?open=create&permissions=restricted&mixed=1&expiry=required');
  const dialog = page.getByRole('dialog', { name: 'Create new secret key' });
  await expect(dialog.getByRole('radio', { name: 'Mixed' })).toBeChecked();
  await expectSameAsChromium(page, { atLeast: 30 });
  await page.goto('https://platform.openai.com/api-keys?open=save');
  // The key field has no accessible name on these pages.
  await expect(page.getByRole('dialog', { name: 'Save your key' }).getByRole('textbox')).toHaveAccessibleName('');
  await expectSameAsChromium(page, { atLeast: 3 });
  // The layout is kept in a cookie: back to the older one for whatever runs next.
  await page.goto('https://platform.openai.com/?layout=2025');
  await page.close();
});
