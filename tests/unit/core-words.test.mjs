// The core answers message ids (`core_*` in extension/_locales/en/messages.json);
// extension/shared/words.js turns them into words with i18n.getMessage before
// a content script or the popup shows them. These tests run it against the
// real messages, with getMessage as the browsers implement it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getMessage } from '../support/extension-messages.mjs';

globalThis.chrome = /** @type {any} */ ({ i18n: { getMessage } });
const { words, replyInWords } = await import('../../extension/shared/words.js');

test('an id, and a message with values shown as they are or in our words', () => {
  assert.equal(words('core_revoke_title'), 'Revoke the old key');
  assert.equal(words(['core_progress', '8', '11']), 'Step 8 of 11');
  assert.equal(
    words(['core_need_unmet', 'Models', 'Request', ['core_need_list_may'], ['core_need_list_without']]),
    'Models: Request is not chosen yet, so Innoslate could not list the models it may use.',
  );
});

test('a value from a page cannot name a placeholder or another message', () => {
  assert.equal(
    words(['core_revoke_press_named', '$1 $$ $ACTION$ core_revoke_title']),
    "Innoslate now uses the new key. In OpenAI's table, press \u201c$1 $$ $ACTION$ core_revoke_title\u201d in the old key's row. The extension never presses it for you.",
  );
});

test('a guide reply reaches the content script in words; other replies pass as they are', () => {
  const overlay = {
    guide: 'openai-api-key', step: 'save-your-key', number: 11, total: 11,
    progress: ['core_progress', '11', '11'],
    title: 'core_save_your_key_title',
    instruction: ['core_save_your_key_do'],
    why: 'core_save_your_key_why',
    advice: [['core_live_test_offer'], ['core_replacing', 'Innoslate (sk-...Ab12)']],
    target: 3, keep_clear: [], target_expected: true, can_go_back: true,
    capture: { from: 3, label: 'core_send_key' }, fill: null, live_test: null,
  };
  const shown = replyInWords({ kind: 'guide', ok: true, overlay, paused: false });
  assert.equal(shown.kind, 'guide');
  const o = /** @type {any} */ (shown).overlay;
  assert.equal(o.progress, 'Step 11 of 11');
  assert.equal(o.title, 'Send the key to Innoslate');
  assert.match(o.instruction, /^OpenAI shows this key only once\./);
  assert.match(o.why, /never through the clipboard/);
  assert.match(o.advice[0], /press \u201cTest with OpenAI\u201d/);
  assert.match(o.advice[1], /^Replacing the key Innoslate \(sk-\.\.\.Ab12\): make the new key/);
  assert.equal(o.capture.label, 'Send key to Innoslate');
  assert.equal(o.target, 3);
  for (const text of [o.progress, o.title, o.instruction, o.why, ...o.advice, o.capture.label]) {
    assert.ok(text && !text.includes('core_') && !text.includes('$'), text);
  }
  const done = { kind: 'done', ok: true };
  assert.equal(replyInWords(/** @type {any} */ (done)), done);
  // The Fill buttons of an Innoslate page, in words; the offer as it is.
  const fill = { offer: 'n0nce', pick: false, masked: 'sk-...Ab12', choices: [{ label: 'core_fill_chat_ai', fields: [1] }, { label: 'core_fill_both', fields: [1, 2] }] };
  const filled = /** @type {any} */ (replyInWords({ kind: 'guide', ok: true, overlay: { ...overlay, capture: null, fill }, paused: false })).overlay;
  assert.deepEqual(filled.fill, { ...fill, choices: [{ label: 'Fill Chat AI', fields: [1] }, { label: 'Fill Both', fields: [1, 2] }] });
  const none = { kind: 'guide', ok: true, overlay: null, paused: true };
  assert.equal(replyInWords(/** @type {any} */ (none)), none);
});
