// The spotter's copy of the core's text normalisation, as shipped (the
// built, minified content script), against the fixture the core's own test
// uses (tests/core/text_normalisation.rs): the two cannot drift apart.
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import vm from 'node:vm';
import { EXTENSION_DIR } from '../../support/extension-browser.mjs';

test('the shipped spotter normalises page text exactly as the core does', async () => {
  const source = await readFile(`${EXTENSION_DIR}/content/spotter.js`, 'utf8');
  const { cases } = JSON.parse(await readFile('tests/fixtures/text-normalisation.json', 'utf8'));
  const world = { ikaPageFacts: {} };
  world.globalThis = world;
  vm.runInNewContext(source, world);
  expect(cases.length).toBeGreaterThanOrEqual(10);
  for (const { input, normalised } of cases) {
    expect(world.ikaSpotter.normalise(input), JSON.stringify(input)).toBe(normalised);
  }
});
