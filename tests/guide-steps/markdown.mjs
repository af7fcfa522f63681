// docs/guide-steps.md from the evidence table (evidence.mjs):
//   node tests/guide-steps/markdown.mjs --write
// tests/unit/guide-steps.test.mjs fails while the file differs from this.
import { writeFile } from 'node:fs/promises';
import { AMBIGUOUS_STEPS, MUTATION_SEEDS, SAME_SCREEN_FAMILIES, STEPS } from './evidence.mjs';

export const MARKDOWN_PATH = 'docs/guide-steps.md';

const code = (s) => `\`${s}\``;

function screenLine(step, screen) {
  const url = new URL(screen.url);
  const where = `${url.host}${url.pathname}${url.search}`;
  const expected = screen.expect === 'intended'
    ? 'spotlight on its control'
    : `no spotlight; the callout says "${screen.lookFor}"`;
  const mutated = screen.mutated
    ? `; redesigns: ${SAME_SCREEN_FAMILIES.length} same-screen families × ${MUTATION_SEEDS.length} seeds${AMBIGUOUS_STEPS[screen.layout].includes(step.number) ? ', ambiguous family (fallback expected)' : ''}`
    : '';
  return `| ${screen.layout} | ${screen.knob ? code(screen.knob) : ''} | ${code(where)} | ${expected}${mutated} |`;
}

export function render() {
  const lines = [
    '# Guide steps: how each is recognised, and where that is checked',
    '',
    'Generated from `tests/guide-steps/evidence.mjs` by `node tests/guide-steps/markdown.mjs --write`; do not edit by hand.',
    'The recognition itself is `src/guide/openai.rs`. Every screen row is a test of',
    '`tests/e2e/guide/guide-steps.spec.mjs` ("step N (id) on layout[, knob]"); rows with redesigns are also a test of',
    '`tests/e2e/guide/recognition-mutations.spec.mjs` ("layout layout, step N (id)"), which visits the screen',
    'under every mutation family (`tests/practice-site/openai/platform/variant.js`).',
    '',
  ];
  for (const step of STEPS) {
    lines.push(`## Step ${step.number}: ${code(step.id)}`, '');
    lines.push(`Recognised on: ${step.screen}.`, '');
    lines.push(`Points at (first found): ${step.target.join('; ')}.`, '');
    lines.push('| layout | knob | screen | checked |', '| --- | --- | --- | --- |');
    for (const screen of step.screens) lines.push(screenLine(step, screen));
    lines.push('');
  }
  return lines.join('\n');
}

if (process.argv.includes('--write')) {
  await writeFile(MARKDOWN_PATH, render());
  console.log(`wrote ${MARKDOWN_PATH}`);
}
