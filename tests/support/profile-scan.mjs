// Looks for a secret in every file of a browser profile, as bytes in UTF-8
// and UTF-16, and inside Firefox's mozLz4-compressed files (session store,
// add-on lists), which a plain byte search would read past.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const MOZLZ4_MAGIC = Buffer.from('mozLz40\0', 'latin1');

async function filesUnder(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...await filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Decodes one LZ4 block (the format inside mozLz4 files). */
export function lz4BlockDecode(input, expectedSize) {
  const out = Buffer.alloc(expectedSize);
  let i = 0;
  let o = 0;
  while (i < input.length) {
    const token = input[i++];
    let literals = token >> 4;
    if (literals === 15) {
      let more;
      do { more = input[i++]; literals += more; } while (more === 255);
    }
    input.copy(out, o, i, i + literals);
    i += literals;
    o += literals;
    if (i >= input.length) break;
    const offset = input[i] | (input[i + 1] << 8);
    i += 2;
    let length = token & 15;
    if (length === 15) {
      let more;
      do { more = input[i++]; length += more; } while (more === 255);
    }
    length += 4;
    for (let k = 0; k < length; k += 1, o += 1) out[o] = out[o - offset];
  }
  return out.subarray(0, o);
}

function expand(bytes) {
  if (bytes.length > 12 && bytes.subarray(0, 8).equals(MOZLZ4_MAGIC)) {
    return lz4BlockDecode(bytes.subarray(12), bytes.readUInt32LE(8));
  }
  return bytes;
}

/** Profile files (relative paths) that contain `needle`. */
export async function profileFilesContaining(profile, needle) {
  const hits = [];
  const wanted = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')];
  for (const file of await filesUnder(profile)) {
    if ((await stat(file)).size > 64 * 1024 * 1024) continue;
    const bytes = await readFile(file).catch(() => null);
    if (!bytes) continue;
    const plain = expand(bytes);
    if (wanted.some((w) => plain.includes(w))) hits.push(path.relative(profile, file));
  }
  return hits;
}

/**
 * Fails (with `expect`) when any part of `key` beyond OpenAI's last four is
 * in the extension's storage or, once `browser` is closed with its profile
 * kept, in any file of that profile. Closes `browser`.
 * @param {{ worker: import('@playwright/test').Worker, profile: string, close: (o: { keepProfile: boolean }) => Promise<void> }} browser
 * @param {string} key
 * @param {typeof import('@playwright/test').expect} expect
 */
export async function expectNoTraceOfKey(browser, key, expect) {
  const everything = await browser.worker.evaluate(async () => JSON.stringify([
    await chrome.storage.local.get(null), await chrome.storage.session.get(null),
  ]));
  expect(everything).not.toContain(key.slice(8, 40));
  expect(everything).not.toContain(key.slice(-12, -4));
  await browser.close({ keepProfile: true });
  expect(await profileFilesContaining(browser.profile, key)).toEqual([]);
  expect(await profileFilesContaining(browser.profile, key.slice(8, 60))).toEqual([]);
  expect(await profileFilesContaining(browser.profile, key.slice(-16, -4))).toEqual([]);
}
