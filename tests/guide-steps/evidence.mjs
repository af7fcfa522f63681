// One row per guide step: what the core recognises the step's screen by and
// what it points at (src/guide/openai.rs, in words), and the practice-site
// screens it is checked on. tests/e2e/guide/guide-steps.spec.mjs opens every
// screen of every row (one test each); recognition-mutations.spec.mjs runs
// the seeded redesigns of each row's `mutated` screens (one test per step
// and layout). A redesign of one OpenAI page therefore fails the rows of
// that step only. docs/guide-steps.md is this table in Markdown
// (`node tests/guide-steps/markdown.mjs --write`; tests/unit/guide-steps.test.mjs
// keeps it current and checks the control names against openai.rs).
//
// A screen's `expect`:
//   'intended'  the callout shows the step, its spotlight around the element
//               the practice site marks as the one a person would use
//               (`data-practice-intended="<step id>"`), or, on pages without
//               marks, around `spotlightOn` (role and accessible name)
//   'fallback'  the callout shows the step with no spotlight and says what
//               to look for (`lookFor`, a part of the step's words)

const PLATFORM = 'https://platform.openai.com';
const AUTH = 'https://auth.openai.com';

export const STEPS = [
  {
    number: 1,
    id: 'sign-in',
    screen: 'auth.openai.com under /log-in, /create-account, /email-verification, /choose-an-account or /mfa-challenge',
    target: ['textbox "email" (empty)', 'textbox "password" (empty)', 'textbox "code" (empty)', 'button "Continue"', 'button "Log in"'],
    screens: [
      { layout: '2025', url: `${AUTH}/log-in?layout=2025`, expect: 'intended', spotlightOn: { role: 'textbox', name: 'Email address' } },
      { layout: '2026', url: `${AUTH}/log-in-or-create-account?layout=2026`, expect: 'intended', spotlightOn: { role: 'textbox', name: 'Email address' } },
    ],
  },
  {
    number: 2,
    id: 'start-building',
    screen: 'platform.openai.com with a button "Start building"',
    target: ['button "Start building"'],
    screens: [
      // The 2026 layout has no such screen.
      { layout: '2025', url: `${PLATFORM}/?layout=2025`, expect: 'intended', mutated: true },
    ],
  },
  {
    number: 3,
    id: 'invite-team',
    screen: 'platform.openai.com with a button named "…invite my team later"',
    target: ['button "…invite my team later"'],
    screens: [
      { layout: '2025', url: `${PLATFORM}/welcome?step=invite&layout=2025`, expect: 'intended', mutated: true },
      { layout: '2026', url: `${PLATFORM}/welcome?step=invite&layout=2026`, expect: 'intended', mutated: true },
    ],
  },
  {
    number: 4,
    id: 'name-key-and-project',
    screen: 'platform.openai.com with a button "Generate API Key"',
    target: ['textbox "key name" (empty)', 'textbox "project name" (empty)', 'button "Generate API Key"'],
    screens: [
      { layout: '2025', url: `${PLATFORM}/welcome?step=try&layout=2025`, expect: 'intended', mutated: true },
      { layout: '2026', url: `${PLATFORM}/welcome?step=try&layout=2026`, expect: 'intended', mutated: true },
    ],
  },
  {
    number: 5,
    id: 'test-key-shown',
    screen: 'platform.openai.com with a button "Copy" and a heading "…first API call" or a button "Continue", no "Save your key" dialog',
    target: ['button "Continue"', 'button "Copy"'],
    screens: [
      { layout: '2025', url: `${PLATFORM}/welcome?step=try&generated=1&layout=2025`, expect: 'intended', mutated: true },
      { layout: '2026', url: `${PLATFORM}/welcome?step=try&generated=1&layout=2026`, expect: 'intended', mutated: true },
    ],
  },
  {
    number: 6,
    id: 'create-organization',
    screen: 'platform.openai.com with a button "Create organization"',
    target: ['textbox "organization name" (empty)', 'button "Create organization"'],
    screens: [
      { layout: '2025', url: `${PLATFORM}/welcome?step=create&layout=2025`, expect: 'intended', mutated: true },
      { layout: '2026', url: `${PLATFORM}/welcome?step=create&layout=2026`, expect: 'intended', mutated: true },
    ],
  },
  {
    number: 7,
    id: 'open-api-keys',
    screen: 'platform.openai.com, not under /api-keys, with a link or tab "API keys", no create-key or "Save your key" dialog',
    target: ['link "API keys" under a "Project" caption', 'tab "API keys" under a "Project" caption', 'the only link "API keys" of a navigation', 'the only link "API keys"', 'the only tab "API keys"'],
    screens: [
      { layout: '2025', url: `${PLATFORM}/settings/organization/general?layout=2025`, expect: 'intended', mutated: true },
      { layout: '2026', url: `${PLATFORM}/home?layout=2026`, expect: 'intended', mutated: true },
      { layout: '2026', knob: 'links=twin', url: `${PLATFORM}/home?layout=2026&links=twin`, expect: 'intended' },
    ],
  },
  {
    number: 8,
    id: 'create-secret-key',
    screen: 'platform.openai.com under /api-keys, no create-key or "Save your key" dialog',
    target: ['button "Create new secret key", "Create secret key" or "New secret key"'],
    screens: [
      { layout: '2025', url: `${PLATFORM}/settings/proj_practice/api-keys?layout=2025`, expect: 'intended', mutated: true },
      { layout: '2025', knob: 'delay=2000', url: `${PLATFORM}/api-keys?layout=2025&delay=2000`, expect: 'intended' },
      { layout: '2025', knob: 'history=1', url: `${PLATFORM}/api-keys?layout=2025&history=1`, expect: 'intended' },
      { layout: '2025', knob: 'missing=create-button', url: `${PLATFORM}/api-keys?layout=2025&missing=create-button`, expect: 'fallback', lookFor: 'Look for a button named Create new secret key' },
      { layout: '2026', url: `${PLATFORM}/api-keys?layout=2026`, expect: 'intended', mutated: true },
    ],
  },
  {
    number: 9,
    id: 'configure-key',
    screen: 'a create-key dialog (title "Create new secret key" / "Create secret key", or a choice "Restricted", a group "Permissions" and the submit button) on platform.openai.com, no "Save your key" dialog',
    target: ['textbox with placeholder "My Test Key" in the dialog (empty)', 'textbox "Name…" in the dialog (empty)', 'choice "Restricted" in the dialog', 'the expiration control', 'button "Create secret key" or "Create key" in the dialog'],
    screens: [
      { layout: '2025', url: `${PLATFORM}/api-keys?open=create&layout=2025`, expect: 'intended', mutated: true },
      { layout: '2025', knob: 'trap', url: `${PLATFORM}/api-keys?open=create&layout=2025&trap`, expect: 'intended' },
      { layout: '2026', url: `${PLATFORM}/api-keys?open=create&layout=2026`, expect: 'intended', mutated: true },
      { layout: '2026', knob: 'keys=service-only', url: `${PLATFORM}/api-keys?open=create&layout=2026&keys=service-only`, expect: 'intended' },
    ],
  },
  {
    number: 10,
    id: 'restrict-permissions',
    screen: 'the create-key dialog with "Restricted" chosen, no "Save your key" dialog',
    target: ['the level of the rows "Models" (Read) and "Model capabilities" (Request or Write) the key still lacks, from the page', 'the expiration control', 'button "Create secret key" or "Create key" in the dialog'],
    screens: [
      { layout: '2025', url: `${PLATFORM}/api-keys?open=create&permissions=restricted&layout=2025`, expect: 'intended', mutated: true },
      { layout: '2026', url: `${PLATFORM}/api-keys?open=create&permissions=restricted&layout=2026`, expect: 'intended', mutated: true },
      { layout: '2026', knob: 'mixed=1', url: `${PLATFORM}/api-keys?open=create&permissions=restricted&layout=2026&mixed=1`, expect: 'intended' },
      { layout: '2026', knob: 'expiry=required', url: `${PLATFORM}/api-keys?open=create&permissions=restricted&layout=2026&expiry=required`, expect: 'intended' },
    ],
  },
  {
    number: 11,
    id: 'save-your-key',
    screen: 'a dialog titled "Save your key" / "…API key" / "…secret key", or holding a read-only field with a value and a button "Copy"',
    target: ['textbox in the dialog', 'button "Copy" in the dialog'],
    screens: [
      { layout: '2025', url: `${PLATFORM}/api-keys?open=save&layout=2025`, expect: 'intended', mutated: true },
      { layout: '2026', url: `${PLATFORM}/api-keys?open=save&layout=2026`, expect: 'intended', mutated: true },
    ],
  },
];

// The mutation suite's families (tests/practice-site/openai/platform/variant.js):
// redesigns a person still reads as the same screen...
export const SAME_SCREEN_FAMILIES = [
  'hashed', 'wrappers', 'swaps', 'labels', 'headings', 'reordered', 'wording', 'late',
  'banners', 'decoys', 'second-dialog', 'captions',
];
// The seeds of each family the test command visits on every screen (two
// redesigns per family); MUTATION_SEEDS=1,2,3,4,5 widens a run.
export const MUTATION_SEEDS = [1, 2];
// ...and the family that makes some screens ambiguous for a person too,
// where the only right answer is no spotlight and words about what to look
// for (on the 2026 layout the sidebar's one API Keys link stays clear).
export const AMBIGUOUS_STEPS = { 2025: [7, 8, 10], 2026: [8, 10] };

/** The screens the mutation suite redesigns, in the order a new account meets them. */
export function mutatedScreens(layout) {
  const order = layout === '2026' ? [6, 3, 4, 5, 7, 8, 9, 10, 11] : [2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  return order.flatMap((number) => {
    const step = STEPS.find((s) => s.number === number);
    return step.screens.filter((s) => s.layout === layout && s.mutated).map((s) => ({ step: number, id: step.id, url: s.url }));
  });
}
