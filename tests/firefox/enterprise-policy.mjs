// Firefox's enterprise policy for the extension: an organization presets the
// Innoslate address and the key lifetime in policies.json ("3rdparty" →
// "Extensions" → the add-on id), and Firefox hands them to storage.managed.
//
// Firefox reads policies.json once, at start-up, from the "distribution"
// folder of its installation (Debian: /usr/lib/firefox-esr/distribution) or
// from /etc/firefox/policies. The test writes the file there for the one
// launch it needs, then puts back whatever was there before. Any Firefox
// started on this machine in that window reads it too; the file names only
// this add-on, so other add-ons and sites are unaffected.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GECKO_ID, FIREFOX } from '../support/driver-firefox.mjs';
import { waitFor } from '../support/ui.mjs';
import { createKeyAndSend, fillOnChoice, vaultStatus } from '../scenarios/key-transfer.mjs';
import { realpathSync } from 'node:fs';

// One minute, the shortest lifetime the policy allows; the scenario moves the
// background's clock past it rather than waiting.
export const POLICY = { innoslateOrigin: 'https://innoslate.example.test', keyLifetimeMinutes: 1 };

/** The distribution folder of the Firefox binary the tests run. */
function distributionDir() {
  return path.join(path.dirname(realpathSync(FIREFOX)), 'distribution');
}

/** Writes policies.json for this add-on; returns a function that restores the previous state. */
export async function installPolicy(policy = POLICY) {
  const dir = distributionDir();
  const file = path.join(dir, 'policies.json');
  const backup = `${file}.ika-backup`;
  const hadDir = existsSync(dir);
  const hadFile = existsSync(file);
  if (hadFile) await rename(file, backup);
  await mkdir(dir, { recursive: true });
  await writeFile(file, JSON.stringify({ policies: { '3rdparty': { Extensions: { [GECKO_ID]: policy } } } }, null, 2));
  return async () => {
    await rm(file, { force: true });
    if (hadFile) await rename(backup, file);
    if (!hadDir) await rm(dir, { recursive: true, force: true });
  };
}

export const policyScenarios = {
  async 'policies.json presets the address and key lifetime; the options page shows them locked and asks for access to the address'(driver) {
    const options = await driver.openExtensionPage('options/options.html');
    const shown = await waitFor('the managed settings', () => options.evaluate(() => {
      const $ = (id) => document.getElementById(id);
      if (document.querySelector('main').hasAttribute('aria-busy')) return null;
      return {
        destination: $('destination').value,
        destinationLocked: $('destination').disabled && $('use-cloud').disabled,
        destinationStatus: $('destination-status').textContent,
        allowShown: !$('allow-access').hidden,
        ttl: $('ttl').value,
        ttlLocked: $('ttl').disabled,
        ttlStatus: $('ttl-status').textContent,
      };
    }, null));
    assert.deepEqual(shown, {
      destination: POLICY.innoslateOrigin, destinationLocked: true,
      // A policy cannot give the extension access to the address: the admin does, here.
      destinationStatus: `Set by your organization. To fill the key on ${POLICY.innoslateOrigin}, the extension needs your permission there: choose Allow access.`,
      allowShown: true,
      ttl: String(POLICY.keyLifetimeMinutes), ttlLocked: true,
      ttlStatus: 'Set by your organization.',
    });
    const managed = await options.evaluate(() => browser.storage.managed.get(null), null);
    assert.deepEqual(managed, POLICY);
    await options.click({ role: 'button', name: 'Allow access' });
    await waitFor('access allowed', () => options.evaluate(() => document.getElementById('destination-status').textContent.startsWith('Set by your organization. Keys will only be filled on') || null, null));
    assert.equal(await options.evaluate(() => document.getElementById('allow-access').hidden, null), true);
    assert.equal(await options.evaluate((p) => browser.permissions.contains({ origins: [p] }), `${POLICY.innoslateOrigin}/*`), true);
    await options.close();
  },

  async 'a key sent under the policy is filled at its address'(driver) {
    const { key, openai, innoslate } = await createKeyAndSend(driver, { destination: POLICY.innoslateOrigin });
    await innoslate.goto(`${POLICY.innoslateOrigin}/acme/admin/preferences`);
    await fillOnChoice(innoslate, key);
    await innoslate.close();
    await openai.close();
  },

  async 'a key sent under the policy goes to its address and expires after its lifetime'(driver) {
    const { openai, innoslate } = await createKeyAndSend(driver, { destination: POLICY.innoslateOrigin });
    const vault = await vaultStatus(driver);
    assert.equal(vault.destination, POLICY.innoslateOrigin);
    const left = vault.expires_at_ms - Date.now();
    assert.ok(left > 30_000 && left <= 60_000, `the key waits one minute (${left} ms left)`);
    await driver.advanceBackgroundClock(left + 1_000);
    assert.equal(await vaultStatus(driver), null, 'the key is wiped when its time is up');
    const popup = await driver.openExtensionPage('popup/popup.html');
    const session = await popup.evaluate(async () => JSON.stringify(await browser.storage.session.get('vault')), null);
    assert.equal(session, '{}', 'and its in-memory mirror with it');
    await popup.close();
    await innoslate.close();
    await openai.close();
  },
};
