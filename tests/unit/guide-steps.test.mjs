// The guide-step evidence table (tests/guide-steps/evidence.mjs) against the
// core's guide (src/guide/openai.rs) and its Markdown view: the same steps
// in the same order, every control name it quotes still one the core looks
// for, and docs/guide-steps.md regenerated after each change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { STEPS } from '../guide-steps/evidence.mjs';
import { MARKDOWN_PATH, render } from '../guide-steps/markdown.mjs';

const GUIDE = readFileSync('src/guide/openai.rs', 'utf8');
const STEP_LIST = GUIDE.slice(GUIDE.indexOf('static STEPS'));

test('the table has the core\'s eleven steps, in order, each with a screen to check', () => {
  const coreIds = [...STEP_LIST.matchAll(/^ {8}id: "([a-z-]+)",$/gm)].map((m) => m[1]);
  assert.equal(coreIds.length, 11);
  assert.deepEqual(STEPS.map((s) => s.id), coreIds);
  assert.deepEqual(STEPS.map((s) => s.number), coreIds.map((_, i) => i + 1));
  for (const step of STEPS) assert.ok(step.screens.length > 0, step.id);
});

test('every control name the table quotes is one the core looks for', () => {
  for (const step of STEPS) {
    for (const text of [step.screen, ...step.target]) {
      for (const [, quoted] of text.matchAll(/"([^"]+)"/g)) {
        const name = quoted.replace(/^…|…$/g, '');
        assert.ok(GUIDE.includes(name), `step ${step.number}: "${name}" is not in src/guide/openai.rs`);
      }
    }
  }
});

test(`${MARKDOWN_PATH} is the table as it is now (node tests/guide-steps/markdown.mjs --write)`, () => {
  assert.equal(readFileSync(MARKDOWN_PATH, 'utf8'), render());
});
