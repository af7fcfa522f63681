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
import { waitFor } from '../scenarios/ui.mjs';
import { realpathSync } from 'node:fs';

export const POLICY = { innoslateOrigin: 'https://innoslate.example.test', keyLifetimeMinutes: 3 };

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
  async 'policies.json presets the address and key lifetime; the options page shows them locked'(driver) {
    const options = await driver.openExtensionPage('options/options.html');
    const shown = await waitFor('the managed settings', () => options.evaluate(() => {
      const $ = (id) => document.getElementById(id);
      if ($('destination-status').textContent !== 'Set by your organization.') return null;
      return {
        destination: $('destination').value,
        destinationLocked: $('destination').disabled && $('use-cloud').disabled,
        ttl: $('ttl').value,
        ttlLocked: $('ttl').disabled,
        ttlStatus: $('ttl-status').textContent,
      };
    }, null));
    assert.deepEqual(shown, {
      destination: POLICY.innoslateOrigin, destinationLocked: true, ttl: String(POLICY.keyLifetimeMinutes), ttlLocked: true,
      ttlStatus: 'Set by your organization.',
    });
    const managed = await options.evaluate(() => browser.storage.managed.get(null), null);
    assert.deepEqual(managed, POLICY);
    await options.close();
  },
};
