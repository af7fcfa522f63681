// The words the content scripts show live in extension/_locales/en/messages.json
// (ids `content_*`, read with i18n.getMessage): every id a content script
// names must be there with its words, or users would see an empty button or
// status line; every `content_*` message must be used by one; and each
// message's placeholders must be defined, or the browser shows them raw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { messages, getMessage } from '../support/extension-messages.mjs';

const CONTENT_DIR = path.resolve('extension/content');
const scripts = readdirSync(CONTENT_DIR).filter((name) => name.endsWith('.js'));

/** The message ids named in `source`: any string literal `content_...`. */
const idsIn = (source) => [...source.matchAll(/['"`](content_[A-Za-z0-9_]*)['"`]/g)].map((m) => m[1]);

const used = new Map(scripts.map((name) => [name, idsIn(readFileSync(path.join(CONTENT_DIR, name), 'utf8'))]));
const allUsed = new Set([...used.values()].flat());

test('every message id a content script uses is in messages.json, with words', () => {
  assert.ok(allUsed.size >= 20, `only ${allUsed.size} message ids found in the content scripts`);
  for (const [script, ids] of used) {
    for (const id of ids) {
      assert.ok(Object.hasOwn(messages, id), `${script} uses ${id}, which messages.json lacks`);
      assert.ok(getMessage(id).trim().length > 0, `${id} is empty`);
    }
  }
});

test('every content_ message is used by a content script', () => {
  const unused = Object.keys(messages).filter((id) => id.startsWith('content_') && !allUsed.has(id));
  assert.deepEqual(unused, []);
});

test('every status_ message (the callout\'s line after "Send key", worded by the background) is used by words.js, and only those', () => {
  const source = readFileSync(path.resolve('extension/shared/words.js'), 'utf8');
  const named = new Set([...source.matchAll(/['"`](status_[A-Za-z0-9_]*)['"`]/g)].map((m) => m[1]));
  const defined = Object.keys(messages).filter((id) => id.startsWith('status_'));
  assert.deepEqual([...named].sort(), defined.sort());
  assert.equal(defined.length, 3);
});

test('placeholders are defined and filled', () => {
  for (const [id, entry] of Object.entries(messages)) {
    // A placeholder may be used twice ("Set $ROW$ itself"): each name counts once.
    const named = [...new Set([...entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1].toLowerCase()))];
    const defined = Object.keys(entry.placeholders || {}).map((key) => key.toLowerCase());
    assert.deepEqual(named.sort(), defined.sort(), `${id}: placeholders in the text and those defined differ`);
    if (named.length) assert.ok(!getMessage(id, ['X']).includes('$'), `${id} keeps a $ after substitution`);
  }
  assert.equal(getMessage('status_key_sent', 'sk-\u2026AbCd'),
    'Key sk-\u2026AbCd is on its way: Innoslate opens in a new tab. It is kept in memory only, for a few minutes.');
  assert.equal(getMessage('content_filled_many', ['2']), 'Filled 2 fields. Check it, then press the form\'s Save button.');
});
